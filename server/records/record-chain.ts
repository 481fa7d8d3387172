// 会议纪实: the hash chain. Pure (node:crypto only): each entry's hash is the SHA-256 of its
// own content and the hash of the entry before, so changing, dropping, inserting or
// reordering any entry breaks the chain from that entry on. Used by the record log, the
// record.json export, the archive import and `npm run verify-record`.
import { createHash } from "node:crypto";

export const RECORD_FORMAT = "debrief-record";
export const RECORD_VERSION = 1;
/** The "previous hash" of a meeting's first entry. */
export const GENESIS_HASH = "0".repeat(64);

export type RecordData = Record<string, string | number | boolean | null>;

export interface RecordEntry {
  meetingId: string;
  /** 1, 2, 3 … within the meeting. */
  seq: number;
  /** ISO 8601, server clock. */
  at: string;
  type: string;
  data: RecordData;
  prevHash: string;
  hash: string;
}

export interface RecordFile {
  format: typeof RECORD_FORMAT;
  version: number;
  meetingId: string;
  title: string;
  exportedAt: string;
  entries: RecordEntry[];
}

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function entryHash(entry: Omit<RecordEntry, "hash">): string {
  const { meetingId, seq, at, type, data, prevHash } = entry;
  return sha256(canonicalJson({ meetingId, seq, at, type, data, prevHash }));
}

/** The next entry after `previous` (null: the meeting's first). */
export function chainEntry(previous: { seq: number; hash: string } | null, meetingId: string, at: string, type: string, data: RecordData): RecordEntry {
  const unhashed = { meetingId, seq: (previous?.seq ?? 0) + 1, at, type, data, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...unhashed, hash: entryHash(unhashed) };
}

export type ChainCheck =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; seq: number; index: number; reason: string };

function isEntry(value: unknown): value is RecordEntry {
  if (!value || typeof value !== "object") return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.meetingId === "string" &&
    typeof e.seq === "number" &&
    typeof e.at === "string" &&
    typeof e.type === "string" &&
    typeof e.prevHash === "string" &&
    typeof e.hash === "string" &&
    !!e.data &&
    typeof e.data === "object" &&
    !Array.isArray(e.data)
  );
}

/**
 * Checks every link. Returns the first entry (1-based seq and 0-based index) that does not
 * hold: its content changed, or it does not follow the entry before it.
 */
export function verifyChain(entries: unknown[], meetingId?: string): ChainCheck {
  let previous: { seq: number; hash: string } | null = null;
  const count = entries.length;
  for (const [index, value] of entries.entries()) {
    const seq = index + 1;
    if (!isEntry(value)) return { ok: false, count, seq, index, reason: "条目格式不正确" };
    if (meetingId !== undefined && value.meetingId !== meetingId) return { ok: false, count, seq, index, reason: "条目属于另一个会议" };
    if (value.seq !== seq) return { ok: false, count, seq, index, reason: `序号应为 ${seq}，实为 ${value.seq}（条目被删除、插入或调换）` };
    if (value.prevHash !== (previous?.hash ?? GENESIS_HASH)) return { ok: false, count, seq, index, reason: "与上一条的哈希不衔接（上一条或本条被改动）" };
    if (entryHash(value) !== value.hash) return { ok: false, count, seq, index, reason: "内容与其哈希不符（本条被改动）" };
    previous = value;
  }
  return { ok: true, count, head: previous?.hash ?? GENESIS_HASH };
}

/** Reads a record.json's text and checks its chain; a file that is not one says so. */
export function verifyRecordFile(text: string): ChainCheck | { ok: false; count: 0; seq: 0; index: -1; reason: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, count: 0, seq: 0, index: -1, reason: "不是有效的 JSON（文件被截断或改动）" };
  }
  const file = parsed as Partial<RecordFile> | null;
  if (!file || file.format !== RECORD_FORMAT || !Array.isArray(file.entries)) {
    return { ok: false, count: 0, seq: 0, index: -1, reason: "不是会议纪实文件（record.json）" };
  }
  if (file.version !== RECORD_VERSION) return { ok: false, count: 0, seq: 0, index: -1, reason: `不支持的版本：${String(file.version)}` };
  return verifyChain(file.entries, typeof file.meetingId === "string" ? file.meetingId : undefined);
}
