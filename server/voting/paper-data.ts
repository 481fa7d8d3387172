// Paper ballot rounds and the tellers' double entries.
import type { PaperEntry, PaperMark, RoundRow, Teller } from "../domain/paper-ballots";

export type { RoundRow };
import type { Db } from "../platform/db";


function roundRow(r: { id: string; number: number; issued: number; returned: number; status: string }): RoundRow {
  return { id: r.id, number: r.number, issued: r.issued, returned: r.returned, status: r.status === "void" ? "void" : "open" };
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
  return roundRow(await db.paperRound.create({ data: { meetingId, number: (last?.number ?? 0) + 1 } }));
}

export async function setRoundCounts(db: Db, roundId: string, issued: number, returned: number): Promise<void> {
  await db.paperRound.update({ where: { id: roundId }, data: { issued, returned } });
}

/** Keeps the void round and its entries in the record; a new round starts empty. */
export async function voidRoundAndStartNew(db: Db, meetingId: string, roundId: string): Promise<RoundRow> {
  return db.$transaction(async (tx) => {
    const round = await tx.paperRound.update({ where: { id: roundId }, data: { status: "void" } });
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
