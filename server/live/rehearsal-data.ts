// What a 彩排 keeps and what 结束彩排 removes. The copy taken at the start (live state,
// speaking order, the 点评 that already existed) is one Rehearsal row; ending the rehearsal
// deletes everything the rehearsal wrote — 点评, electronic counters and totals, paper rounds
// and entries, seats' used marks, the frozen tally — puts the copy back, and then checkpoints
// the WAL, so with secure_delete nothing of it is left in the database file or its WAL.
import * as z from "zod";
import { liveStateSchema } from "../domain/live-state-schema";
import type { LiveState } from "../domain/meeting-types";
import { directSqlite, providerOf, type Db } from "../platform/db";
import type { Tx } from "../voting/ballot-data";

const savedCommentSchema = z.object({
  id: z.string(),
  speakerId: z.string(),
  tag: z.string(),
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export interface RehearsalCopy {
  live: LiveState;
  order: string[];
  comments: Array<z.infer<typeof savedCommentSchema>>;
}

/** Whether a 彩排 runs on the meeting (its row exists from 开始彩排 to 结束彩排). */
export async function rehearsalRunning(db: Db, meetingId: string): Promise<boolean> {
  return (await db.rehearsal.count({ where: { meetingId } })) > 0;
}

/** Paper ballots typed in before voting ever opened: a meeting holding any is not rehearsed over. */
export async function paperEntryCount(db: Db, meetingId: string): Promise<number> {
  return db.paperEntry.count({ where: { round: { meetingId } } });
}

/** Keeps what 结束彩排 puts back, in the transaction that starts the rehearsal. */
export async function saveRehearsalCopy(tx: Tx, meetingId: string, live: LiveState, order: string[]): Promise<void> {
  const comments = await tx.comment.findMany({ where: { meetingId }, orderBy: { createdAt: "asc" } });
  await tx.rehearsal.create({
    data: {
      meetingId,
      savedLive: JSON.stringify(live),
      savedOrder: JSON.stringify(order),
      savedComments: JSON.stringify(
        comments.map((c) => ({
          id: c.id,
          speakerId: c.speakerId,
          tag: c.tag,
          text: c.text,
          createdAt: c.createdAt.toISOString(),
          updatedAt: c.updatedAt.toISOString(),
        })),
      ),
    },
  });
}

/** The copy taken when the rehearsal started; null when none runs (or the row is unreadable). */
export async function readRehearsalCopy(db: Db, meetingId: string): Promise<RehearsalCopy | null> {
  const row = await db.rehearsal.findUnique({ where: { meetingId } });
  if (!row) return null;
  const live = liveStateSchema.safeParse(JSON.parse(row.savedLive));
  const order = z.array(z.string()).safeParse(JSON.parse(row.savedOrder));
  const comments = z.array(savedCommentSchema).safeParse(JSON.parse(row.savedComments));
  if (!live.success || !order.success || !comments.success) return null;
  return { live: live.data, order: order.data, comments: comments.data };
}

/**
 * Deletes what the rehearsal wrote and puts back the 点评 kept at its start. Runs inside the
 * transaction that writes the restored live state.
 */
// Hook for the other ballot writers: anything new that a rehearsal ballot or paper round
// writes (an in-memory ballot box's pending batch, new tables) must be discarded here too.
export async function discardRehearsal(tx: Tx, meetingId: string, copy: RehearsalCopy): Promise<void> {
  // 点评 written in the rehearsal go, with any 整改 follow-up made for them; those kept from
  // before it get their words back. The kept ones are not deleted and re-created, so their
  // own 整改事项 (measures, progress notes) stay.
  const keptIds = copy.comments.map((c) => c.id);
  const rehearsed = { meetingId, id: { notIn: keptIds } };
  await tx.rectificationNote.deleteMany({ where: { item: { comment: rehearsed } } });
  await tx.rectification.deleteMany({ where: { comment: rehearsed } });
  await tx.comment.deleteMany({ where: rehearsed });
  const present = new Set((await tx.comment.findMany({ where: { meetingId }, select: { id: true } })).map((c) => c.id));
  for (const c of copy.comments) {
    const data = { speakerId: c.speakerId, tag: c.tag, text: c.text, createdAt: new Date(c.createdAt), updatedAt: new Date(c.updatedAt) };
    if (present.has(c.id)) await tx.comment.update({ where: { id: c.id }, data });
    else await tx.comment.create({ data: { id: c.id, meetingId, ...data } });
  }
  await tx.voteCounter.deleteMany({ where: { meetingId } });
  await tx.ballotTotal.deleteMany({ where: { meetingId } });
  // Entries go with their rounds (cascade); the tellers' desk opens a fresh round when asked.
  await tx.paperRound.deleteMany({ where: { meetingId } });
  // The tellers' log of the rehearsal's paper count (disputes, resolutions, voids).
  await tx.paperEvent.deleteMany({ where: { meetingId } });
  await tx.seat.updateMany({ where: { meetingId }, data: { usedKey: null } });
  await tx.meeting.update({ where: { id: meetingId }, data: { frozenTally: null } });
  await tx.rehearsal.delete({ where: { meetingId } });
}

const CHECKPOINT_ATTEMPTS = 20;
const CHECKPOINT_RETRY_MS = 50;

/**
 * After the deletes: the WAL is copied into the file (whose freed pages secure_delete has
 * zeroed) and truncated. Retries while a reader holds it; false if it never completed.
 */
export async function scrubWal(db: Db): Promise<boolean> {
  // PostgreSQL has no such step: its dead row versions go at VACUUM (docs/ballot-secrecy.md §七).
  if (providerOf(db) === "postgresql") return true;
  const sqlite = directSqlite(db);
  for (let attempt = 0; attempt < CHECKPOINT_ATTEMPTS; attempt++) {
    if (await sqlite.checkpointTruncate()) return true;
    await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_RETRY_MS));
  }
  return false;
}
