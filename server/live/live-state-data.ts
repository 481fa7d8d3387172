// The SQLite meeting store, on the direct connection (platform/db.ts), with statements
// prepared once. A timer or agenda command costs one UPDATE; the live state it writes is
// never read back (the meeting service holds it in memory). Reading a meeting whole — on
// first use, e.g. by the first tablet after a restart — takes five small SELECTs and does
// not wait for Prisma to load.
import type { VotingProgress } from "../domain/snapshot";
import { directSqlite, type Db } from "../platform/db";
import { saveLive, toLiveMeeting, type MeetingRow, type SpeakerRow } from "./meeting-data";
import type { MeetingStore } from "./meeting-store";

export function sqliteMeetingStore(db: Db): MeetingStore {
  const sqlite = directSqlite(db);
  const update = sqlite.prepare('UPDATE "Meeting" SET "live" = ?, "version" = ? WHERE "id" = ? AND "version" = ?');
  const meeting = sqlite.prepare(
    `SELECT "id", "version", "title", "date", "venue", "chairName", "guests", "reportsTitle", "reportsText",
       "evaluationTitle", "evaluationText", "closingTitle", "closingText", "closingPoints", "limitMs", "warningMs",
       "ratingLevels", "voterCategories", "rankingRule", "expectedVoters", "frozenTally", "live"
     FROM "Meeting" WHERE "id" = ?`,
  );
  const speakers = sqlite.prepare(
    `SELECT s."id", s."unit", s."name", s."title", s."mode", s."limitMs", s."reportText", s."evaluated",
       a."fileName", a."contentType"
     FROM "Speaker" s LEFT JOIN "Attachment" a ON a."speakerId" = s."id"
     WHERE s."meetingId" = ? AND s."removed" = 0 ORDER BY s."position" ASC`,
  );
  // The same counts as votingProgress (voting/ballot-data.ts), for the first read only:
  // after that the throttled progress broadcast keeps them current.
  const electronic = sqlite.prepare(`SELECT COALESCE(SUM("count"), 0) AS "count" FROM "BallotTotal" WHERE "meetingId" = ? AND "source" = 'electronic'`);
  const openRound = sqlite.prepare(
    `SELECT "id", "issued", "returned" FROM "PaperRound" WHERE "meetingId" = ? AND "status" = 'open' ORDER BY "number" DESC LIMIT 1`,
  );
  const entered = sqlite.prepare('SELECT COUNT(DISTINCT "ballotNo") AS "count" FROM "PaperEntry" WHERE "roundId" = ?');

  function progress(meetingId: string, expected: number): VotingProgress {
    const round = openRound.get(meetingId) as { id: string; issued: number; returned: number } | undefined;
    return {
      expected,
      electronic: (electronic.get(meetingId) as { count: number }).count,
      paperIssued: round?.issued ?? 0,
      paperReturned: round?.returned ?? 0,
      paperEntered: round ? (entered.get(round.id) as { count: number }).count : 0,
    };
  }

  return {
    async load(meetingId) {
      const row = meeting.get(meetingId) as MeetingRow | undefined;
      if (!row) return null;
      const roster = (speakers.all(meetingId) as Array<Omit<SpeakerRow, "evaluated"> & { evaluated: number }>).map((s) => ({
        ...s,
        evaluated: s.evaluated === 1,
      }));
      return toLiveMeeting(row, roster, progress(meetingId, row.expectedVoters));
    },
    async writeLive(meetingId, expectedVersion, live, alongside): Promise<boolean> {
      await sqlite.outsideTransaction();
      const write = () => update.run(JSON.stringify(live), expectedVersion + 1, meetingId, expectedVersion).changes === 1;
      if (!alongside) return write();
      // One commit for both: the record entry costs no second fsync, and never outlives the change it records.
      return sqlite.transaction(() => {
        const written = write();
        // better-sqlite3's transaction is synchronous: the SQLite record log appends synchronously.
        if (written) void alongside({ provider: "sqlite" });
        return written;
      });
    },
    async writeLiveWith(meetingId, expectedVersion, live, rosterOrder, effects): Promise<boolean> {
      return (await saveLive(db, meetingId, expectedVersion, live, rosterOrder, effects)) !== null;
    },
  };
}
