// Which speakers are still to report. Apart from the agenda engine (agenda.ts) because the
// hall's screens need this much of it (snapshot.ts: who is next), not the engine: importing
// agenda.ts put the whole engine in every tablet's and the projector's page.
import type { LiveState, MeetingModel, RosterEntry } from "./meeting-types";

/** A speaker is pending until they have reported (done) or were skipped. */
export function isPending(live: LiveState, entry: RosterEntry): boolean {
  return live.records[entry.id] === undefined;
}

/** The first pending speaker after position `index`, in roster order. */
export function nextPendingAfter(model: MeetingModel, live: LiveState, index: number): RosterEntry | undefined {
  return model.roster.slice(index + 1).find((e) => isPending(live, e));
}
