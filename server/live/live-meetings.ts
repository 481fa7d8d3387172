// The meetings as they stand, held in memory: the authority for the live side. A meeting is
// read from the store once, on first use; after that the meeting service changes it here,
// inside the meeting's serial queue, right after writing it through. Changes made through
// the data modules (meeting preparation) replace it with a fresh read.
import type { VotingProgress } from "../domain/snapshot";
import type { LiveMeetingRecord } from "./meeting-data";
import type { MeetingStore } from "./meeting-store";

export interface LiveMeetings {
  /** The meeting, read from the store on first use; null when there is no such meeting. */
  get(meetingId: string): Promise<LiveMeetingRecord | null>;
  /** The meeting when it is already held, without waiting. */
  peek(meetingId: string): LiveMeetingRecord | undefined;
  put(meetingId: string, record: LiveMeetingRecord): void;
  /** Reads the meeting again (after a change made elsewhere). */
  reload(meetingId: string): Promise<LiveMeetingRecord | null>;
  /** Drops the meeting (after a write conflict): the next use reads it again. */
  forget(meetingId: string): void;
  /** Voting counts change with every ballot, without a new version. */
  setProgress(meetingId: string, progress: VotingProgress): void;
}

export function createLiveMeetings(store: MeetingStore): LiveMeetings {
  const held = new Map<string, LiveMeetingRecord>();
  const loading = new Map<string, Promise<LiveMeetingRecord | null>>();

  function read(meetingId: string): Promise<LiveMeetingRecord | null> {
    const pending = loading.get(meetingId);
    if (pending) return pending;
    const load = store.load(meetingId).then(
      (record) => {
        if (loading.get(meetingId) === load) {
          loading.delete(meetingId);
          if (record) held.set(meetingId, record);
        }
        return record;
      },
      (error: unknown) => {
        loading.delete(meetingId);
        throw error;
      },
    );
    loading.set(meetingId, load);
    return load;
  }

  return {
    get: (meetingId) => {
      const record = held.get(meetingId);
      return record ? Promise.resolve(record) : read(meetingId);
    },
    peek: (meetingId) => held.get(meetingId),
    put: (meetingId, record) => {
      held.set(meetingId, record);
    },
    reload: (meetingId) => {
      held.delete(meetingId);
      loading.delete(meetingId);
      return read(meetingId);
    },
    forget: (meetingId) => {
      held.delete(meetingId);
      loading.delete(meetingId);
    },
    setProgress: (meetingId, progress) => {
      const record = held.get(meetingId);
      if (record) held.set(meetingId, { ...record, snapshot: { ...record.snapshot, progress } });
    },
  };
}

