// The PostgreSQL meeting store (the interface: meeting-store.ts; SQLite: live-state-data.ts),
// on the pg pool beside Prisma, with named statements the server prepares once per
// connection. A timer or agenda command costs one UPDATE … WHERE "version" = $n: a meeting
// changed meanwhile by another instance refuses it, and the meeting service reads it afresh.
import type { LiveState } from "../domain/meeting-types";
import type { VotingProgress } from "../domain/snapshot";
import { postgresPool, type Db } from "../platform/db";
import { saveLive, toLiveMeeting, type MeetingRow, type SpeakerRow } from "./meeting-data";
import type { MeetingStore } from "./meeting-store";

const MEETING = `SELECT "id", "version", "title", "date", "venue", "chairName", "guests", "reportsTitle", "reportsText",
    "evaluationTitle", "evaluationText", "closingTitle", "closingText", "closingPoints", "limitMs", "warningMs",
    "ratingLevels", "voterCategories", "rankingRule", "expectedVoters", "frozenTally", "live"
  FROM "Meeting" WHERE "id" = $1`;
const SPEAKERS = `SELECT s."id", s."unit", s."name", s."title", s."mode", s."limitMs", s."reportText", s."evaluated",
    a."fileName", a."contentType"
  FROM "Speaker" s LEFT JOIN "Attachment" a ON a."speakerId" = s."id"
  WHERE s."meetingId" = $1 AND s."removed" = false ORDER BY s."position" ASC`;
// The same counts as votingProgress (voting/ballot-data.ts), for the first read only.
const PROGRESS = `SELECT
    (SELECT COALESCE(SUM("count"), 0)::int FROM "BallotTotal" WHERE "meetingId" = $1 AND "source" = 'electronic') AS "electronic",
    r."issued", r."returned",
    (SELECT COUNT(DISTINCT "ballotNo")::int FROM "PaperEntry" WHERE "roundId" = r."id") AS "entered"
  FROM (SELECT 1) one LEFT JOIN LATERAL (
    SELECT "id", "issued", "returned" FROM "PaperRound" WHERE "meetingId" = $1 AND "status" = 'open' ORDER BY "number" DESC LIMIT 1
  ) r ON true`;
const UPDATE = 'UPDATE "Meeting" SET "live" = $1, "version" = $2 WHERE "id" = $3 AND "version" = $4';

export function postgresMeetingStore(db: Db): MeetingStore {
  const pool = postgresPool(db);
  return {
    async load(meetingId) {
      const [meeting, speakers, progress] = await Promise.all([
        pool.query<MeetingRow>({ name: "live-meeting", text: MEETING, values: [meetingId] }),
        pool.query<SpeakerRow>({ name: "live-speakers", text: SPEAKERS, values: [meetingId] }),
        pool.query<{ electronic: number; issued: number | null; returned: number | null; entered: number | null }>({
          name: "live-progress",
          text: PROGRESS,
          values: [meetingId],
        }),
      ]);
      const row = meeting.rows[0];
      if (!row) return null;
      const counts = progress.rows[0]!;
      const voting: VotingProgress = {
        expected: row.expectedVoters,
        electronic: counts.electronic,
        paperIssued: counts.issued ?? 0,
        paperReturned: counts.returned ?? 0,
        paperEntered: counts.entered ?? 0,
      };
      return toLiveMeeting(row, speakers.rows, voting);
    },
    async writeLive(meetingId, expectedVersion, live, alongside) {
      const update = { name: "live-update", text: UPDATE, values: [JSON.stringify(live), expectedVersion + 1, meetingId, expectedVersion] };
      if (!alongside) return (await pool.query(update)).rowCount === 1;
      // The record's entries in the same commit as the change (as on SQLite): never one without the other.
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        if ((await client.query(update)).rowCount !== 1) {
          await client.query("ROLLBACK");
          return false;
        }
        await alongside({ provider: "postgresql", client });
        await client.query("COMMIT");
        return true;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async writeLiveWith(meetingId, expectedVersion, live, rosterOrder, effects) {
      return (await saveLive(db, meetingId, expectedVersion, live, rosterOrder, effects)) !== null;
    },
  };
}
