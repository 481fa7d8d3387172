// The meeting archive: one .zip with everything of a meeting — roster, texts, report files,
// 点评, 整改, the 会议纪实 and the frozen tally as counters — to carry a meeting between the
// office PC and the hall laptop. Pure: packs and unpacks, and checks an archive before
// anything is written. Ids inside are the archive's own keys (s1, c1 …), so export → import
// → export gives the same content; only the record keeps the ids it was chained with.
//
// Reading is guarded: the upload is capped, every entry is inflated under a running total in
// small steps (a zip bomb stops at the cap, not at the end of its output), the entry count is
// capped, and the content must pass its schema, its hash chain and its references.
import { Unzip, UnzipInflate, zipSync, strToU8, strFromU8, type Zippable } from "fflate";
import * as z from "zod";
import { liveStateSchema } from "../domain/live-state-schema";
import { ratingLevelsSchema, voterCategoriesSchema } from "../domain/evaluation-setup";
import { fail, ok, type Result } from "../domain/result";
import type { Tally } from "../domain/tally";
import { RECORD_FORMAT, RECORD_VERSION, verifyChain, type RecordEntry, type RecordFile } from "./record-chain";
import { RECTIFICATION_STATUSES } from "./dossier";

export const ARCHIVE_FORMAT = "debrief-archive";
export const ARCHIVE_VERSION = 1;
/** The upload itself: report files are at most 10 MB each; a meeting has a dozen or two. */
export const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;
/** Everything inflated, all entries together. */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
export const MAX_ARCHIVE_ENTRIES = 2000;
/** Compressed bytes handed to the inflater at a time: bounds how far one step can overshoot. */
const PUSH_BYTES = 16 * 1024;

const text = (max: number) => z.string().max(max);
const key = z.string().regex(/^[sc][0-9]{1,6}$/);

const closingPointSchema = z.object({ title: text(500), body: text(20_000), section: z.enum(["achievements", "requirements"]).optional() });

const rectificationSchema = z.object({
  measures: text(5000),
  owner: text(200),
  dueDate: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/),
  status: z.enum(RECTIFICATION_STATUSES),
  notes: z.array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), text: text(5000) })).max(500),
});

export const archiveMeetingSchema = z.object({
  title: text(200),
  date: text(100),
  venue: text(200),
  chairName: text(100),
  guests: text(2000),
  agenda: z.object({
    reports: z.object({ title: text(200), text: text(20_000) }),
    evaluation: z.object({ title: text(200), text: text(20_000) }),
    closing: z.object({ title: text(200), text: text(20_000) }),
  }),
  closingPoints: z.array(closingPointSchema).max(100),
  limitMs: z.number().int().min(0).max(24 * 3_600_000),
  warningMs: z.number().int().min(0).max(24 * 3_600_000),
  ratingLevels: ratingLevelsSchema,
  voterCategories: voterCategoriesSchema,
  expectedVoters: z.number().int().min(0).max(100_000),
  live: liveStateSchema,
  /** The frozen tally (counters and the figures computed from them), speaker ids as keys. */
  frozenTally: z.unknown().nullable(),
  speakers: z
    .array(
      z.object({
        key,
        unit: text(200),
        name: text(100),
        title: text(200),
        mode: z.enum(["onsite", "written"]),
        limitMs: z.number().int().min(0).max(24 * 3_600_000).nullable(),
        reportText: text(2_000_000),
        evaluated: z.boolean(),
        removed: z.boolean(),
        attachment: z.object({ fileName: text(255), contentType: text(200), html: z.boolean() }).nullable(),
      }),
    )
    .max(500),
  comments: z
    .array(
      z.object({
        key,
        speaker: key,
        tag: z.enum(["highlight", "problem", "suggestion"]),
        text: text(5000),
        createdAt: z.string().max(40),
        rectification: rectificationSchema.nullable(),
      }),
    )
    .max(20_000),
  /**
   * Paper rounds: counts and status only (never the tellers' entries of single ballots), with
   * the ballots both tellers agreed on, valid and 废票 (absent in archives made before they were kept).
   */
  paperRounds: z
    .array(
      z.object({
        number: z.number().int().min(1),
        issued: z.number().int().min(0),
        returned: z.number().int().min(0),
        void: z.boolean(),
        valid: z.number().int().min(0).max(100_000).optional(),
        invalid: z.number().int().min(0).max(100_000).optional(),
      }),
    )
    .max(1000),
});

export type ArchiveMeeting = z.infer<typeof archiveMeetingSchema>;

const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.number(),
  title: z.string(),
  exportedAt: z.string(),
  /** The meeting id the record is chained under. */
  recordId: z.string().min(1).max(64),
});

export interface ArchiveContent {
  meeting: ArchiveMeeting;
  record: RecordEntry[];
  recordId: string;
  /** Report files by speaker key: the original, and the tablets' HTML of a .docx. */
  files: Map<string, { file: Uint8Array; html: Uint8Array | null }>;
}

function json(value: unknown): Uint8Array {
  return strToU8(JSON.stringify(value, null, 2));
}

/** The .zip; `exportedAt` is the only thing that differs between two exports of one meeting. */
export function packArchive(content: ArchiveContent, exportedAt: string): Uint8Array {
  const record: RecordFile = { format: RECORD_FORMAT, version: RECORD_VERSION, meetingId: content.recordId, title: content.meeting.title, exportedAt, entries: content.record };
  const zippable: Zippable = {
    "manifest.json": json({ format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, title: content.meeting.title, exportedAt, recordId: content.recordId }),
    "meeting.json": json(content.meeting),
    "record.json": json(record),
  };
  for (const [speakerKey, files] of content.files) {
    zippable[`attachments/${speakerKey}/file`] = [files.file, { level: 6 }];
    if (files.html) zippable[`attachments/${speakerKey}/html`] = files.html;
  }
  return zipSync(zippable, { level: 6, mtime: new Date("2000-01-01T00:00:00Z") });
}

function refuse(message: string): Result<never> {
  return fail("invalid", `归档文件无法导入：${message}`);
}

/** Inflates every entry under the caps; a bomb or a lie about sizes stops at the cap. */
export function unzipGuarded(bytes: Uint8Array): Result<Map<string, Uint8Array>> {
  if (bytes.byteLength > MAX_ARCHIVE_BYTES) return refuse(`文件过大（上限 ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB）`);
  const out = new Map<string, Uint8Array>();
  const chunks = new Map<string, Uint8Array[]>();
  let total = 0;
  let entries = 0;
  let problem: string | null = null;
  const unzip = new Unzip((file) => {
    if (problem) return;
    entries++;
    if (entries > MAX_ARCHIVE_ENTRIES) {
      problem = `条目过多（上限 ${MAX_ARCHIVE_ENTRIES} 个）`;
      return;
    }
    if (file.name.includes("..") || file.name.startsWith("/") || chunks.has(file.name)) {
      problem = `条目名称不正确：${file.name.slice(0, 80)}`;
      return;
    }
    const parts: Uint8Array[] = [];
    chunks.set(file.name, parts);
    file.ondata = (error, data, final) => {
      if (problem) return;
      if (error) {
        problem = "压缩数据损坏";
        return;
      }
      total += data.byteLength;
      if (total > MAX_UNPACKED_BYTES) {
        problem = `解压后过大（上限 ${MAX_UNPACKED_BYTES / 1024 / 1024} MB），可能是异常或恶意文件`;
        file.terminate();
        return;
      }
      parts.push(data);
      if (final) {
        const whole = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
        let at = 0;
        for (const p of parts) {
          whole.set(p, at);
          at += p.byteLength;
        }
        out.set(file.name, whole);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.byteLength && !problem; at += PUSH_BYTES) {
      unzip.push(bytes.subarray(at, Math.min(bytes.byteLength, at + PUSH_BYTES)), at + PUSH_BYTES >= bytes.byteLength);
    }
  } catch {
    return refuse("不是有效的 .zip 文件");
  }
  if (problem) return refuse(problem);
  if (entries === 0) return refuse("不是有效的 .zip 文件");
  for (const name of chunks.keys()) if (!out.has(name)) return refuse("压缩数据不完整");
  return ok(out);
}

function parseJson(files: Map<string, Uint8Array>, name: string): Result<unknown> {
  const data = files.get(name);
  if (!data) return refuse(`缺少 ${name}`);
  try {
    return ok(JSON.parse(strFromU8(data)));
  } catch {
    return refuse(`${name} 不是有效的 JSON`);
  }
}

/** Speaker keys the live state and the tally name must be the archive's own. */
function foreignReference(meeting: ArchiveMeeting): string | null {
  const speakers = new Set(meeting.speakers.map((s) => s.key));
  if (new Set(meeting.speakers.map((s) => s.key)).size !== meeting.speakers.length) return "名单中有重复的编号";
  if (new Set(meeting.comments.map((c) => c.key)).size !== meeting.comments.length) return "点评中有重复的编号";
  for (const c of meeting.comments) if (!speakers.has(c.speaker)) return `点评 ${c.key} 指向名单之外的单位（${c.speaker}）`;
  const cursor = meeting.live.cursor;
  if (cursor.item === "reports" && !speakers.has(cursor.speakerId)) return `议程位置指向名单之外的单位（${cursor.speakerId}）`;
  for (const id of Object.keys(meeting.live.records)) if (!speakers.has(id)) return `述职记录指向名单之外的单位（${id}）`;
  const tally = meeting.frozenTally as Tally | null;
  if (tally !== null) {
    if (!tally || !Array.isArray(tally.speakers)) return "测评结果格式不正确";
    for (const s of tally.speakers) if (!speakers.has(s?.speakerId)) return `测评结果指向名单之外的单位（${String(s?.speakerId)}）`;
  }
  return null;
}

/** Reads and checks an uploaded archive; nothing is written until this says yes. */
export function unpackArchive(bytes: Uint8Array): Result<ArchiveContent> {
  const unzipped = unzipGuarded(bytes);
  if (!unzipped.ok) return unzipped;
  const files = unzipped.data;
  const manifestJson = parseJson(files, "manifest.json");
  if (!manifestJson.ok) return manifestJson;
  const manifest = manifestSchema.safeParse(manifestJson.data);
  if (!manifest.success) {
    const format = (manifestJson.data as { format?: unknown } | null)?.format;
    return refuse(format === ARCHIVE_FORMAT ? "清单格式不正确" : "不是述职评议会归档文件");
  }
  if (manifest.data.version !== ARCHIVE_VERSION) return refuse(`不支持的归档版本：${manifest.data.version}（本系统读取版本 ${ARCHIVE_VERSION}）`);

  const meetingJson = parseJson(files, "meeting.json");
  if (!meetingJson.ok) return meetingJson;
  const meeting = archiveMeetingSchema.safeParse(meetingJson.data);
  if (!meeting.success) {
    const issue = meeting.error.issues[0];
    return refuse(`meeting.json 内容不正确（${issue?.path.join(".") ?? ""}：${issue?.message ?? ""}）`);
  }
  const foreign = foreignReference(meeting.data);
  if (foreign) return refuse(foreign);

  const recordJson = parseJson(files, "record.json");
  if (!recordJson.ok) return recordJson;
  const record = recordJson.data as Partial<RecordFile> | null;
  if (!record || record.format !== RECORD_FORMAT || record.version !== RECORD_VERSION || !Array.isArray(record.entries)) return refuse("record.json 不是会议纪实文件");
  if (record.meetingId !== manifest.data.recordId) return refuse("会议纪实属于另一个会议");
  const chain = verifyChain(record.entries, manifest.data.recordId);
  if (!chain.ok) return refuse(`会议纪实的哈希链不完整：第 ${chain.seq} 条${chain.reason}`);

  const attachments = new Map<string, { file: Uint8Array; html: Uint8Array | null }>();
  for (const speaker of meeting.data.speakers) {
    if (!speaker.attachment) continue;
    const file = files.get(`attachments/${speaker.key}/file`);
    const html = files.get(`attachments/${speaker.key}/html`) ?? null;
    if (!file) return refuse(`缺少 ${speaker.unit} 的述职材料`);
    if (speaker.attachment.html !== (html !== null)) return refuse(`${speaker.unit} 的述职材料不完整`);
    attachments.set(speaker.key, { file, html });
  }
  const known = new Set(["manifest.json", "meeting.json", "record.json", ...[...attachments.entries()].flatMap(([k, f]) => [`attachments/${k}/file`, ...(f.html ? [`attachments/${k}/html`] : [])])]);
  for (const name of files.keys()) if (!known.has(name) && !name.endsWith("/")) return refuse(`含有未知的条目：${name.slice(0, 80)}`);

  return ok({ meeting: meeting.data, record: record.entries as RecordEntry[], recordId: manifest.data.recordId, files: attachments });
}

/** The live state and tally with every speaker id replaced through `map` (ids absent from it are dropped). */
export function remapSpeakerIds(live: ArchiveMeeting["live"], tally: unknown, map: Map<string, string>): { live: ArchiveMeeting["live"]; tally: Tally | null } {
  const cursor = live.cursor.item === "reports" ? { ...live.cursor, speakerId: map.get(live.cursor.speakerId) ?? live.cursor.speakerId } : live.cursor;
  const records = Object.fromEntries(Object.entries(live.records).flatMap(([id, r]) => (map.has(id) ? [[map.get(id) as string, r]] : [])));
  const frozen = tally as Tally | null;
  return {
    live: { ...live, cursor, records },
    tally: frozen ? { ...frozen, speakers: frozen.speakers.map((s) => ({ ...s, speakerId: map.get(s.speakerId) ?? s.speakerId })) } : null,
  };
}
