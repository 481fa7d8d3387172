// Meetings, their rosters and their live state. Functions take explicit ids; callers
// (the meeting service, the HTTP API, the seed) decide who may call them.
import { randomBytes, randomInt } from "node:crypto";
import { liveStateSchema } from "../domain/live-state-schema";
import { initialLiveState, type LiveState, type SpeakerMode } from "../domain/meeting-types";
import { publishedResults, type ClosingPoint, type MeetingSnapshot, type VotingProgress } from "../domain/snapshot";
import { DEFAULT_RATING_LEVELS, parseStoredJson, rankingRuleSchema, ratingLevelsSchema, voterCategoriesSchema } from "../domain/evaluation-setup";
import { DEFAULT_RANKING_RULE } from "../domain/tally";
import type { Tally } from "../domain/tally";
import { votingProgress, type Tx } from "../voting/ballot-data";
import type { Db } from "../platform/db";
import { addSeats } from "../voting/seat-data";

export interface MeetingSummary {
  id: string;
  title: string;
  date: string;
  venue: string;
  attendeeCode: string;
  displayToken: string;
  tellerToken: string | null;
}

export interface NewSpeaker {
  unit: string;
  name: string;
  title: string;
  mode: SpeakerMode;
  limitMs: number | null;
  reportText: string;
}

export interface NewMeeting {
  title: string;
  date: string;
  venue: string;
  chairName: string;
  guests: string;
  reportsTitle: string;
  reportsText: string;
  evaluationTitle: string;
  evaluationText: string;
  closingTitle: string;
  closingText: string;
  closingPoints: ClosingPoint[];
  limitMs: number;
  warningMs: number;
  /** 应到人数; this many seat codes are created with the meeting. */
  expectedVoters: number;
  speakers: NewSpeaker[];
}

const summaryFields = {
  id: true,
  title: true,
  date: true,
  venue: true,
  attendeeCode: true,
  displayToken: true,
  tellerToken: true,
} as const;

export function listMeetings(db: Db): Promise<MeetingSummary[]> {
  return db.meeting.findMany({ select: summaryFields, orderBy: { createdAt: "desc" } });
}

export function countMeetings(db: Db): Promise<number> {
  return db.meeting.count();
}

export function findMeetingByCode(db: Db, attendeeCode: string): Promise<MeetingSummary | null> {
  return db.meeting.findUnique({ where: { attendeeCode }, select: summaryFields });
}

export function findMeeting(db: Db, id: string): Promise<MeetingSummary | null> {
  return db.meeting.findUnique({ where: { id }, select: summaryFields });
}

/** A six-digit code attendees type on a tablet; unique among meetings. */
async function freshAttendeeCode(db: Db): Promise<string> {
  for (;;) {
    const code = String(randomInt(100000, 1000000));
    if (!(await db.meeting.findUnique({ where: { attendeeCode: code }, select: { id: true } }))) return code;
  }
}

export async function createMeeting(db: Db, input: NewMeeting): Promise<MeetingSummary> {
  const { speakers, closingPoints, ...fields } = input;
  const meeting = await db.meeting.create({
    data: {
      ...fields,
      closingPoints: JSON.stringify(closingPoints),
      attendeeCode: await freshAttendeeCode(db),
      displayToken: randomBytes(12).toString("base64url"),
      tellerToken: randomBytes(12).toString("base64url"),
      live: JSON.stringify(initialLiveState({ limitMs: input.limitMs, warningMs: input.warningMs })),
      speakers: { create: speakers.map((speaker, position) => ({ ...speaker, position })) },
    },
    select: summaryFields,
  });
  await addSeats(db, meeting.id, input.expectedVoters);
  return meeting;
}

function parseLive(json: string, fallback: LiveState): LiveState {
  try {
    const parsed = liveStateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

function parseClosingPoints(json: string): ClosingPoint[] {
  try {
    const value: unknown = JSON.parse(json);
    if (!Array.isArray(value)) return [];
    return value.flatMap((p: unknown): ClosingPoint[] => {
      if (!p || typeof p !== "object" || !("title" in p) || typeof p.title !== "string") return [];
      const point: ClosingPoint = { title: p.title, body: "body" in p && typeof p.body === "string" ? p.body : "" };
      if ("section" in p && (p.section === "achievements" || p.section === "requirements")) point.section = p.section;
      return [point];
    });
  } catch {
    return [];
  }
}

function parseFrozenTally(json: string | null): Tally | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as Tally; // written by the server itself when voting closed
  } catch {
    return null;
  }
}

export async function frozenTally(db: Db, meetingId: string): Promise<Tally | null> {
  const row = await db.meeting.findUnique({ where: { id: meetingId }, select: { frozenTally: true } });
  return row ? parseFrozenTally(row.frozenTally) : null;
}

export interface BallotRules {
  voting: LiveState["voting"];
  levelIds: Set<string>;
  /** The evaluated speakers, in agenda order. */
  speakers: Array<{ id: string; unit: string }>;
  expectedVoters: number;
  /** Configured voter categories; empty when ballots are not weighted by category. */
  categoryIds: Set<string>;
}

/** Just what checking one ballot needs: read for every ballot, so kept small. */
export async function loadBallotRules(db: Db, meetingId: string): Promise<BallotRules | null> {
  const row = await db.meeting.findUnique({
    where: { id: meetingId },
    select: {
      live: true,
      limitMs: true,
      warningMs: true,
      ratingLevels: true,
      voterCategories: true,
      expectedVoters: true,
      speakers: { where: { removed: false, evaluated: true }, orderBy: { position: "asc" }, select: { id: true, unit: true } },
    },
  });
  if (!row) return null;
  const live = parseLive(row.live, initialLiveState({ limitMs: row.limitMs, warningMs: row.warningMs }));
  const levels = parseStoredJson(row.ratingLevels, ratingLevelsSchema, DEFAULT_RATING_LEVELS);
  const categories = parseStoredJson(row.voterCategories, voterCategoriesSchema, []);
  return {
    voting: live.voting,
    levelIds: new Set(levels.map((l) => l.id)),
    speakers: row.speakers,
    expectedVoters: row.expectedVoters,
    categoryIds: new Set(categories.map((c) => c.id)),
  };
}

/** Returns null when there is no such meeting. */
export async function loadSnapshot(db: Db, meetingId: string): Promise<MeetingSnapshot | null> {
  return (await loadLiveMeeting(db, meetingId))?.snapshot ?? null;
}

/** A meeting as the live side holds it: its snapshot, and the tally frozen at the close (published or not). */
export interface LiveMeetingRecord {
  snapshot: MeetingSnapshot;
  frozenTally: Tally | null;
}

/** Returns null when there is no such meeting. */
export async function loadLiveMeeting(db: Db, meetingId: string): Promise<LiveMeetingRecord | null> {
  const row = await db.meeting.findUnique({
    where: { id: meetingId },
    include: {
      speakers: {
        where: { removed: false },
        orderBy: { position: "asc" },
        include: { attachment: { select: { fileName: true, contentType: true } } },
      },
    },
  });
  if (!row) return null;
  const speakers = row.speakers.map(({ attachment, ...speaker }) => ({
    ...speaker,
    fileName: attachment?.fileName ?? null,
    contentType: attachment?.contentType ?? null,
  }));
  return toLiveMeeting(row, speakers, await votingProgress(db, meetingId, row.expectedVoters));
}

/** The columns of a Meeting row a snapshot is made of. */
export interface MeetingRow {
  id: string;
  version: number;
  title: string;
  date: string;
  venue: string;
  chairName: string;
  guests: string;
  reportsTitle: string;
  reportsText: string;
  evaluationTitle: string;
  evaluationText: string;
  closingTitle: string;
  closingText: string;
  closingPoints: string;
  limitMs: number;
  warningMs: number;
  ratingLevels: string;
  voterCategories: string;
  rankingRule: string;
  expectedVoters: number;
  frozenTally: string | null;
  live: string;
}

/** A speaker on the agenda (not removed), with its report file's name and type when it has one. */
export interface SpeakerRow {
  id: string;
  unit: string;
  name: string;
  title: string;
  mode: string;
  limitMs: number | null;
  reportText: string;
  evaluated: boolean;
  fileName: string | null;
  contentType: string | null;
}

/** The meeting as the live side holds it, from its stored rows (speakers in agenda order). */
export function toLiveMeeting(row: MeetingRow, speakers: SpeakerRow[], progress: VotingProgress): LiveMeetingRecord {
  const settings = { limitMs: row.limitMs, warningMs: row.warningMs };
  const live = parseLive(row.live, initialLiveState(settings));
  const frozen = parseFrozenTally(row.frozenTally);
  const snapshot: MeetingSnapshot = {
    version: row.version,
    meeting: {
      id: row.id,
      title: row.title,
      date: row.date,
      venue: row.venue,
      chairName: row.chairName,
      guests: row.guests,
      agenda: {
        reports: { title: row.reportsTitle, text: row.reportsText },
        evaluation: { title: row.evaluationTitle, text: row.evaluationText },
        closing: { title: row.closingTitle, text: row.closingText },
      },
      closingPoints: parseClosingPoints(row.closingPoints),
      ...settings,
      ratingLevels: parseStoredJson(row.ratingLevels, ratingLevelsSchema, DEFAULT_RATING_LEVELS),
      voterCategories: parseStoredJson(row.voterCategories, voterCategoriesSchema, []),
      rankingRule: parseStoredJson(row.rankingRule, rankingRuleSchema, DEFAULT_RANKING_RULE),
      expectedVoters: row.expectedVoters,
    },
    roster: speakers.map((s) => ({
      id: s.id,
      unit: s.unit,
      name: s.name,
      title: s.title,
      mode: s.mode === "written" ? "written" : "onsite",
      limitMs: s.limitMs,
      reportText: s.reportText,
      attachment:
        s.fileName !== null && s.contentType !== null
          ? { fileName: s.fileName, contentType: s.contentType, hasHtml: s.contentType !== "application/pdf" }
          : null,
      record: live.records[s.id] ?? null,
      evaluated: s.evaluated,
    })),
    live,
    progress,
    results: publishedResults(live, frozen),
  };
  return { snapshot, frozenTally: frozen };
}

/**
 * Writes the new live state (and speaking order, when it changed) if the meeting is
 * still at `expectedVersion`. Returns the new version, or null when another change got
 * there first.
 */
export async function saveLive(
  db: Db,
  meetingId: string,
  expectedVersion: number,
  live: LiveState,
  rosterOrder?: string[],
  effects?: (tx: Tx) => Promise<void>,
): Promise<number | null> {
  return db.$transaction(async (tx) => {
    const updated = await tx.meeting.updateMany({
      where: { id: meetingId, version: expectedVersion },
      data: { live: JSON.stringify(live), version: { increment: 1 } },
    });
    if (updated.count !== 1) return null;
    if (rosterOrder) {
      for (const [position, id] of rosterOrder.entries()) {
        await tx.speaker.update({ where: { id, meetingId }, data: { position } });
      }
    }
    if (effects) await effects(tx);
    return expectedVersion + 1;
  });
}
