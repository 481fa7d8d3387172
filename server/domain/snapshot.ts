// The meeting as every client sees it, and the derived "where are we" view that the
// projector, the tablets and the HTTP API share. Pure functions of the snapshot and a clock.
import { nextPendingAfter } from "./pending";
import type { AgendaItemKey, LiveState, MeetingModel, RosterEntry, SpeakerRecord, SpeakerStage } from "./meeting-types";
import type { RankingRule, RatingLevel, Tally, VoterCategory } from "./tally";
import { meetingTime } from "./rehearsal";
import { elapsedMs, remainingMs, timerPhase, type TimerPhase } from "./timer";

export interface AgendaText {
  title: string;
  text: string;
}

/**
 * The chair's speech follows the seed: first what the year achieved (成绩 1.–3.), then the
 * requirements (要求 1.–…). Each part is numbered from 1.
 */
export type ClosingSection = "achievements" | "requirements";

export interface ClosingPoint {
  title: string;
  body: string;
  /** Absent in meetings prepared before parts existed: those points are 要求. */
  section?: ClosingSection;
}

export function closingSectionOf(point: ClosingPoint): ClosingSection {
  return point.section ?? "requirements";
}

/** The number the chair reads out for the point at `index`: 1-based within its part. */
export function closingPointNumber(points: ClosingPoint[], index: number): number {
  const point = points[index];
  if (!point) return index + 1;
  const section = closingSectionOf(point);
  let number = 1;
  for (let i = index - 1; i >= 0 && closingSectionOf(points[i]) === section; i--) number++;
  return number;
}

export interface MeetingInfo {
  id: string;
  title: string;
  date: string;
  venue: string;
  chairName: string;
  guests: string;
  agenda: Record<AgendaItemKey, AgendaText>;
  closingPoints: ClosingPoint[];
  limitMs: number;
  warningMs: number;
  /** 民主测评 setup: the levels of the ballot, voter categories and 应到人数. */
  ratingLevels: RatingLevel[];
  voterCategories: VoterCategory[];
  /** The one rule every figure of the tally follows (set in the evaluation setup). */
  rankingRule: RankingRule;
  expectedVoters: number;
}

export interface RosterView extends RosterEntry {
  reportText: string;
  /** Present when a report file was uploaded: its name and whether tablets can read it as HTML. */
  attachment: { fileName: string; contentType: string; hasHtml: boolean } | null;
  record: SpeakerRecord | null;
  /** Rated on the 测评票. */
  evaluated: boolean;
}

/** Counts only: never who has or has not voted. */
export interface VotingProgress {
  expected: number;
  electronic: number;
  paperIssued: number;
  paperReturned: number;
  paperEntered: number;
}

export interface MeetingSnapshot {
  /** Increases with every change; a client ignores a snapshot older than the one it has. */
  version: number;
  meeting: MeetingInfo;
  roster: RosterView[];
  live: LiveState;
  progress: VotingProgress;
  /** The frozen tally, present only while the chair has it published (当场公布). */
  results: Tally | null;
}

export const AGENDA_ORDER: AgendaItemKey[] = ["reports", "evaluation", "closing"];
export const AGENDA_NUMBERS: Record<AgendaItemKey, string> = { reports: "一", evaluation: "二", closing: "三" };

/** The results every screen may see: the frozen tally while the chair has it published (当场公布). */
export function publishedResults(live: LiveState, frozen: Tally | null): Tally | null {
  return live.voting.status === "closed" && live.voting.published ? frozen : null;
}

/** The meeting's clock at server wall-clock time `serverNow`: rehearsal time during a 彩排. */
export function meetingNow(snapshot: MeetingSnapshot, serverNow: number): number {
  return meetingTime(snapshot.live.rehearsal, serverNow);
}

export function modelOf(snapshot: MeetingSnapshot): MeetingModel {
  return {
    settings: { limitMs: snapshot.meeting.limitMs, warningMs: snapshot.meeting.warningMs },
    roster: snapshot.roster,
    closingPointCount: snapshot.meeting.closingPoints.length,
    live: snapshot.live,
  };
}

export interface SpeakerSummary {
  id: string;
  name: string;
  unit: string;
  title: string;
  mode: RosterEntry["mode"];
}

export interface HallState {
  meetingId: string;
  title: string;
  version: number;
  /** "pending" before item 1, "closed" after item 3. */
  item: { key: AgendaItemKey | "pending" | "closed"; number: number | null; title: string };
  stage: SpeakerStage | null;
  speaker: SpeakerSummary | null;
  next: SpeakerSummary | null;
  closingPoint: { index: number; title: string } | null;
  /** Null in the real meeting; during a 彩排 its speed and start (server time, epoch ms). */
  rehearsal: { speed: number; startedAt: number } | null;
  /** In rehearsal time during a 彩排 (10 s of wall clock at 10× is 100 000 ms elapsed). */
  timer: {
    status: LiveState["timer"]["status"];
    limitMs: number;
    elapsedMs: number;
    remainingMs: number;
    warningMs: number;
    phase: TimerPhase;
    /** Server time (epoch ms) the figures were computed at. */
    computedAt: number;
  };
}

function summary(entry: RosterEntry | undefined): SpeakerSummary | null {
  if (!entry) return null;
  return { id: entry.id, name: entry.name, unit: entry.unit, title: entry.title, mode: entry.mode };
}

/** Where the meeting stands at server wall-clock time `serverNow`. */
export function hallState(snapshot: MeetingSnapshot, serverNow: number): HallState {
  const { meeting, live, roster } = snapshot;
  const now = meetingNow(snapshot, serverNow);
  const cursor = live.cursor;
  const model = modelOf(snapshot);
  const remaining = remainingMs(live.timer, now);
  let item: HallState["item"];
  let speaker: RosterEntry | undefined;
  let next: RosterEntry | undefined;
  let closingPoint: HallState["closingPoint"] = null;
  switch (cursor.item) {
    case "pending":
      item = { key: "pending", number: null, title: "会议即将开始" };
      next = nextPendingAfter(model, live, -1);
      break;
    case "reports": {
      item = { key: "reports", number: 1, title: meeting.agenda.reports.title };
      const index = roster.findIndex((e) => e.id === cursor.speakerId);
      speaker = roster[index];
      next = nextPendingAfter(model, live, index);
      break;
    }
    case "evaluation":
      item = { key: "evaluation", number: 2, title: meeting.agenda.evaluation.title };
      break;
    case "closing": {
      item = { key: "closing", number: 3, title: meeting.agenda.closing.title };
      const point = meeting.closingPoints[cursor.point];
      closingPoint = point ? { index: cursor.point, title: point.title } : null;
      break;
    }
    case "closed":
      item = { key: "closed", number: null, title: "会议结束" };
      break;
    default: {
      const unknown: never = cursor;
      throw new Error(`unknown cursor ${JSON.stringify(unknown)}`);
    }
  }
  return {
    meetingId: meeting.id,
    title: meeting.title,
    version: snapshot.version,
    item,
    stage: cursor.item === "reports" ? cursor.stage : null,
    speaker: summary(speaker),
    next: summary(next),
    closingPoint,
    rehearsal: live.rehearsal ? { speed: live.rehearsal.speed, startedAt: live.rehearsal.startedAt } : null,
    timer: {
      status: live.timer.status,
      limitMs: live.timer.limitMs,
      elapsedMs: elapsedMs(live.timer, now),
      remainingMs: remaining,
      warningMs: meeting.warningMs,
      phase: timerPhase(remaining, meeting.warningMs),
      computedAt: serverNow,
    },
  };
}
