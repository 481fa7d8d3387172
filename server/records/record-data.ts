// The record log's storage. On SQLite: appended on the direct connection with statements
// prepared once, so the chair's command path pays one small INSERT (and a SHA-256 of a few
// hundred bytes) per change. The chain's tail is held per meeting in memory; the append itself
// is synchronous, so two changes of one meeting can never interleave between reading the tail
// and writing the next entry. On PostgreSQL: record-pg-data.ts (same rows, same chain).
import type { Db, WriteTransaction } from "../platform/db";
import { directSqlite, providerOf } from "../platform/db";
import { chainEntry, type RecordData, type RecordEntry } from "./record-chain";
import type { RecordEvent } from "./record-events";
import { postgresRecordLog } from "./record-pg-data";

export interface RecordLog {
  /** Appends the events in order in a transaction of its own; resolves once they are written. */
  append(meetingId: string, at: number, events: RecordEvent[]): Promise<void>;
  /**
   * The same, inside the live write's own transaction (`tx`, from MeetingStore.writeLive):
   * synchronously on SQLite, on the transaction's client on PostgreSQL. A failed insert is
   * logged, never thrown: the change it records stands.
   */
  appendWithin(tx: WriteTransaction, meetingId: string, at: number, events: RecordEvent[]): void | Promise<void>;
  /** Every entry of the meeting, oldest first. */
  list(meetingId: string): Promise<RecordEntry[]>;
  /** Forgets the cached tail (after entries were written another way, e.g. an import). */
  forget(meetingId: string): void;
}

interface Tail {
  chainId: string;
  seq: number;
  hash: string;
}

export interface RecordRow {
  meetingId: string;
  seq: number;
  at: string;
  type: string;
  data: string;
  prevHash: string;
  hash: string;
}

export function toEntry(row: RecordRow): RecordEntry {
  return { ...row, data: JSON.parse(row.data) as RecordData };
}

export function recordLog(db: Db): RecordLog {
  return providerOf(db) === "postgresql" ? postgresRecordLog(db) : sqliteRecordLog(db);
}

/** The columns every entry is read with, on both databases. */
export const RECORD_COLUMNS = '"chainId" AS "meetingId", "seq", "at", "type", "data", "prevHash", "hash"';

function sqliteRecordLog(db: Db): RecordLog {
  const sqlite = directSqlite(db);
  const insert = sqlite.prepare('INSERT INTO "RecordEntry" ("meetingId", "chainId", "seq", "at", "type", "data", "prevHash", "hash") VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const last = sqlite.prepare('SELECT "chainId", "seq", "hash" FROM "RecordEntry" WHERE "meetingId" = ? ORDER BY "seq" DESC LIMIT 1');
  const all = sqlite.prepare(`SELECT ${RECORD_COLUMNS} FROM "RecordEntry" WHERE "meetingId" = ? ORDER BY "seq" ASC`);
  const tails = new Map<string, Tail | null>();

  function tail(meetingId: string): Tail | null {
    if (!tails.has(meetingId)) tails.set(meetingId, (last.get(meetingId) as Tail | undefined) ?? null);
    return tails.get(meetingId) ?? null;
  }

  return {
    async append(meetingId, at, events) {
      if (!events.length) return;
      await sqlite.outsideTransaction();
      write(meetingId, at, events);
    },
    appendWithin(_tx, meetingId, at, events) {
      try {
        write(meetingId, at, events);
      } catch (error) {
        console.error("record append failed:", error);
      }
    },
    list: async (meetingId) => (all.all(meetingId) as RecordRow[]).map(toEntry),
    forget: (meetingId) => {
      tails.delete(meetingId);
    },
  };

  function write(meetingId: string, at: number, events: RecordEvent[]): void {
    const iso = new Date(at).toISOString();
    for (const event of events) {
      const previous = tail(meetingId);
      const entry = chainEntry(previous, previous?.chainId ?? meetingId, iso, event.type, event.data);
      try {
        insert.run(meetingId, entry.meetingId, entry.seq, entry.at, entry.type, JSON.stringify(entry.data), entry.prevHash, entry.hash);
      } catch (error) {
        // Written by another path meanwhile (or the meeting is gone): read the tail afresh next time.
        tails.delete(meetingId);
        throw error;
      }
      tails.set(meetingId, { chainId: entry.meetingId, seq: entry.seq, hash: entry.hash });
    }
  }
}

/** Writes entries exactly as given (an imported archive's record, which keeps its chain id), in a Prisma transaction. */
export async function insertRecordEntries(tx: Pick<Db, "recordEntry">, meetingId: string, entries: RecordEntry[]): Promise<void> {
  if (!entries.length) return;
  await tx.recordEntry.createMany({
    data: entries.map((e) => ({ meetingId, chainId: e.meetingId, seq: e.seq, at: e.at, type: e.type, data: JSON.stringify(e.data), prevHash: e.prevHash, hash: e.hash })),
  });
}
