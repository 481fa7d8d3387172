// 点评 entries. Upserts by the id the chair's browser generated, so resending the same
// autosave (after a reload or a reconnect) never duplicates an entry.
import type { CommentSave, CommentView } from "../domain/comments";
import type { Db } from "../platform/db";

function view(row: { id: string; speakerId: string; tag: string; text: string; createdAt: Date; updatedAt: Date }): CommentView {
  return {
    id: row.id,
    speakerId: row.speakerId,
    tag: row.tag === "problem" || row.tag === "suggestion" ? row.tag : "highlight",
    text: row.text,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listComments(db: Db, meetingId: string): Promise<CommentView[]> {
  const rows = await db.comment.findMany({ where: { meetingId }, orderBy: { createdAt: "asc" } });
  return rows.map(view);
}

/** Returns null when the speaker is not on this meeting's roster or the id belongs to another meeting. */
export async function saveComment(db: Db, meetingId: string, input: CommentSave): Promise<CommentView | null> {
  const speaker = await db.speaker.findFirst({ where: { id: input.speakerId, meetingId, removed: false }, select: { id: true } });
  if (!speaker) return null;
  const existing = await db.comment.findUnique({ where: { id: input.id }, select: { meetingId: true } });
  if (existing && existing.meetingId !== meetingId) return null;
  const row = await db.comment.upsert({
    where: { id: input.id },
    create: { ...input, meetingId },
    update: { tag: input.tag, text: input.text, speakerId: input.speakerId },
  });
  return view(row);
}

/** Idempotent: deleting an entry that is already gone succeeds. Returns whether one was deleted. */
export async function deleteComment(db: Db, meetingId: string, id: string): Promise<boolean> {
  return (await db.comment.deleteMany({ where: { id, meetingId } })).count > 0;
}
