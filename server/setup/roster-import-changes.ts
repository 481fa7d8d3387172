// Importing a roster (.xlsx, .csv or a pasted table): a preview that changes nothing, then
// the import the organiser confirmed, replacing the roster or appended to it.
import { fail, ok, type Result } from "../domain/result";
import { importableRows, parseRoster, type ImportSource, type RosterPreview, type RowProblem } from "../roster-import/parse-roster";
import type { Tx } from "../voting/ballot-data";
import { countComments, createSpeakers, deleteAllSpeakers, type SpeakerInput } from "./roster-data";
import { change, currentMeeting, NO_MEETING, refuse, type SetupContext } from "./setup-context";
import { appendConflicts, orderImportedRows, setupLocks } from "./setup-rules";
import type { ImportMode } from "./setup-schemas";

export interface ImportPreview {
  preview: RosterPreview;
  /** Rows an "追加" would leave out because their unit is already on the roster. */
  appendConflicts: RowProblem[];
  /** Units on the roster now. */
  existing: number;
}

export async function previewImport(ctx: SetupContext, meetingId: string, source: ImportSource): Promise<Result<ImportPreview>> {
  const snapshot = await currentMeeting(ctx, meetingId);
  if (!snapshot) return fail("not_found", NO_MEETING);
  const parsed = await parseRoster(source);
  if (!parsed.ok) return parsed;
  return ok({ preview: parsed.data, appendConflicts: appendConflicts(parsed.data.rows, snapshot.roster), existing: snapshot.roster.length });
}

/**
 * Imports the rows without problems. `expected` is how many the organiser saw in the
 * preview and confirmed: a file that changed since is refused rather than imported blind.
 */
export async function commitImport(ctx: SetupContext, 
  meetingId: string,
  source: ImportSource,
  mode: ImportMode,
  expected: number | null,
): Promise<Result<{ imported: number; skipped: number }>> {
  const parsed = await parseRoster(source);
  if (!parsed.ok) return parsed;
  const preview = parsed.data;
  return change(ctx, meetingId, (current) => {
    const locks = setupLocks(current, { seatsUsed: 0, comments: 0 });
    const lock = mode === "replace" ? locks.replace : locks.roster;
    if (lock) return fail("illegal", lock);
    const conflicts = new Set(mode === "append" ? appendConflicts(preview.rows, current.roster).map((p) => p.line) : []);
    const rows = orderImportedRows(importableRows(preview).filter((row) => !conflicts.has(row.line)));
    if (expected !== null && expected !== rows.length) {
      return fail("conflict", `文件内容与预览不一致（预览 ${expected} 行，现在 ${rows.length} 行），名单未更改：请重新预览后再导入。`);
    }
    if (rows.length === 0) return fail("invalid", "没有可导入的行：请先修正预览中标出的问题。");
    const speakers: SpeakerInput[] = rows.map((row) => ({
      unit: row.unit,
      name: row.name,
      title: row.title,
      mode: row.mode,
      limitMs: row.limitMs,
      reportText: row.reportText,
      evaluated: true,
    }));
    return ok(async (tx: Tx) => {
      if (mode === "replace") {
        if ((await countComments(tx, meetingId)) > 0) refuse("illegal", "已有点评记录，不能整体替换名单（点评必须保留）。");
        await deleteAllSpeakers(tx, meetingId);
        await createSpeakers(tx, meetingId, speakers, 0);
      } else {
        await createSpeakers(tx, meetingId, speakers, current.roster.length);
      }
      return { imported: speakers.length, skipped: preview.rows.length - speakers.length };
    });
  });
}
