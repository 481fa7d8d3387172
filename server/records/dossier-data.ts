// Reads a meeting's dossier (see dossier.ts) and keeps its 整改 follow-up. Functions take
// explicit ids and never read a request.
import type { CommentTag } from "../domain/comments";
import { reconcile } from "../domain/paper-ballots";
import type { Db } from "../platform/db";
import { loadLiveMeeting } from "../live/meeting-data";
import { listEntries, listRounds } from "../voting/paper-data";
import { RECORD_EVENT_LABELS } from "./record-events";
import {
  RECTIFICATION_STATUSES,
  type CarriedItem,
  type Dossier,
  type DossierComment,
  type DossierSpeaker,
  type PaperLogLine,
  type PaperRoundCount,
  type Rectification,
  type RectificationStatus,
} from "./dossier";

function tagOf(tag: string): CommentTag {
  return tag === "problem" || tag === "suggestion" ? tag : "highlight";
}

function statusOf(status: string): RectificationStatus {
  return (RECTIFICATION_STATUSES as readonly string[]).includes(status) ? (status as RectificationStatus) : "not_started";
}

interface RectificationRow {
  measures: string;
  owner: string;
  dueDate: string;
  status: string;
  notes: Array<{ id: string; date: string; text: string }>;
}

function rectificationOf(row: RectificationRow | null): Rectification | null {
  if (!row) return null;
  return { measures: row.measures, owner: row.owner, dueDate: row.dueDate, status: statusOf(row.status), notes: row.notes.map(({ id, date, text }) => ({ id, date, text })) };
}

const NOTES = { notes: { orderBy: [{ date: "asc" as const }, { createdAt: "asc" as const }], select: { id: true, date: true, text: true } } };

async function paperRoundCounts(db: Db, meetingId: string, speakerIds: string[]): Promise<PaperRoundCount[]> {
  const rounds = await listRounds(db, meetingId);
  const kept = await db.paperRound.findMany({ where: { meetingId, keptValid: { not: null }, keptInvalid: { not: null } }, select: { id: true, keptValid: true, keptInvalid: true } });
  const keptCounts = new Map(kept.map((r) => [r.id, { valid: r.keptValid ?? 0, invalid: r.keptInvalid ?? 0 }]));
  const counts: PaperRoundCount[] = [];
  for (const round of rounds) {
    if (round.issued === 0 && round.returned === 0 && round.status === "open") {
      const entries = await listEntries(db, round.id);
      if (!entries.length) continue; // the empty round a void one left behind
    }
    const base = { number: round.number, issued: round.issued, returned: round.returned, void: round.status === "void" };
    const kept = keptCounts.get(round.id);
    if (kept) {
      // An imported round: its agreed counts came with the archive, its entries did not.
      counts.push({ ...base, ...kept });
      continue;
    }
    const agreed = reconcile(await listEntries(db, round.id), speakerIds).agreed;
    const invalid = agreed.filter((b) => b.invalid).length;
    counts.push({ ...base, valid: agreed.length - invalid, invalid });
  }
  return counts;
}

/** The paper count's lines of the 会议纪实 (entries `paper.*`), oldest first. */
async function paperLog(db: Db, meetingId: string): Promise<PaperLogLine[]> {
  const rows = await db.recordEntry.findMany({ where: { meetingId, type: { startsWith: "paper." } }, orderBy: { seq: "asc" }, select: { at: true, type: true, data: true } });
  return rows.map((r) => {
    let data: Record<string, unknown> = {};
    try {
      data = JSON.parse(r.data) as Record<string, unknown>;
    } catch {
      // A record entry is always JSON; an unreadable one still shows its type and time.
    }
    const role = typeof data.role === "string" ? data.role : "";
    const detail = typeof data.detail === "string" ? data.detail : typeof data.round === "number" ? `第 ${data.round} 轮` : "";
    return { at: r.at, label: RECORD_EVENT_LABELS[r.type] ?? r.type, role, detail };
  });
}

/** Last year's 整改事项 (the meeting this one was copied from), every status; [] when none. */
export async function carriedItems(db: Db, meetingId: string): Promise<{ title: string; items: CarriedItem[] } | null> {
  const meeting = await db.meeting.findUnique({ where: { id: meetingId }, select: { copiedFromId: true } });
  if (!meeting?.copiedFromId) return null;
  const source = await db.meeting.findUnique({ where: { id: meeting.copiedFromId }, select: { title: true } });
  if (!source) return null;
  const comments = await db.comment.findMany({
    where: { meetingId: meeting.copiedFromId, tag: { in: ["problem", "suggestion"] } },
    orderBy: [{ speaker: { position: "asc" } }, { createdAt: "asc" }],
    include: { speaker: { select: { unit: true, name: true } }, rectification: { include: NOTES } },
  });
  const items = comments
    .filter((c) => c.text.trim() !== "")
    .map((c): CarriedItem => {
      const r = rectificationOf(c.rectification);
      return {
        unit: c.speaker.unit,
        name: c.speaker.name,
        tag: tagOf(c.tag),
        text: c.text,
        status: r?.status ?? "not_started",
        measures: r?.measures ?? "",
        dueDate: r?.dueDate ?? "",
        lastNote: r?.notes.at(-1)?.text ?? "",
      };
    });
  return { title: source.title, items };
}

/** Returns null when there is no such meeting. */
export async function loadDossier(db: Db, meetingId: string): Promise<Dossier | null> {
  const live = await loadLiveMeeting(db, meetingId);
  if (!live) return null;
  const rows = await db.speaker.findMany({
    where: { meetingId },
    orderBy: { position: "asc" },
    include: { comments: { orderBy: { createdAt: "asc" }, include: { rectification: { include: NOTES } } } },
  });
  const records = live.snapshot.live.records;
  const speakers: DossierSpeaker[] = rows.map((s) => ({
    id: s.id,
    unit: s.unit,
    name: s.name,
    title: s.title,
    mode: s.mode === "written" ? "written" : "onsite",
    evaluated: s.evaluated,
    removed: s.removed,
    reportText: s.reportText,
    record: records[s.id] ?? null,
    comments: s.comments.map(
      (c): DossierComment => ({
        id: c.id,
        tag: tagOf(c.tag),
        text: c.text,
        createdAt: c.createdAt.toISOString(),
        rectification: tagOf(c.tag) === "highlight" ? null : rectificationOf(c.rectification),
      }),
    ),
  }));
  const evaluatedIds = rows.filter((s) => s.evaluated && !s.removed).map((s) => s.id);
  return {
    meeting: live.snapshot.meeting,
    live: live.snapshot.live,
    speakers,
    tally: live.frozenTally,
    paperRounds: await paperRoundCounts(db, meetingId, evaluatedIds),
    paperLog: await paperLog(db, meetingId),
    carried: await carriedItems(db, meetingId),
  };
}

export interface RectificationChange {
  measures?: string;
  owner?: string;
  dueDate?: string;
  status?: RectificationStatus;
}

/** Returns false when the 点评 is not a 问题 / 建议 of this meeting. */
export async function updateRectification(db: Db, meetingId: string, commentId: string, change: RectificationChange): Promise<boolean> {
  const comment = await db.comment.findFirst({ where: { id: commentId, meetingId, tag: { in: ["problem", "suggestion"] } }, select: { id: true } });
  if (!comment) return false;
  await db.rectification.upsert({ where: { commentId }, create: { commentId, meetingId, ...change }, update: change });
  return true;
}

/** Returns false when the 点评 is not a 问题 / 建议 of this meeting. */
export async function addProgressNote(db: Db, meetingId: string, commentId: string, note: { date: string; text: string }): Promise<boolean> {
  const comment = await db.comment.findFirst({ where: { id: commentId, meetingId, tag: { in: ["problem", "suggestion"] } }, select: { id: true } });
  if (!comment) return false;
  await db.$transaction(async (tx) => {
    await tx.rectification.upsert({ where: { commentId }, create: { commentId, meetingId }, update: {} });
    await tx.rectificationNote.create({ data: { commentId, date: note.date, text: note.text } });
  });
  return true;
}

/** Remembers which meeting a copy came from, so last year's items can be shown beside its units. */
export async function setCopiedFrom(db: Db, meetingId: string, sourceId: string): Promise<void> {
  await db.meeting.update({ where: { id: meetingId }, data: { copiedFromId: sourceId } });
}
