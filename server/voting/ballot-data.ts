// Electronic ballots, stored as counters only. A batch of at least k ballots (ballot-box.ts)
// adds to the counters and marks its seats as used in one transaction, with no time, no
// ballot row and no order. See docs/ballot-secrecy.md.
import type { VotingProgress } from "../domain/snapshot";
import type { BallotSource, VoteCounter } from "../domain/tally";
import { directSqlite, providerOf, type Db } from "../platform/db";
import type { Batch } from "./ballot-box";
import { postgresBallotStore } from "./ballot-pg-data";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** "" stands for "no category" and "弃权" in the counter keys (primary-key columns can't be null). */
export const NONE = "";

/**
 * Creates every counter at 0 before the first ballot, so counter rows are never created
 * in the order ballots arrive (which would hint at the first ballots' content).
 */
export async function prepareCounters(
  tx: Tx,
  meetingId: string,
  speakerIds: string[],
  levelIds: string[],
  categoryIds: string[],
): Promise<void> {
  const categories = categoryIds.length ? categoryIds : [NONE];
  const rows = [];
  for (const categoryId of categories) {
    for (const speakerId of speakerIds) {
      for (const levelId of [...levelIds, NONE]) {
        rows.push({ meetingId, source: "electronic", categoryId, speakerId, levelId, count: 0 });
      }
    }
  }
  const existing = await tx.voteCounter.count({ where: { meetingId, source: "electronic" } });
  if (existing === 0) await tx.voteCounter.createMany({ data: rows });
  for (const categoryId of categories) {
    await tx.ballotTotal.upsert({
      where: { meetingId_source_categoryId: { meetingId, source: "electronic", categoryId } },
      create: { meetingId, source: "electronic", categoryId, count: 0 },
      update: {},
    });
  }
}

/** One seat as the ballot box needs it: its category and whether (and with which key) it voted. */
export interface SeatRow {
  label: string;
  categoryId: string | null;
  usedKey: string | null;
}

/**
 * The ballot statements on the direct connection (platform/db.ts), prepared once per
 * database: a batch of ballots costs one statement per seat and per counter changed, no reads.
 */
export interface BallotStore {
  seat(meetingId: string, seatCode: string): Promise<SeatRow | undefined>;
  /**
   * Writes one batch in one transaction: every seat marked used and every counter increased
   * together. Throws (and changes nothing) when a seat had voted already or a counter is missing.
   */
  commit(meetingId: string, batch: Batch): Promise<void>;
}

const stores = new WeakMap<Db, BallotStore>();

/** The store on `db`'s database: SQLite here, PostgreSQL in ballot-pg-data.ts. */
export function ballotStore(db: Db): BallotStore {
  const found = stores.get(db);
  if (found) return found;
  const store = providerOf(db) === "postgresql" ? postgresBallotStore(db) : sqliteBallotStore(db);
  stores.set(db, store);
  return store;
}

function sqliteBallotStore(db: Db): BallotStore {
  const sqlite = directSqlite(db);
  const seat = sqlite.prepare('SELECT "label", "categoryId", "usedKey" FROM "Seat" WHERE "meetingId" = ? AND "code" = ?');
  const claim = sqlite.prepare('UPDATE "Seat" SET "usedKey" = ? WHERE "meetingId" = ? AND "code" = ? AND "usedKey" IS NULL');
  const count = sqlite.prepare(
    `UPDATE "VoteCounter" SET "count" = "count" + ? WHERE "meetingId" = ? AND "source" = 'electronic'
       AND "categoryId" = ? AND "speakerId" = ? AND "levelId" = ?`,
  );
  const total = sqlite.prepare(
    `INSERT INTO "BallotTotal" ("meetingId", "source", "categoryId", "count") VALUES (?, 'electronic', ?, ?)
       ON CONFLICT ("meetingId", "source", "categoryId") DO UPDATE SET "count" = "count" + excluded."count"`,
  );
  const store: BallotStore = {
    seat: (meetingId, seatCode) => Promise.resolve(seat.get(meetingId, seatCode) as SeatRow | undefined),
    async commit(meetingId, batch) {
      await sqlite.outsideTransaction();
      sqlite.transaction(() => {
        for (const { seatCode, key } of batch.seats) {
          if (claim.run(key, meetingId, seatCode).changes !== 1) throw new Error(`a seat of the batch had voted already (meeting ${meetingId})`);
        }
        for (const c of batch.counters) {
          if (count.run(c.add, meetingId, c.categoryId, c.speakerId, c.levelId).changes !== 1) {
            throw new Error(`ballot counter missing for meeting ${meetingId}`);
          }
        }
        for (const t of batch.totals) total.run(meetingId, t.categoryId, t.add);
      });
    },
  };
  return store;
}

export async function electronicCounters(db: Db | Tx, meetingId: string): Promise<VoteCounter[]> {
  const rows = await db.voteCounter.findMany({ where: { meetingId, source: "electronic", count: { gt: 0 } } });
  return rows.map((r) => ({
    speakerId: r.speakerId,
    levelId: r.levelId === NONE ? null : r.levelId,
    source: r.source as BallotSource,
    categoryId: r.categoryId === NONE ? null : r.categoryId,
    count: r.count,
  }));
}

/** Electronic ballots counted, in all and per category. */
export async function electronicTotals(db: Db | Tx, meetingId: string): Promise<{ total: number; byCategory: Record<string, number> }> {
  const rows = await db.ballotTotal.findMany({ where: { meetingId, source: "electronic" } });
  const byCategory: Record<string, number> = {};
  let total = 0;
  for (const row of rows) {
    total += row.count;
    if (row.categoryId !== NONE) byCategory[row.categoryId] = row.count;
  }
  return { total, byCategory };
}

export async function freezeTally(tx: Tx, meetingId: string, tallyJson: string): Promise<void> {
  await tx.meeting.update({ where: { id: meetingId }, data: { frozenTally: tallyJson } });
}

export type { Tx };

/** 已提交 (electronic) and paper figures of the current round, for the progress bar. */
export async function votingProgress(db: Db, meetingId: string, expected: number): Promise<VotingProgress> {
  const electronic = await db.ballotTotal.aggregate({ where: { meetingId, source: "electronic" }, _sum: { count: true } });
  const round = await db.paperRound.findFirst({ where: { meetingId, status: "open" }, orderBy: { number: "desc" } });
  const entered = round
    ? await db.paperEntry.findMany({ where: { roundId: round.id }, distinct: ["ballotNo"], select: { ballotNo: true } })
    : [];
  return {
    expected,
    electronic: electronic._sum.count ?? 0,
    paperIssued: round?.issued ?? 0,
    paperReturned: round?.returned ?? 0,
    paperEntered: entered.length,
  };
}
