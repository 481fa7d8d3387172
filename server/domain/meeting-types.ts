// Types of the live meeting, shared by the server and every browser view.
// Nothing here imports Prisma, sockets or the DOM.
import type { RehearsalState } from "./rehearsal";

export type SpeakerMode = "onsite" | "written";

/** One unit on the agenda, in roster order. */
export interface RosterEntry {
  id: string;
  unit: string;
  name: string;
  title: string;
  mode: SpeakerMode;
  /** Per-speaker time limit; null means the meeting's limit. */
  limitMs: number | null;
}

export interface MeetingSettings {
  limitMs: number;
  warningMs: number;
}

export type AgendaItemKey = "reports" | "evaluation" | "closing";

/** Where the meeting stands. Written units only ever have the "review" stage (点评). */
export type Cursor =
  | { item: "pending" }
  | { item: "reports"; speakerId: string; stage: SpeakerStage }
  | { item: "evaluation" }
  | { item: "closing"; point: number }
  | { item: "closed" };

export type SpeakerStage = "ready" | "reporting" | "review";

/**
 * Stored as timestamps so a restarted server resumes the countdown: elapsed time is
 * `accumulatedMs` plus, while running, `now - startedAt` (server clock, epoch ms).
 */
export interface TimerState {
  status: "idle" | "running" | "paused";
  limitMs: number;
  startedAt: number | null;
  accumulatedMs: number;
}

/** What happened to a speaker: reported (with actual time) or skipped. */
export interface SpeakerRecord {
  status: "done" | "skipped";
  spokenMs: number;
  overtimeMs: number;
}

/**
 * 民主测评: idle until the chair opens voting in item 2; closing freezes the tally;
 * the chair then decides whether the projector shows it (当场公布).
 */
export interface VotingState {
  status: "idle" | "open" | "closed";
  published: boolean;
}

export interface LiveState {
  cursor: Cursor;
  timer: TimerState;
  records: Record<string, SpeakerRecord>;
  voting: VotingState;
  /**
   * Present while a 彩排 runs on this meeting: timer timestamps are then in rehearsal time
   * (domain/rehearsal.ts). Absent in a real meeting.
   */
  rehearsal?: RehearsalState;
}

/** Everything the agenda engine needs to decide a command. */
export interface MeetingModel {
  settings: MeetingSettings;
  roster: RosterEntry[];
  closingPointCount: number;
  live: LiveState;
}

export function initialLiveState(settings: MeetingSettings): LiveState {
  return {
    cursor: { item: "pending" },
    timer: { status: "idle", limitMs: settings.limitMs, startedAt: null, accumulatedMs: 0 },
    records: {},
    voting: { status: "idle", published: false },
  };
}
