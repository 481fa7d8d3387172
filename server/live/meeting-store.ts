// Where the live meeting is persisted: the small interface the meeting service writes
// through. SQLite implements it here (live-state-data.ts); a PostgreSQL store, or one that
// checks the version across several server instances, slots in behind the same three calls.
import type { LiveState } from "../domain/meeting-types";
import type { WriteTransaction } from "../platform/db";
import type { Tx } from "../voting/ballot-data";
import type { LiveMeetingRecord } from "./meeting-data";

export interface MeetingStore {
  /** The whole meeting, read when a meeting is first used (or after a change made elsewhere). Null: no such meeting. */
  load(meetingId: string): Promise<LiveMeetingRecord | null>;
  /**
   * The hot path: the new live state at version `expectedVersion + 1`, if the stored
   * version is still `expectedVersion`. False when another writer got there first.
   * `alongside` (the 会议纪实's append) runs in the same transaction, after a successful write
   * (synchronously on SQLite; on PostgreSQL the commit waits for its promise).
   */
  writeLive(meetingId: string, expectedVersion: number, live: LiveState, alongside?: (tx: WriteTransaction) => void | Promise<void>): Promise<boolean>;
  /** The same, with a new speaking order and/or other writes in one transaction (voting open/close). */
  writeLiveWith(
    meetingId: string,
    expectedVersion: number,
    live: LiveState,
    rosterOrder: string[] | undefined,
    effects: ((tx: Tx) => Promise<void>) | undefined,
  ): Promise<boolean>;
}
