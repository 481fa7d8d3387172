// Paper 测评票 entered by two tellers (计票人 A and B) independently: a ballot counts only
// once both entries agree; the issued and returned counts are keyed by both too, and only
// when they agree on more returned than issued is the round void, once the chair confirms it.
// Pure and free of Prisma, sockets and Node APIs, so the teller's browser can run it.
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
  /** Set while the two tellers' issued / returned counts are missing or differ (see countsIssue). */
  countsIssue?: string;
}

/** A paper round as stored. */
export interface RoundRow {
  id: string;
  number: number;
  /** The counts both tellers agreed on; 0 and 0 until they do. */
  issued: number;
  returned: number;
  /** What each teller keyed; a teller missing here has not keyed the counts yet. */
  keyed: Partial<Record<Teller, PaperRound>>;
  /** "void" once the chair confirmed it (only possible when the agreed returned > issued). */
  status: "open" | "void";
}

export const TELLER_LABEL: Record<Teller, string> = { A: "甲", B: "乙" };

/** Whether the two tellers' counts agree: only agreed counts decide anything. */
export type CountsAgreement =
  | { state: "agreed"; issued: number; returned: number }
  | { state: "none" }
  | { state: "waiting"; missingTeller: Teller }
  | { state: "dispute"; A: PaperRound; B: PaperRound };

export function agreeCounts(keyed: Partial<Record<Teller, PaperRound>>): CountsAgreement {
  const { A, B } = keyed;
  if (!A && !B) return { state: "none" };
  if (!A || !B) return { state: "waiting", missingTeller: A ? "B" : "A" };
  if (A.issued !== B.issued || A.returned !== B.returned) return { state: "dispute", A, B };
  return { state: "agreed", issued: A.issued, returned: A.returned };
}

/** What the desks and the chair read about the counts, or undefined when they agree. */
export function countsIssue(agreement: CountsAgreement): string | undefined {
  switch (agreement.state) {
    case "agreed":
      return undefined;
    case "none":
      return "发出、收回张数尚未填写：须由甲、乙两人各自填写。";
    case "waiting":
      return `发出、收回张数待${TELLER_LABEL[agreement.missingTeller]}填写（须两人填写一致）。`;
    case "dispute":
      return `发出、收回张数两人不一致：甲 发出 ${agreement.A.issued} 收回 ${agreement.A.returned}，乙 发出 ${agreement.B.issued} 收回 ${agreement.B.returned}。请共同清点后重填。`;
    default: {
      const never: never = agreement;
      return never;
    }
  }
}

/** Who did something at the paper desk: a teller, or the chair confirming a void. */
export type PaperActor = Teller | "chair";

export const ACTOR_LABEL: Record<PaperActor, string> = { A: "计票人甲", B: "计票人乙", chair: "主持人" };

export type PaperEventKind = "ballot_dispute" | "ballot_resolved" | "counts_dispute" | "counts_resolved" | "void_required" | "void_confirmed";

/**
 * One line of the meeting's record of the paper count. Ballot numbers and counts only:
 * never a mark, so nothing in it says how anyone rated anyone.
 */
export interface PaperEvent {
  roundNumber: number;
  kind: PaperEventKind;
  actor: PaperActor;
  ballotNo: number | null;
  detail: string;
  at: number;
}

export type PaperEventDraft = Omit<PaperEvent, "at">;

/** The paper desk as far as its record is concerned: before and after one change. */
export interface PaperDeskView {
  roundNumber: number;
  reconciliation: Reconciliation;
  counts: CountsAgreement;
}

/**
 * The disputes, resolutions and voids one change by `actor` brought about, for the record:
 * a ballot that became disputed or agreed after being disputed, counts that came to differ
 * or to agree after differing, and agreed counts with more returned than issued.
 */
export function paperEventsOf(before: PaperDeskView, after: PaperDeskView, actor: PaperActor): PaperEventDraft[] {
  const events: PaperEventDraft[] = [];
  const roundNumber = after.roundNumber;
  const disputedBefore = new Set(before.reconciliation.disputes.map((d) => d.ballotNo));
  const agreedAfter = new Set(after.reconciliation.agreed.map((b) => b.ballotNo));
  for (const dispute of after.reconciliation.disputes) {
    if (disputedBefore.has(dispute.ballotNo)) continue;
    const what = [dispute.speakerIds.length ? `${dispute.speakerIds.length} 行不同` : "", dispute.invalidMismatch ? "废票认定不同" : ""].filter(Boolean).join("，");
    events.push({ roundNumber, kind: "ballot_dispute", actor, ballotNo: dispute.ballotNo, detail: `第 ${dispute.ballotNo} 号票两人录入不一致（${what}）` });
  }
  for (const ballotNo of disputedBefore) {
    if (agreedAfter.has(ballotNo)) events.push({ roundNumber, kind: "ballot_resolved", actor, ballotNo, detail: `第 ${ballotNo} 号票已核对一致` });
  }
  const wasDispute = before.counts.state === "dispute";
  if (after.counts.state === "dispute" && !wasDispute) {
    events.push({ roundNumber, kind: "counts_dispute", actor, ballotNo: null, detail: countsIssue(after.counts) ?? "" });
  }
  if (after.counts.state === "agreed") {
    const { issued, returned } = after.counts;
    const changed = before.counts.state !== "agreed" || before.counts.issued !== issued || before.counts.returned !== returned;
    if (wasDispute) events.push({ roundNumber, kind: "counts_resolved", actor, ballotNo: null, detail: `发出、收回张数两人已一致：发出 ${issued}，收回 ${returned}` });
    if (changed && returned > issued) {
      events.push({ roundNumber, kind: "void_required", actor, ballotNo: null, detail: `两人一致：收回 ${returned} 张多于发出 ${issued} 张，待主持人确认本轮作废` });
    }
  }
  return events;
}

/**
 * The chair may void the current round only when both tellers agree on more returned than
 * issued; anything else is refused with the reason, and nothing changes.
 */
export function canVoidRound(counts: CountsAgreement): { ok: true; issued: number; returned: number } | { ok: false; reason: string } {
  if (counts.state !== "agreed") return { ok: false, reason: `不能作废本轮：${countsIssue(counts)}` };
  if (counts.returned <= counts.issued) {
    return { ok: false, reason: `不能作废本轮：两人一致的收回票数(${counts.returned})未多于发出票数(${counts.issued})，本轮有效。` };
  }
  return { ok: true, issued: counts.issued, returned: counts.returned };
}

/** What the tellers' and chair's paper screens show of the current round. */
export interface PaperState {
  round: RoundRow;
  counts: CountsAgreement;
  voidRounds: RoundRow[];
  entries: PaperEntry[];
  reconciliation: Reconciliation;
  status: RoundStatus;
  /** The record of the count so far (every round), oldest first. */
  events: PaperEvent[];
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
 * `round`: the counts both tellers agreed on, or null while they have not. Agreed returned >
 * issued voids the round (the rule read out in the hall) once the chair confirms it; until
 * then it counts nothing. Returned ≤ issued is a normal round, unreturned ballots simply
 * don't count.
 */
export function roundStatus(round: PaperRound | null, agreedValid: number, agreedInvalid: number): RoundStatus {
  // Counts not (yet) agreed by both tellers decide nothing: the round is neither void nor short.
  if (round === null) return { void: false, valid: agreedValid, invalid: agreedInvalid, pending: 0 };
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
