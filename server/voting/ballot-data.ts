// Electronic ballots, stored as counters only. A ballot adds one to one counter per
// evaluated speaker and marks its seat as used — in one transaction, with no time, no
// seat and no order on the counters. See docs/ballot-secrecy.md.
import type { VotingProgress } from "../domain/snapshot";
import type { BallotSource, VoteCounter } from "../domain/tally";
import { Prisma } from "../../prisma/generated/client";
import type { Db } from "../platform/db";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** "" stands for "no category" and "弃权" in the counter keys (primary-key columns can't be null). */
const NONE = "";

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

export type CastOutcome = "counted" | "already_counted" | "used_elsewhere" | "no_seat";

/**
 * Counts one electronic ballot for the seat `seatCode`. Idempotent per `key`: the same
 * tablet resending after a lost answer learns its ballot was counted ("already_counted");
 * another device with the same seat code gets "used_elsewhere".
 */
export async function castBallot(
  db: Db,
  meetingId: string,
  seatCode: string,
  key: string,
  marks: Record<string, string | null>,
  categoryIds: Set<string>,
): Promise<CastOutcome> {
  return db.$transaction(async (tx) => {
    const seat = await tx.seat.findFirst({ where: { meetingId, code: seatCode }, select: { usedKey: true, categoryId: true } });
    if (!seat) return "no_seat";
    if (seat.usedKey !== null) return seat.usedKey === key ? "already_counted" : "used_elsewhere";
    const claimed = await tx.seat.updateMany({ where: { code: seatCode, meetingId, usedKey: null }, data: { usedKey: key } });
    if (claimed.count !== 1) return "used_elsewhere";
    // A seat's category counts only while categories are in use (voting opens only when every seat has one).
    const categoryId = seat.categoryId !== null && categoryIds.has(seat.categoryId) ? seat.categoryId : NONE;
    const rows = Object.entries(marks);
    // One statement for every row of the ballot: the counters were created at 0 when voting opened.
    const pairs = rows.map(([speakerId, levelId]) => Prisma.sql`(${speakerId}, ${levelId ?? NONE})`);
    const updated = rows.length
      ? await tx.$executeRaw`UPDATE "VoteCounter" SET "count" = "count" + 1
          WHERE "meetingId" = ${meetingId} AND "source" = 'electronic' AND "categoryId" = ${categoryId}
          AND ("speakerId", "levelId") IN (VALUES ${Prisma.join(pairs)})`
      : 0;
    if (updated !== rows.length) {
      throw new Error(`ballot counters missing for meeting ${meetingId}: updated ${updated} of ${rows.length}`);
    }
    await tx.ballotTotal.upsert({
      where: { meetingId_source_categoryId: { meetingId, source: "electronic", categoryId } },
      create: { meetingId, source: "electronic", categoryId, count: 1 },
      update: { count: { increment: 1 } },
    });
    return "counted";
  });
}

/** Status of a seat for the tablet holding it: not voted, voted from this tablet, or elsewhere. */
export async function seatStatus(
  db: Db,
  meetingId: string,
  seatCode: string,
  key: string,
): Promise<{ label: string; status: "not_voted" | "counted" | "used_elsewhere" } | null> {
  const seat = await db.seat.findFirst({ where: { meetingId, code: seatCode }, select: { label: true, usedKey: true } });
  if (!seat) return null;
  const status = seat.usedKey === null ? "not_voted" : seat.usedKey === key ? "counted" : "used_elsewhere";
  return { label: seat.label, status };
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
