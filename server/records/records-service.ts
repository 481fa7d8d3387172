// After the meeting (会后): the files, the record, the archive and the 整改 follow-up, as
// functions the routes call. Documents are built from the dossier by the pure *-document
// modules; Prisma stays in the *-data modules.
import { invalidInput } from "../domain/invalid-input";
import { fail, ok, type Result } from "../domain/result";
import type { ContentStore } from "../attachments/attachment-content-data";
import type { Db } from "../platform/db";
import type { MeetingDirectory } from "../live/meeting-directory";
import { rehearsalRunning } from "../live/rehearsal-data";
import { archiveContent, importArchive } from "./archive-data";
import { packArchive, unpackArchive } from "./archive";
import { exportFileName, rectificationRows, type CarriedItem, type Dossier, type Rectification } from "./dossier";
import { addProgressNote, carriedItems, loadDossier, updateRectification } from "./dossier-data";
import { RECORD_FORMAT, RECORD_VERSION, verifyChain, type ChainCheck, type RecordFile } from "./record-chain";
import type { RecordLog } from "./record-data";
import { progressNoteSchema, rectificationPatchSchema } from "./records-schemas";

export const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface ExportFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
}

/** The downloads of the 会后 page, by the last part of their path. */
export const EXPORTS = {
  "minutes.docx": { label: "会议纪要", what: "会议纪要", extension: "docx", contentType: DOCX, needsTally: false },
  "rectification.xlsx": { label: "整改清单（Excel）", what: "整改清单", extension: "xlsx", contentType: XLSX, needsTally: false },
  "rectification.docx": { label: "点评意见反馈单（Word）", what: "点评意见反馈单", extension: "docx", contentType: DOCX, needsTally: false },
  "results.xlsx": { label: "测评汇总表（Excel）", what: "民主测评汇总表", extension: "xlsx", contentType: XLSX, needsTally: true },
  "results.docx": { label: "测评汇总表（Word）", what: "民主测评汇总表", extension: "docx", contentType: DOCX, needsTally: true },
  "record.json": { label: "会议纪实（哈希链）", what: "会议纪实", extension: "json", contentType: "application/json; charset=utf-8", needsTally: false },
} as const;

export type ExportName = keyof typeof EXPORTS;

export function isExportName(name: string): name is ExportName {
  return Object.hasOwn(EXPORTS, name);
}

const NO_MEETING = "没有这个会议。";
const NOT_CLOSED = "测评结束后才有测评汇总表：请先在主持台结束测评（结束测评）。";

/** What the 会后 page shows before anything is downloaded. */
export interface RecordsPreview {
  title: string;
  closed: boolean;
  votingClosed: boolean;
  units: Array<{ unit: string; name: string; removed: boolean; highlights: number; problems: number; suggestions: number }>;
  rectification: { total: number; done: number };
  record: { entries: number; check: ChainCheck; last: Array<{ seq: number; at: string; type: string }> };
  results: Array<{ rank: number; unit: string; name: string; goodRate: number; score: number }> | null;
  exports: Array<{ path: string; label: string; fileName: string; available: boolean }>;
}

export interface RectificationView {
  title: string;
  items: Array<{ commentId: string; unit: string; name: string; tag: "problem" | "suggestion"; text: string } & Rectification>;
}

export type RecordsService = ReturnType<typeof createRecordsService>;

/** Exports and 整改 follow-up never hold what a 彩排 wrote. */
const REHEARSING = "彩排正在进行：结束彩排后才能导出或登记整改。彩排的内容不进入任何导出。";

export function createRecordsService(deps: { db: Db; record: RecordLog; content: ContentStore; directory: MeetingDirectory; now: () => number }) {
  const { db, record, content, directory, now } = deps;

  async function recordFile(meetingId: string, title: string): Promise<RecordFile> {
    const entries = await record.list(meetingId);
    return { format: RECORD_FORMAT, version: RECORD_VERSION, meetingId: entries[0]?.meetingId ?? meetingId, title, exportedAt: new Date(now()).toISOString(), entries };
  }

  async function exportFile(meetingId: string, name: ExportName): Promise<Result<ExportFile>> {
    const dossier = await loadDossier(db, meetingId);
    if (!dossier) return fail("not_found", NO_MEETING);
    if (dossier.live.rehearsal) return fail("illegal", REHEARSING);
    const spec = EXPORTS[name];
    const fileName = exportFileName(dossier.meeting.title, spec.what, spec.extension);
    if (spec.needsTally && !dossier.tally) return fail("illegal", NOT_CLOSED);
    const bytes = await build(dossier, name);
    return ok({ fileName, contentType: spec.contentType, bytes });
  }

  // The document builders (and the docx library) load with the first export, not with every start.
  async function build(dossier: Dossier, name: ExportName): Promise<Uint8Array> {
    switch (name) {
      case "minutes.docx":
        return (await import("./minutes-document")).minutesDocx(dossier);
      case "rectification.xlsx":
        return (await import("./rectification-documents")).rectificationXlsx(dossier);
      case "rectification.docx":
        return (await import("./rectification-documents")).rectificationDocx(dossier);
      case "results.xlsx":
        return (await import("./results-documents")).resultsXlsx(dossier, dossier.tally as NonNullable<Dossier["tally"]>);
      case "results.docx":
        return (await import("./results-documents")).resultsDocx(dossier, dossier.tally as NonNullable<Dossier["tally"]>);
      case "record.json":
        return Buffer.from(JSON.stringify(await recordFile(dossier.meeting.id, dossier.meeting.title), null, 2), "utf8");
      default: {
        const unknown: never = name;
        throw new Error(`unknown export ${String(unknown)}`);
      }
    }
  }

  async function preview(meetingId: string): Promise<Result<RecordsPreview>> {
    const dossier = await loadDossier(db, meetingId);
    if (!dossier) return fail("not_found", NO_MEETING);
    const entries = await record.list(meetingId);
    const rows = rectificationRows(dossier);
    const count = (s: Dossier["speakers"][number], tag: string) => s.comments.filter((c) => c.tag === tag && c.text.trim() !== "").length;
    return ok({
      title: dossier.meeting.title,
      closed: dossier.live.cursor.item === "closed",
      votingClosed: dossier.tally !== null,
      units: dossier.speakers.map((s) => ({ unit: s.unit, name: s.name, removed: s.removed, highlights: count(s, "highlight"), problems: count(s, "problem"), suggestions: count(s, "suggestion") })),
      rectification: { total: rows.length, done: rows.filter((r) => r.rectification.status === "done" || r.rectification.status === "closed").length },
      record: { entries: entries.length, check: verifyChain(entries), last: entries.slice(-8).map(({ seq, at, type }) => ({ seq, at, type })) },
      results: dossier.tally ? [...dossier.tally.speakers].sort((a, b) => a.rank - b.rank).map((s) => ({ rank: s.rank, unit: s.unit, name: s.name, goodRate: s.goodRate, score: s.score })) : null,
      exports: [
        ...Object.entries(EXPORTS).map(([path, spec]) => ({
          path: `exports/${path}`,
          label: spec.label,
          fileName: exportFileName(dossier.meeting.title, spec.what, spec.extension),
          available: !spec.needsTally || dossier.tally !== null,
        })),
        { path: "archive", label: "归档文件（全部内容）", fileName: exportFileName(dossier.meeting.title, "归档", "zip"), available: true },
      ],
    });
  }

  async function archive(meetingId: string): Promise<Result<ExportFile>> {
    if (await rehearsalRunning(db, meetingId)) return fail("illegal", REHEARSING);
    const found = await archiveContent(db, content, meetingId, await record.list(meetingId));
    if (!found) return fail("not_found", NO_MEETING);
    return ok({ fileName: exportFileName(found.meeting.title, "归档", "zip"), contentType: "application/zip", bytes: packArchive(found, new Date(now()).toISOString()) });
  }

  async function importFile(bytes: Uint8Array): Promise<Result<{ id: string; title: string }>> {
    const unpacked = unpackArchive(bytes);
    if (!unpacked.ok) return unpacked;
    const created = await importArchive(db, content, unpacked.data);
    // Looking the meeting up puts its 会议码 and tokens in the handshake index.
    await directory.byId(created.id);
    return ok({ id: created.id, title: unpacked.data.meeting.title });
  }

  async function rectification(meetingId: string): Promise<Result<RectificationView>> {
    const dossier = await loadDossier(db, meetingId);
    if (!dossier) return fail("not_found", NO_MEETING);
    return ok({
      title: dossier.meeting.title,
      items: rectificationRows(dossier).map(({ speaker, comment, rectification: r }) => ({
        commentId: comment.id,
        unit: speaker.unit,
        name: speaker.name,
        tag: comment.tag === "problem" ? "problem" : "suggestion",
        text: comment.text,
        ...r,
      })),
    });
  }

  async function updateItem(meetingId: string, commentId: string, input: unknown): Promise<Result<RectificationView>> {
    const parsed = rectificationPatchSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    if (await rehearsalRunning(db, meetingId)) return fail("illegal", REHEARSING);
    if (!(await updateRectification(db, meetingId, commentId, parsed.data))) return fail("not_found", "没有这个整改事项。");
    return rectification(meetingId);
  }

  async function addNote(meetingId: string, commentId: string, input: unknown): Promise<Result<RectificationView>> {
    const parsed = progressNoteSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    if (await rehearsalRunning(db, meetingId)) return fail("illegal", REHEARSING);
    if (!(await addProgressNote(db, meetingId, commentId, parsed.data))) return fail("not_found", "没有这个整改事项。");
    return rectification(meetingId);
  }

  async function carried(meetingId: string): Promise<Result<{ title: string; items: CarriedItem[] } | null>> {
    if (!(await directory.byId(meetingId))) return fail("not_found", NO_MEETING);
    return ok(await carriedItems(db, meetingId));
  }

  return { exportFile, preview, archive, importFile, rectification, updateItem, addNote, carried };
}
