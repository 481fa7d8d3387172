// The versioned live-state delta: what a timer or agenda command changed, sent to every
// screen instead of the whole snapshot (the roster and the meeting texts are most of it
// and such a command changes neither). Full snapshots still go out on connect, on resync
// and when the roster, the texts or the published results change.
//
// A screen applies a delta only on top of the version it was made from (`base`). A delta it
// has already seen is stale and ignored; one from further ahead means it missed a version,
// and it asks for a full snapshot. Pure functions, shared by the server and every browser.
import type { Cursor, LiveState, SpeakerRecord, TimerState, VotingState } from "./meeting-types";
import type { RehearsalState } from "./rehearsal";
import type { MeetingSnapshot } from "./snapshot";

export interface LiveDelta {
  meetingId: string;
  /** The version this delta was made from. */
  base: number;
  /** The version it leads to (base + 1). */
  version: number;
  cursor?: Cursor;
  timer?: TimerState;
  voting?: VotingState;
  /** A rehearsal started (its clock), or null: it ended. */
  rehearsal?: RehearsalState | null;
  /** Changed speaker records; null: the record was removed (the step was undone). */
  records?: Record<string, SpeakerRecord | null>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Only the parts of `after` that differ from `before`. */
export function liveDelta(meetingId: string, base: number, before: LiveState, after: LiveState): LiveDelta {
  const delta: LiveDelta = { meetingId, base, version: base + 1 };
  if (!same(before.cursor, after.cursor)) delta.cursor = after.cursor;
  if (!same(before.timer, after.timer)) delta.timer = after.timer;
  if (!same(before.voting, after.voting)) delta.voting = after.voting;
  if (!same(before.rehearsal, after.rehearsal)) delta.rehearsal = after.rehearsal ?? null;
  const records: Record<string, SpeakerRecord | null> = {};
  for (const id of new Set([...Object.keys(before.records), ...Object.keys(after.records)])) {
    if (!same(before.records[id], after.records[id])) records[id] = after.records[id] ?? null;
  }
  if (Object.keys(records).length > 0) delta.records = records;
  return delta;
}

/** The snapshot at `version` with the live state `live`; roster records follow the live state. */
export function withLive(snapshot: MeetingSnapshot, live: LiveState, version: number): MeetingSnapshot {
  return {
    ...snapshot,
    version,
    live,
    roster: snapshot.roster.map((entry) => {
      const record = live.records[entry.id] ?? null;
      return entry.record === record ? entry : { ...entry, record };
    }),
  };
}

export function applyDelta(snapshot: MeetingSnapshot, delta: LiveDelta): MeetingSnapshot {
  const live: LiveState = {
    cursor: delta.cursor ?? snapshot.live.cursor,
    timer: delta.timer ?? snapshot.live.timer,
    voting: delta.voting ?? snapshot.live.voting,
    records: { ...snapshot.live.records },
  };
  const rehearsal = delta.rehearsal === undefined ? snapshot.live.rehearsal : delta.rehearsal;
  if (rehearsal) live.rehearsal = rehearsal;
  for (const [id, record] of Object.entries(delta.records ?? {})) {
    if (record) live.records[id] = record;
    else delete live.records[id];
  }
  return withLive(snapshot, live, delta.version);
}

export type Arrival = { kind: "snapshot"; snapshot: MeetingSnapshot } | { kind: "delta"; delta: LiveDelta };

/**
 * What a screen holding `current` does with what arrived: keep what it has (stale), take
 * the new snapshot, or ask for a full one (it missed a version, or holds none yet).
 */
export function reconcile(current: MeetingSnapshot | null, arrival: Arrival): { next: MeetingSnapshot | null; resync: boolean } {
  if (arrival.kind === "snapshot") {
    const incoming = arrival.snapshot;
    const stale = current !== null && current.meeting.id === incoming.meeting.id && incoming.version < current.version;
    return { next: stale ? current : incoming, resync: false };
  }
  const { delta } = arrival;
  if (current === null || current.meeting.id !== delta.meetingId) return { next: current, resync: current === null };
  if (delta.version <= current.version) return { next: current, resync: false };
  if (delta.base !== current.version) return { next: current, resync: true };
  return { next: applyDelta(current, delta), resync: false };
}

/**
 * Follows one meeting's snapshots and deltas for a client: `onChange` sees every new
 * snapshot, `requestSync` is called (at most one request at a time) after a gap. The
 * browser hook and the integration tests use the same follower.
 */
export function followMeeting(handlers: {
  onChange: (snapshot: MeetingSnapshot) => void;
  requestSync: () => Promise<MeetingSnapshot | null>;
}) {
  let current: MeetingSnapshot | null = null;
  let syncing = false;

  function take(arrival: Arrival): void {
    const { next, resync } = reconcile(current, arrival);
    if (next !== current && next !== null) {
      current = next;
      handlers.onChange(next);
    }
    if (resync && !syncing) {
      syncing = true;
      void handlers.requestSync().then(
        (snapshot) => {
          syncing = false;
          if (snapshot) take({ kind: "snapshot", snapshot });
        },
        () => {
          syncing = false;
        },
      );
    }
  }

  return {
    snapshot: (snapshot: MeetingSnapshot) => take({ kind: "snapshot", snapshot }),
    delta: (delta: LiveDelta) => take({ kind: "delta", delta }),
    current: () => current,
  };
}
