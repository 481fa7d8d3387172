// The roster as the organisers edit it: units, their order, report files and lot draws.
// Functions take explicit ids and a transaction where a change must land together with the
// meeting's version bump; the setup service decides who may call them and when.
import type { SpeakerMode } from "../domain/meeting-types";
import type { Tx } from "../voting/ballot-data";
import type { StoredContent } from "../attachments/attachment-content-data";
import type { Db } from "../platform/db";

export interface SpeakerInput {
  unit: string;
  name: string;
  title: string;
  mode: SpeakerMode;
  limitMs: number | null;
  reportText: string;
  evaluated: boolean;
}

export type SpeakerFields = Partial<SpeakerInput>;

/** Creates the speaker; positions are rewritten by the caller with `writeOrder`. Returns its id. */
export async function createSpeaker(tx: Tx, meetingId: string, input: SpeakerInput, position: number): Promise<string> {
  const created = await tx.speaker.create({ data: { ...input, meetingId, position }, select: { id: true } });
  return created.id;
}

export async function createSpeakers(tx: Tx, meetingId: string, inputs: SpeakerInput[], firstPosition: number): Promise<void> {
  if (inputs.length === 0) return;
  await tx.speaker.createMany({ data: inputs.map((input, index) => ({ ...input, meetingId, position: firstPosition + index })) });
}

/** Positions 0..n-1 in the given order; every id must belong to the meeting. */
export async function writeOrder(tx: Tx, meetingId: string, ids: string[]): Promise<void> {
  for (const [position, id] of ids.entries()) {
    await tx.speaker.update({ where: { id, meetingId }, data: { position } });
  }
}

export async function updateSpeaker(tx: Tx, meetingId: string, speakerId: string, fields: SpeakerFields): Promise<void> {
  await tx.speaker.update({ where: { id: speakerId, meetingId }, data: fields });
}

export async function setEvaluated(tx: Tx, meetingId: string, evaluated: Record<string, boolean>): Promise<void> {
  for (const [id, value] of Object.entries(evaluated)) {
    await tx.speaker.updateMany({ where: { id, meetingId }, data: { evaluated: value } });
  }
}

/** Deletes the speaker and its report file. Throws (foreign key) if it still has 点评: callers check first. */
export async function deleteSpeaker(tx: Tx, meetingId: string, speakerId: string): Promise<void> {
  await tx.speaker.delete({ where: { id: speakerId, meetingId } });
}

/** Takes a unit off the agenda but keeps it, and its 点评, for the 整改清单 and the minutes. */
export async function softRemoveSpeaker(tx: Tx, meetingId: string, speakerId: string): Promise<void> {
  await tx.speaker.update({ where: { id: speakerId, meetingId }, data: { removed: true } });
}

/** Deletes every speaker of the meeting (for an import that replaces the roster). */
export async function deleteAllSpeakers(tx: Tx, meetingId: string): Promise<void> {
  await tx.speaker.deleteMany({ where: { meetingId } });
}

export function countComments(db: Db | Tx, meetingId: string, speakerId?: string): Promise<number> {
  return db.comment.count({ where: { meetingId, ...(speakerId ? { speakerId } : {}) } });
}

/** Number of 点评 per speaker; speakers without any are absent. */
export async function commentCountsBySpeaker(db: Db, meetingId: string): Promise<Record<string, number>> {
  const groups = await db.comment.groupBy({ by: ["speakerId"], where: { meetingId }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.speakerId, g._count._all]));
}

// ---- report files ---------------------------------------------------------------------------

export interface AttachmentInput {
  fileName: string;
  contentType: string;
  /** Written already (attachments/attachment-content-data.ts); this row names them. */
  file: StoredContent;
  html: StoredContent | null;
}

/** Content a changed or deleted row named, to delete once nothing names it. */
export type ReplacedContent = Array<string | null>;

const NAMED_CONTENT = { fileContentId: true, htmlContentId: true } as const;

export async function saveAttachment(tx: Tx, speakerId: string, file: AttachmentInput): Promise<ReplacedContent> {
  const previous = await tx.attachment.findUnique({ where: { speakerId }, select: NAMED_CONTENT });
  const data = {
    fileName: file.fileName,
    contentType: file.contentType,
    // The whole-file columns stay empty: the content is in pieces.
    bytes: Buffer.alloc(0),
    html: null,
    fileContentId: file.file.contentId,
    fileSize: file.file.size,
    htmlContentId: file.html?.contentId ?? null,
    htmlSize: file.html?.size ?? null,
  };
  await tx.attachment.upsert({ where: { speakerId }, create: { speakerId, ...data }, update: data });
  return previous ? [previous.fileContentId, previous.htmlContentId] : [];
}

export async function deleteAttachment(tx: Tx, speakerId: string): Promise<ReplacedContent | null> {
  const previous = await tx.attachment.findUnique({ where: { speakerId }, select: NAMED_CONTENT });
  if (!previous) return null;
  await tx.attachment.delete({ where: { speakerId } });
  return [previous.fileContentId, previous.htmlContentId];
}

/** Where a stored file's bytes are: in pieces, or (uploaded before pieces) whole in the row. */
export type StoredBody = { kind: "pieces"; contentId: string; size: number } | { kind: "whole"; bytes: Uint8Array } | null;

export interface StoredAttachment {
  speakerId: string;
  meetingId: string;
  attendeeCode: string;
  fileName: string;
  contentType: string;
  /** Loads the original file's body; null never for a stored file. */
  file: () => Promise<StoredBody>;
  /** Loads the sanitised HTML's body; null for a PDF. */
  html: () => Promise<StoredBody>;
}

/**
 * The file with the meeting it belongs to (for the attendee-code check); null when none.
 * Its bodies are loaded only when asked for: a tablet reading the HTML never loads the file.
 */
export async function findAttachment(db: Db, speakerId: string): Promise<StoredAttachment | null> {
  const row = await db.attachment.findUnique({
    where: { speakerId },
    select: {
      speakerId: true,
      fileName: true,
      contentType: true,
      fileContentId: true,
      fileSize: true,
      htmlContentId: true,
      htmlSize: true,
      speaker: { select: { meetingId: true, meeting: { select: { attendeeCode: true } } } },
    },
  });
  if (!row) return null;
  const whole = async (column: "bytes" | "html"): Promise<StoredBody> => {
    const legacy = await db.attachment.findUnique({ where: { speakerId }, select: { bytes: column === "bytes", html: column === "html" } });
    if (column === "bytes") return legacy?.bytes ? { kind: "whole", bytes: legacy.bytes } : null;
    return legacy?.html == null ? null : { kind: "whole", bytes: Buffer.from(legacy.html, "utf8") };
  };
  return {
    speakerId: row.speakerId,
    meetingId: row.speaker.meetingId,
    attendeeCode: row.speaker.meeting.attendeeCode,
    fileName: row.fileName,
    contentType: row.contentType,
    file: async () => (row.fileContentId ? { kind: "pieces", contentId: row.fileContentId, size: row.fileSize ?? 0 } : whole("bytes")),
    html: async () => (row.htmlContentId ? { kind: "pieces", contentId: row.htmlContentId, size: row.htmlSize ?? 0 } : whole("html")),
  };
}

// ---- 抽签 ---------------------------------------------------------------------------------

export interface LotDrawRow {
  id: string;
  drawnAt: Date;
  units: string[];
}

export async function recordLotDraw(tx: Tx, meetingId: string, units: string[], drawnAt: Date): Promise<LotDrawRow> {
  const row = await tx.lotDraw.create({ data: { meetingId, units: JSON.stringify(units), drawnAt } });
  return { id: row.id, drawnAt: row.drawnAt, units };
}

function parseUnits(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((u): u is string => typeof u === "string") : [];
  } catch {
    return [];
  }
}

/** Newest first. */
export async function listLotDraws(db: Db, meetingId: string): Promise<LotDrawRow[]> {
  const rows = await db.lotDraw.findMany({ where: { meetingId }, orderBy: { drawnAt: "desc" } });
  return rows.map((row) => ({ id: row.id, drawnAt: row.drawnAt, units: parseUnits(row.units) }));
}
