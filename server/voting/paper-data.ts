// Paper ballot rounds, the tellers' double entries and counts, and the record of the count.
import { agreeCounts, type PaperActor, type PaperEntry, type PaperEvent, type PaperEventDraft, type PaperEventKind, type PaperMark, type PaperRound, type RoundRow, type Teller } from "../domain/paper-ballots";
import type { Db } from "../platform/db";

export type { RoundRow };

interface StoredRound {
  id: string;
  number: number;
  issued: number;
  returned: number;
  status: string;
  issuedA: number | null;
  returnedA: number | null;
  issuedB: number | null;
  returnedB: number | null;
}

function keyedCounts(issued: number | null, returned: number | null): PaperRound | undefined {
  return issued === null || returned === null ? undefined : { issued, returned };
}

function roundRow(r: StoredRound): RoundRow {
  const keyed: RoundRow["keyed"] = {};
  const a = keyedCounts(r.issuedA, r.returnedA);
  const b = keyedCounts(r.issuedB, r.returnedB);
  if (a) keyed.A = a;
  if (b) keyed.B = b;
  return { id: r.id, number: r.number, issued: r.issued, returned: r.returned, keyed, status: r.status === "void" ? "void" : "open" };
}

/** Every round of the meeting, oldest first; the last one is the current one. */
export async function listRounds(db: Db, meetingId: string): Promise<RoundRow[]> {
  const rows = await db.paperRound.findMany({ where: { meetingId }, orderBy: { number: "asc" } });
  return rows.map(roundRow);
}

/** The open round, created as round 1 when there is none yet. */
export async function currentRound(db: Db, meetingId: string): Promise<RoundRow> {
  const open = await db.paperRound.findFirst({ where: { meetingId, status: "open" }, orderBy: { number: "desc" } });
  if (open) return roundRow(open);
  const last = await db.paperRound.findFirst({ where: { meetingId }, orderBy: { number: "desc" } });
  // Two screens asking at once (a reading outside the meeting's queue) open the same round, once.
  const number = (last?.number ?? 0) + 1;
  try {
    return roundRow(await db.paperRound.create({ data: { meetingId, number } }));
  } catch (error) {
    const other = await db.paperRound.findUnique({ where: { meetingId_number: { meetingId, number } } });
    if (other) return roundRow(other);
    throw error;
  }
}

/**
 * Stores one teller's counts; `issued` / `returned` follow as the agreed counts when both
 * tellers' now agree, and fall back to 0 / 0 when they do not.
 */
export async function setTellerCounts(db: Db, round: RoundRow, teller: Teller, counts: PaperRound): Promise<void> {
  const agreement = agreeCounts({ ...round.keyed, [teller]: counts });
  const agreed = agreement.state === "agreed" ? { issued: agreement.issued, returned: agreement.returned } : { issued: 0, returned: 0 };
  const own = teller === "A" ? { issuedA: counts.issued, returnedA: counts.returned } : { issuedB: counts.issued, returnedB: counts.returned };
  await db.paperRound.update({ where: { id: round.id }, data: { ...own, ...agreed } });
}

export async function addPaperEvents(db: Db, meetingId: string, events: PaperEventDraft[], at: number): Promise<void> {
  if (events.length === 0) return;
  await db.paperEvent.createMany({ data: events.map((e) => ({ meetingId, ...e, at: new Date(at) })) });
}

const EVENT_KINDS = new Set<PaperEventKind>(["ballot_dispute", "ballot_resolved", "counts_dispute", "counts_resolved", "void_required", "void_confirmed"]);

/** The meeting's record of the paper count, oldest first: for the tellers, the chair and the meeting record. */
export async function listPaperEvents(db: Db, meetingId: string): Promise<PaperEvent[]> {
  const rows = await db.paperEvent.findMany({ where: { meetingId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return rows.map((r) => ({
    roundNumber: r.roundNumber,
    kind: EVENT_KINDS.has(r.kind as PaperEventKind) ? (r.kind as PaperEventKind) : "ballot_dispute",
    actor: (r.actor === "A" || r.actor === "B" ? r.actor : "chair") satisfies PaperActor,
    ballotNo: r.ballotNo,
    detail: r.detail,
    at: r.at.getTime(),
  }));
}

/** Keeps the void round and its entries in the record; a new round starts empty. */
/** With the chair's confirmation as one record line, in the same transaction. */
export async function voidRoundAndStartNew(db: Db, meetingId: string, roundId: string, confirmation: PaperEventDraft, at: number): Promise<RoundRow> {
  return db.$transaction(async (tx) => {
    const round = await tx.paperRound.update({ where: { id: roundId }, data: { status: "void" } });
    await tx.paperEvent.create({ data: { meetingId, ...confirmation, at: new Date(at) } });
    return roundRow(await tx.paperRound.create({ data: { meetingId, number: round.number + 1 } }));
  });
}

export async function saveEntry(db: Db, roundId: string, entry: PaperEntry): Promise<void> {
  const data = { marks: JSON.stringify(entry.marks), invalid: entry.invalid };
  await db.paperEntry.upsert({
    where: { roundId_ballotNo_teller: { roundId, ballotNo: entry.ballotNo, teller: entry.teller } },
    create: { roundId, ballotNo: entry.ballotNo, teller: entry.teller, ...data },
    update: data,
  });
}

export async function deleteEntry(db: Db, roundId: string, ballotNo: number, teller: Teller): Promise<void> {
  await db.paperEntry.deleteMany({ where: { roundId, ballotNo, teller } });
}

function parseMarks(json: string): Record<string, PaperMark> {
  try {
    const value: unknown = JSON.parse(json);
    if (!value || typeof value !== "object") return {};
    const marks: Record<string, PaperMark> = {};
    for (const [key, mark] of Object.entries(value)) {
      if (typeof mark === "string" || mark === null) marks[key] = mark;
    }
    return marks;
  } catch {
    return {};
  }
}

export async function listEntries(db: Db, roundId: string): Promise<PaperEntry[]> {
  const rows = await db.paperEntry.findMany({ where: { roundId }, orderBy: [{ ballotNo: "asc" }, { teller: "asc" }] });
  return rows.map((r) => ({
    ballotNo: r.ballotNo,
    teller: r.teller === "B" ? "B" : "A",
    marks: parseMarks(r.marks),
    invalid: r.invalid,
  }));
}
