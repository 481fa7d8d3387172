// Report files (.docx / .pdf) uploaded for a unit. The file is checked and converted (in a
// worker thread), then its bytes and HTML are written in pieces — all before the meeting's
// queue, so the chair's commands and the ballots never wait on them. Only naming the new
// pieces in the unit's row, with the meeting's version bump, goes through the queue like
// any other roster change. Until then nothing a screen reads has changed, and a refusal or a
// crash leaves only unnamed pieces, deleted then or when the server next starts.
import { fail, ok, type Result } from "../domain/result";
import { readReportFile } from "../attachments/report-file";
import type { Tx } from "../voting/ballot-data";
import { deleteAttachment, saveAttachment } from "./roster-data";
import { change, NO_SPEAKER, type SetupContext } from "./setup-context";

export async function uploadAttachment(ctx: SetupContext, meetingId: string, speakerId: string, fileName: string, bytes: Uint8Array): Promise<Result<{ fileName: string; contentType: string }>> {
  const file = await readReportFile(fileName, bytes, ctx.convertDocx);
  if (!file.ok) return file;
  const { contentType } = file.data;
  const stored = {
    file: await ctx.content.write(file.data.bytes),
    html: file.data.html ? await ctx.content.write(file.data.html) : null,
  };
  const saved = await change(ctx, meetingId, (current) => {
    if (!current.roster.some((e) => e.id === speakerId)) return fail("not_found", NO_SPEAKER);
    return ok((tx: Tx) => saveAttachment(tx, speakerId, { fileName: file.data.fileName, contentType, ...stored }));
  });
  // The pieces no row names any more: the new ones after a refusal, else the replaced file's.
  await ctx.content.removeUnlessNamed(saved.ok ? saved.data : [stored.file.contentId, stored.html?.contentId]);
  return saved.ok ? ok({ fileName: file.data.fileName, contentType }) : saved;
}

export async function removeAttachment(ctx: SetupContext, meetingId: string, speakerId: string): Promise<Result<null>> {
  const removed = await change(ctx, meetingId, (current) => {
    const entry = current.roster.find((e) => e.id === speakerId);
    if (!entry) return fail("not_found", NO_SPEAKER);
    if (!entry.attachment) return fail("not_found", "该单位没有上传的材料文件。");
    return ok((tx: Tx) => deleteAttachment(tx, speakerId));
  });
  if (!removed.ok) return removed;
  await ctx.content.removeUnlessNamed(removed.data ?? []);
  return ok(null);
}
