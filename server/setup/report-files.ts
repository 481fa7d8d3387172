// Report files (.docx / .pdf) uploaded for a unit: checked and converted before the queue,
// stored with the meeting's version bump like any other roster change.
import { fail, ok, type Result } from "../domain/result";
import { readReportFile } from "../attachments/report-file";
import type { Tx } from "../voting/ballot-data";
import { deleteAttachment, saveAttachment } from "./roster-data";
import { change, NO_SPEAKER, type SetupContext } from "./setup-context";

export async function uploadAttachment(ctx: SetupContext, meetingId: string, speakerId: string, fileName: string, bytes: Uint8Array): Promise<Result<{ fileName: string; contentType: string }>> {
  // Converted in a worker thread, before the queue: the chair's keys never wait on it, and a
  // file that fails or times out is refused before anything is written.
  const file = await readReportFile(fileName, bytes, ctx.convertDocx);
  if (!file.ok) return file;
  return change(ctx, meetingId, (current) => {
    if (!current.roster.some((e) => e.id === speakerId)) return fail("not_found", NO_SPEAKER);
    return ok(async (tx: Tx) => {
      await saveAttachment(tx, speakerId, file.data);
      return { fileName: file.data.fileName, contentType: file.data.contentType };
    });
  });
}

export function removeAttachment(ctx: SetupContext, meetingId: string, speakerId: string): Promise<Result<null>> {
  return change(ctx, meetingId, (current) => {
    const entry = current.roster.find((e) => e.id === speakerId);
    if (!entry) return fail("not_found", NO_SPEAKER);
    if (!entry.attachment) return fail("not_found", "该单位没有上传的材料文件。");
    return ok(async (tx: Tx) => {
      await deleteAttachment(tx, speakerId);
      return null;
    });
  });
}
