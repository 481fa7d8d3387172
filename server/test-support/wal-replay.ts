// What someone who copies debrief.db and its -wal at one moment can rebuild: the database as
// it stood after each commit still in the WAL, one commit at a time (the copied database plus
// the WAL cut right after that commit's last frame; SQLite itself replays it, checksums and all).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

export interface CommitState {
  /** Seat code → usedKey (null: not voted). */
  seats: Map<string, string | null>;
  /** "categoryId|speakerId|levelId" → count, electronic counters only. */
  counters: Map<string, number>;
}

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

/** Byte lengths of the WAL up to and including each commit frame of its current generation. */
export function walCommitEnds(wal: Buffer): number[] {
  if (wal.length < WAL_HEADER_BYTES) return [];
  const pageSize = wal.readUInt32BE(8);
  const salt1 = wal.readUInt32BE(16);
  const salt2 = wal.readUInt32BE(20);
  const frameBytes = FRAME_HEADER_BYTES + pageSize;
  const ends: number[] = [];
  for (let offset = WAL_HEADER_BYTES; offset + frameBytes <= wal.length; offset += frameBytes) {
    // Frames of an earlier generation (left over after the WAL restarted) carry other salts.
    if (wal.readUInt32BE(offset + 8) !== salt1 || wal.readUInt32BE(offset + 12) !== salt2) break;
    if (wal.readUInt32BE(offset + 4) !== 0) ends.push(offset + frameBytes);
  }
  return ends;
}

function readState(file: string, meetingId: string): CommitState {
  const db = new Database(file);
  try {
    const seats = db.prepare('SELECT "code", "usedKey" FROM "Seat" WHERE "meetingId" = ?').all(meetingId) as Array<{ code: string; usedKey: string | null }>;
    const counters = db
      .prepare(`SELECT "categoryId", "speakerId", "levelId", "count" FROM "VoteCounter" WHERE "meetingId" = ? AND "source" = 'electronic'`)
      .all(meetingId) as Array<{ categoryId: string; speakerId: string; levelId: string; count: number }>;
    return {
      seats: new Map(seats.map((s) => [s.code, s.usedKey])),
      counters: new Map(counters.map((c) => [`${c.categoryId}|${c.speakerId}|${c.levelId}`, c.count])),
    };
  } finally {
    db.close();
  }
}

/** Copies `database`, `-wal` and `-shm` as they are now into a new folder; returns the copied database's path. */
export function copyDatabaseFiles(database: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "debrief-copy-"));
  const copy = path.join(dir, "copy.db");
  copyFileSync(database, copy);
  for (const suffix of ["-wal", "-shm"]) if (existsSync(database + suffix)) copyFileSync(database + suffix, copy + suffix);
  return copy;
}

/** The meeting's seats and counters in the copied files: before the WAL, then after each commit in it. */
export function replayCommits(copy: string, meetingId: string): CommitState[] {
  const wal = existsSync(`${copy}-wal`) ? readFileSync(`${copy}-wal`) : Buffer.alloc(0);
  const dir = mkdtempSync(path.join(os.tmpdir(), "debrief-replay-"));
  const replay = path.join(dir, "replay.db");
  const states: CommitState[] = [];
  try {
    for (const end of [WAL_HEADER_BYTES, ...walCommitEnds(wal)]) {
      rmSync(`${replay}-shm`, { force: true });
      copyFileSync(copy, replay);
      writeFileSync(`${replay}-wal`, end > WAL_HEADER_BYTES ? wal.subarray(0, end) : Buffer.alloc(0));
      states.push(readState(replay, meetingId));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return states;
}

export interface CommitLink {
  /** Seats newly marked used in this commit. */
  seats: string[];
  /** How much each counter grew in this commit. */
  added: Map<string, number>;
}

/** Per commit that marked seats: which seats, and the ballot content it added to the counters. */
export function seatCommits(states: CommitState[]): CommitLink[] {
  const links: CommitLink[] = [];
  for (let i = 1; i < states.length; i++) {
    const before = states[i - 1]!;
    const after = states[i]!;
    const seats = [...after.seats].filter(([code, key]) => key !== null && (before.seats.get(code) ?? null) === null).map(([code]) => code);
    const added = new Map<string, number>();
    for (const [id, count] of after.counters) {
      const grew = count - (before.counters.get(id) ?? 0);
      if (grew !== 0) added.set(id, grew);
    }
    if (seats.length > 0 || added.size > 0) links.push({ seats, added });
  }
  return links;
}
