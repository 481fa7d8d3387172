// Paper 测评票 entered by two tellers (计票人 A and B) independently: a ballot counts only
// once both entries agree, and a round whose returned ballots outnumber the issued ones is
// void. Pure and free of Prisma, sockets and Node APIs, so the teller's browser can run it.
import { fail, ok, type Result } from "./result";
import type { RatingLevel, VoteCounter } from "./tally";

/** A level id, or null for a blank row (弃权). */
export type PaperMark = string | null;

export type Teller = "A" | "B";

export interface PaperEntry {
  ballotNo: number;
  teller: Teller;
  /** speakerId → mark. A speaker missing here reads as a blank row (弃权). */
  marks: Record<string, PaperMark>;
  /** The whole ballot declared invalid (废票). */
  invalid: boolean;
}

export interface AgreedBallot {
  ballotNo: number;
  /** One mark per speaker when valid; empty for a 废票, whose rows are counted nowhere. */
  marks: Record<string, PaperMark>;
  invalid: boolean;
}

export interface BallotDispute {
  ballotNo: number;
  /** Rows where A and B differ, in speaker order. */
  speakerIds: string[];
  /** One teller declared the ballot a 废票 and the other did not. */
  invalidMismatch: boolean;
}

export interface MissingEntry {
  ballotNo: number;
  /** The teller who has not entered this ballot yet. */
  missingTeller: Teller;
}

export interface Reconciliation {
  agreed: AgreedBallot[];
  disputes: BallotDispute[];
  missing: MissingEntry[];
}

export interface PaperRound {
  issued: number;
  returned: number;
}

export interface RoundStatus {
  /** More ballots returned than issued: the round is kept in the record but counted nowhere. */
  void: boolean;
  /** Why the round is void, in Chinese, e.g. "收回票数(53)多于发出票数(52)，本轮作废". */
  reason?: string;
  /** Valid and invalid ballots that count; both 0 when the round is void. */
  valid: number;
  invalid: number;
  /** Returned ballots not yet agreed by both tellers. */
  pending: number;
  /** Set when more ballots were agreed than returned: the tellers must recount, the round is not void. */
  warning?: string;
}

/** A paper round as stored: issued / returned counts; more returned than issued voids it. */
export interface RoundRow {
  id: string;
  number: number;
  issued: number;
  returned: number;
  status: "open" | "void";
}

/** What the tellers' and chair's paper screens show of the current round. */
export interface PaperState {
  round: RoundRow;
  voidRounds: RoundRow[];
  entries: PaperEntry[];
  reconciliation: Reconciliation;
  status: RoundStatus;
}

/**
 * Pairs up the entries of one round by ballot number. Agreement means the same 废票
 * verdict and, for a valid ballot, the same mark on every row in `speakerIds`; two 废票
 * verdicts agree whatever rows were keyed, since nothing on a 废票 is counted.
 * When a teller entered the same ballot twice, the later entry is a correction and wins.
 * Every list is sorted by ballot number.
 */
export function reconcile(entries: PaperEntry[], speakerIds: string[]): Reconciliation {
  const byBallot = new Map<number, Partial<Record<Teller, PaperEntry>>>();
  for (const entry of entries) {
    const pair = byBallot.get(entry.ballotNo) ?? {};
    pair[entry.teller] = entry;
    byBallot.set(entry.ballotNo, pair);
  }

  const result: Reconciliation = { agreed: [], disputes: [], missing: [] };
  const ballotNos = [...byBallot.keys()].sort((a, b) => a - b);
  for (const ballotNo of ballotNos) {
    const { A, B } = byBallot.get(ballotNo) ?? {};
    if (!A || !B) {
      result.missing.push({ ballotNo, missingTeller: A ? "B" : "A" });
      continue;
    }
    if (A.invalid && B.invalid) {
      result.agreed.push({ ballotNo, marks: {}, invalid: true });
      continue;
    }
    const differing = speakerIds.filter((id) => markIn(A.marks, id) !== markIn(B.marks, id));
    const invalidMismatch = A.invalid !== B.invalid;
    if (differing.length > 0 || invalidMismatch) {
      result.disputes.push({ ballotNo, speakerIds: differing, invalidMismatch });
      continue;
    }
    const marks: Record<string, PaperMark> = {};
    for (const id of speakerIds) marks[id] = markIn(A.marks, id);
    result.agreed.push({ ballotNo, marks, invalid: false });
  }
  return result;
}

/**
 * Returned > issued voids the round (the rule read out in the hall); returned ≤ issued is
 * a normal round, unreturned ballots simply don't count.
 */
export function roundStatus(round: PaperRound, agreedValid: number, agreedInvalid: number): RoundStatus {
  if (round.returned > round.issued) {
    return {
      void: true,
      reason: `收回票数(${round.returned})多于发出票数(${round.issued})，本轮作废`,
      valid: 0,
      invalid: 0,
      pending: 0,
    };
  }
  const entered = agreedValid + agreedInvalid;
  const status: RoundStatus = {
    void: false,
    valid: agreedValid,
    invalid: agreedInvalid,
    pending: Math.max(0, round.returned - entered),
  };
  if (entered > round.returned) {
    status.warning = `已核对票数(${entered})多于收回票数(${round.returned})，请核对票号`;
  }
  return status;
}

/**
 * Counters for the tally from the agreed valid ballots of one round: source "paper", one
 * counter per speaker and mark that occurs (弃权 included, so every ballot adds one per
 * speaker). `categoryId` is for rounds held with a separate ballot per voter category.
 */
export function countersFromPaper(
  agreed: AgreedBallot[],
  speakerIds: string[],
  categoryId: string | null = null,
): VoteCounter[] {
  const valid = agreed.filter((ballot) => !ballot.invalid);
  const counters: VoteCounter[] = [];
  for (const speakerId of speakerIds) {
    const counts = new Map<PaperMark, number>();
    for (const ballot of valid) {
      const mark = markIn(ballot.marks, speakerId);
      counts.set(mark, (counts.get(mark) ?? 0) + 1);
    }
    for (const [levelId, count] of counts) {
      counters.push({ speakerId, levelId, source: "paper", categoryId, count });
    }
  }
  return counters;
}

/**
 * Fast entry from the keyboard: "1".."9" pick the configured levels in order (1 = 好 …
 * 4 = 差 by default), "0" is 弃权. Undefined for any other key, or a digit past the last level.
 */
export function keyToMark(key: string, levels: RatingLevel[]): PaperMark | undefined {
  if (key === "0") return null;
  if (!/^[1-9]$/.test(key)) return undefined;
  return levels[Number(key) - 1]?.id;
}

/**
 * Checks one teller's entry before it is stored: a positive ballot number, known speakers
 * and levels, and, on a valid ballot, a mark (possibly 弃权) on every row, so a skipped row
 * is caught at the desk instead of silently counting as 弃权.
 */
export function validatePaperEntry(
  entry: PaperEntry,
  speakers: { id: string; name: string }[],
  levels: RatingLevel[],
): Result<PaperEntry> {
  if (!Number.isInteger(entry.ballotNo) || entry.ballotNo < 1) {
    return fail("invalid", `票号无效：${entry.ballotNo}`);
  }
  if (entry.teller !== "A" && entry.teller !== "B") return fail("invalid", `计票人无效：${String(entry.teller)}`);
  const speakerIds = new Set(speakers.map((s) => s.id));
  const levelIds = new Set(levels.map((l) => l.id));
  for (const [speakerId, mark] of Object.entries(entry.marks)) {
    if (!speakerIds.has(speakerId)) return fail("invalid", `第${entry.ballotNo}号票：未知的被测评人 ${speakerId}`);
    if (mark !== null && !levelIds.has(mark)) return fail("invalid", `第${entry.ballotNo}号票：未知的档次 ${mark}`);
  }
  if (!entry.invalid) {
    const index = speakers.findIndex((s) => !Object.hasOwn(entry.marks, s.id));
    if (index >= 0) {
      return fail("invalid", `第${entry.ballotNo}号票第${index + 1}行（${speakers[index].name}）尚未录入，弃权请按 0`);
    }
  }
  return ok(entry);
}

/** Own keys only: marks arrive as parsed JSON, and a missing row is a blank row (弃权). */
function markIn(marks: Record<string, PaperMark>, speakerId: string): PaperMark {
  return Object.hasOwn(marks, speakerId) ? (marks[speakerId] ?? null) : null;
}
