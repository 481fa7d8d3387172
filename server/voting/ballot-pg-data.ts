// The ballot statements on PostgreSQL (the interface and the SQLite store: ballot-data.ts):
// a batch is one transaction on one pooled connection — every seat claimed, every counter
// increased, the totals added — or nothing (ROLLBACK) when a seat had voted already.
import { postgresPool, type Db } from "../platform/db";
import type { BallotStore, SeatRow } from "./ballot-data";

const SEAT = 'SELECT "label", "categoryId", "usedKey" FROM "Seat" WHERE "meetingId" = $1 AND "code" = $2';
const CLAIM = 'UPDATE "Seat" SET "usedKey" = $1 WHERE "meetingId" = $2 AND "code" = $3 AND "usedKey" IS NULL';
const COUNT = `UPDATE "VoteCounter" SET "count" = "count" + $1 WHERE "meetingId" = $2 AND "source" = 'electronic'
  AND "categoryId" = $3 AND "speakerId" = $4 AND "levelId" = $5`;
const TOTAL = `INSERT INTO "BallotTotal" ("meetingId", "source", "categoryId", "count") VALUES ($1, 'electronic', $2, $3)
  ON CONFLICT ("meetingId", "source", "categoryId") DO UPDATE SET "count" = "BallotTotal"."count" + excluded."count"`;

export function postgresBallotStore(db: Db): BallotStore {
  const pool = postgresPool(db);
  return {
    async seat(meetingId, seatCode) {
      const { rows } = await pool.query<SeatRow>({ name: "ballot-seat", text: SEAT, values: [meetingId, seatCode] });
      return rows[0];
    },
    async commit(meetingId, batch) {
      const connection = await pool.connect();
      try {
        await connection.query("BEGIN");
        for (const { seatCode, key } of batch.seats) {
          const claimed = await connection.query({ name: "ballot-claim", text: CLAIM, values: [key, meetingId, seatCode] });
          if (claimed.rowCount !== 1) throw new Error(`a seat of the batch had voted already (meeting ${meetingId})`);
        }
        for (const c of batch.counters) {
          const counted = await connection.query({ name: "ballot-count", text: COUNT, values: [c.add, meetingId, c.categoryId, c.speakerId, c.levelId] });
          if (counted.rowCount !== 1) throw new Error(`ballot counter missing for meeting ${meetingId}`);
        }
        for (const t of batch.totals) await connection.query({ name: "ballot-total", text: TOTAL, values: [meetingId, t.categoryId, t.add] });
        await connection.query("COMMIT");
      } catch (error) {
        await connection.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
  };
}
