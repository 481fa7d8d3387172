// The record log on PostgreSQL (the interface and SQLite: record-data.ts): the same rows and the
// same hash chain, so an exported record.json verifies and imports alike from either database.
// Several instances may append to one meeting's chain, so no tail is held in memory: each append
// takes a transaction-scoped advisory lock on the meeting's chain, reads the tail, and inserts,
// all in the transaction that commits the change it records.
import type pg from "pg";
import { postgresPool, type Db } from "../platform/db";
import { chainEntry } from "./record-chain";
import type { RecordEvent } from "./record-events";
import { RECORD_COLUMNS, toEntry, type RecordLog, type RecordRow } from "./record-data";

const LOCK = "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))";
const TAIL = 'SELECT "chainId", "seq", "hash" FROM "RecordEntry" WHERE "meetingId" = $1 ORDER BY "seq" DESC LIMIT 1';

interface Tail {
  chainId: string;
  seq: number;
  hash: string;
}

/** Appends `events` on `client`, which must be inside a transaction (the lock is released at its end). */
async function write(client: pg.ClientBase, meetingId: string, at: number, events: RecordEvent[]): Promise<void> {
  // "debrief-record:" keeps clear of the meeting queue's own lock ("debrief:<id>", advisory-queue.ts).
  await client.query({ name: "record-lock", text: LOCK, values: [`debrief-record:${meetingId}`] });
  let previous: Tail | null = (await client.query<Tail>({ name: "record-tail", text: TAIL, values: [meetingId] })).rows[0] ?? null;
  const iso = new Date(at).toISOString();
  const values: unknown[] = [];
  const rows: string[] = [];
  for (const event of events) {
    const entry = chainEntry(previous, previous?.chainId ?? meetingId, iso, event.type, event.data);
    const n = values.length;
    rows.push(`($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8})`);
    values.push(meetingId, entry.meetingId, entry.seq, entry.at, entry.type, JSON.stringify(entry.data), entry.prevHash, entry.hash);
    previous = { chainId: entry.meetingId, seq: entry.seq, hash: entry.hash };
  }
  await client.query(`INSERT INTO "RecordEntry" ("meetingId", "chainId", "seq", "at", "type", "data", "prevHash", "hash") VALUES ${rows.join(", ")}`, values);
}

export function postgresRecordLog(db: Db): RecordLog {
  const pool = postgresPool(db);
  return {
    async append(meetingId, at, events) {
      if (!events.length) return;
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await write(client, meetingId, at, events);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async appendWithin(tx, meetingId, at, events) {
      if (tx.provider !== "postgresql") throw new Error("postgresRecordLog: not a PostgreSQL transaction");
      if (!events.length) return;
      // A savepoint, so a failed insert leaves the change it records to commit (as on SQLite).
      await tx.client.query("SAVEPOINT record_append");
      try {
        await write(tx.client, meetingId, at, events);
        await tx.client.query("RELEASE SAVEPOINT record_append");
      } catch (error) {
        await tx.client.query("ROLLBACK TO SAVEPOINT record_append");
        console.error("record append failed:", error);
      }
    },
    async list(meetingId) {
      const { rows } = await pool.query<RecordRow>({
        name: "record-list",
        text: `SELECT ${RECORD_COLUMNS} FROM "RecordEntry" WHERE "meetingId" = $1 ORDER BY "seq" ASC`,
        values: [meetingId],
      });
      return rows.map(toEntry);
    },
    // Nothing is cached: every append reads the tail under the lock.
    forget: () => undefined,
  };
}
