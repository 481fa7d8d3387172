// The SQLite meeting store. A timer or agenda command costs one UPDATE, prepared once on
// the connection under the Prisma client and run outside any open transaction; the live
// state it writes is never read back (the meeting service holds it in memory).
import type { LiveState } from "../domain/meeting-types";
import { directSqlite, type Db } from "../platform/db";
import { loadLiveMeeting, saveLive } from "./meeting-data";
import type { MeetingStore } from "./meeting-store";

export function sqliteMeetingStore(db: Db): MeetingStore {
  const sqlite = directSqlite(db);
  const update = sqlite.prepare('UPDATE "Meeting" SET "live" = ?, "version" = ? WHERE "id" = ? AND "version" = ?');

  return {
    load: (meetingId) => loadLiveMeeting(db, meetingId),
    async writeLive(meetingId: string, expectedVersion: number, live: LiveState): Promise<boolean> {
      await sqlite.outsideTransaction();
      return update.run(JSON.stringify(live), expectedVersion + 1, meetingId, expectedVersion).changes === 1;
    },
    async writeLiveWith(meetingId, expectedVersion, live, rosterOrder, effects): Promise<boolean> {
      return (await saveLive(db, meetingId, expectedVersion, live, rosterOrder, effects)) !== null;
    },
  };
}
