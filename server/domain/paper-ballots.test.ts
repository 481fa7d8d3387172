import { describe, expect, it } from "vitest";
import {
  countersFromPaper,
  keyToMark,
  reconcile,
  roundStatus,
  agreeCounts,
  canVoidRound,
  paperEventsOf,
  type CountsAgreement,
  type PaperDeskView,
  validatePaperEntry,
  type AgreedBallot,
  type PaperEntry,
  type PaperMark,
} from "./paper-ballots";
import { checkTallyInput, computeTally, formatPercent, type RatingLevel, type VoteCounter } from "./tally";

const LEVELS: RatingLevel[] = [
  { id: "good", label: "好", weight: 100 },
  { id: "fair", label: "较好", weight: 80 },
  { id: "average", label: "一般", weight: 60 },
  { id: "poor", label: "差", weight: 0 },
];

const SPEAKERS = [
  { id: "p1", unit: "城关街道党工委", name: "张三" },
  { id: "p2", unit: "东关街道党工委", name: "李四" },
  { id: "p3", unit: "区直机关工委", name: "赵六" },
];
const SPEAKER_IDS = SPEAKERS.map((s) => s.id);

function entry(ballotNo: number, teller: "A" | "B", marks: Record<string, PaperMark>, invalid = false): PaperEntry {
  return { ballotNo, teller, marks, invalid };
}

/** "speaker/level" → count, so assertions don't depend on counter order. */
function byKey(counters: VoteCounter[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of counters) out[`${c.speakerId}/${c.levelId ?? "弃权"}`] = (out[`${c.speakerId}/${c.levelId ?? "弃权"}`] ?? 0) + c.count;
  return out;
}

describe("reconcile", () => {
  const entries: PaperEntry[] = [
    entry(2, "B", { p1: "good", p2: "average", p3: "average" }),
    entry(1, "A", { p1: "good", p2: "fair", p3: null }),
    entry(3, "A", { p1: "fair", p2: "fair", p3: "fair" }),
    entry(2, "A", { p1: "good", p2: "fair", p3: "poor" }),
    // B left row 3 blank rather than keying 0: a blank row is 弃权 all the same.
    entry(1, "B", { p1: "good", p2: "fair" }),
    entry(4, "B", { p1: "good", p2: "good", p3: "good" }),
    entry(5, "A", { p1: "good", p2: "good", p3: "good" }, true),
    entry(5, "B", { p1: "good", p2: "good", p3: "good" }),
    entry(6, "A", { p1: "good" }, true),
    entry(6, "B", { p1: "poor", p2: "poor" }, true),
    entry(7, "A", { p1: "poor", p2: "fair", p3: "fair" }),
    entry(7, "B", { p1: "good", p2: "fair", p3: "fair" }),
    // A re-keys ballot 7 after seeing the dispute: the correction replaces the first entry.
    entry(7, "A", { p1: "good", p2: "fair", p3: "fair" }),
  ];
  const result = reconcile(entries, SPEAKER_IDS);

  it("agrees a ballot when both tellers keyed the same marks, blank rows as 弃权", () => {
    expect(result.agreed).toContainEqual({ ballotNo: 1, marks: { p1: "good", p2: "fair", p3: null }, invalid: false });
  });

  it("lists the rows where A and B differ", () => {
    expect(result.disputes).toContainEqual({ ballotNo: 2, speakerIds: ["p2", "p3"], invalidMismatch: false });
  });

  it("reports a ballot only one teller has entered, naming the other", () => {
    expect(result.missing).toEqual([
      { ballotNo: 3, missingTeller: "B" },
      { ballotNo: 4, missingTeller: "A" },
    ]);
  });

  it("disputes a ballot one teller declared a 废票 and the other did not", () => {
    expect(result.disputes).toContainEqual({ ballotNo: 5, speakerIds: [], invalidMismatch: true });
  });

  it("agrees a 废票 both tellers declared invalid, whatever rows they keyed", () => {
    expect(result.agreed).toContainEqual({ ballotNo: 6, marks: {}, invalid: true });
  });

  it("takes a teller's later entry of the same ballot as the correction", () => {
    expect(result.agreed).toContainEqual({ ballotNo: 7, marks: { p1: "good", p2: "fair", p3: "fair" }, invalid: false });
  });

  it("sorts every list by ballot number and puts each ballot in exactly one list", () => {
    expect(result.agreed.map((b) => b.ballotNo)).toEqual([1, 6, 7]);
    expect(result.disputes.map((d) => d.ballotNo)).toEqual([2, 5]);
    expect(result.missing.map((m) => m.ballotNo)).toEqual([3, 4]);
  });
});

describe("roundStatus", () => {
  it("voids a round with more ballots returned than issued, counting nothing", () => {
    expect(roundStatus({ issued: 52, returned: 53 }, 50, 3)).toEqual({
      void: true,
      reason: "收回票数(53)多于发出票数(52)，本轮作废",
      valid: 0,
      invalid: 0,
      pending: 0,
    });
  });

  it("keeps a round with as many ballots returned as issued", () => {
    expect(roundStatus({ issued: 52, returned: 52 }, 50, 2)).toEqual({ void: false, valid: 50, invalid: 2, pending: 0 });
  });

  it("keeps a round with fewer returned, and shows how many returned ballots are not yet agreed", () => {
    const status = roundStatus({ issued: 52, returned: 50 }, 45, 2);
    expect(status).toEqual({ void: false, valid: 45, invalid: 2, pending: 3 });
  });

  it("warns, without voiding, when more ballots were agreed than returned", () => {
    const status = roundStatus({ issued: 52, returned: 50 }, 49, 2);
    expect(status.void).toBe(false);
    expect(status.warning).toBe("已核对票数(51)多于收回票数(50)，请核对票号");
    expect(status.pending).toBe(0);
  });
});

describe("countersFromPaper", () => {
  const agreed: AgreedBallot[] = [
    { ballotNo: 1, marks: { p1: "good", p2: "fair", p3: null }, invalid: false },
    { ballotNo: 2, marks: { p1: "good", p2: "good", p3: "average" }, invalid: false },
    { ballotNo: 3, marks: { p1: "fair", p2: "fair", p3: null }, invalid: false },
    { ballotNo: 4, marks: {}, invalid: true },
  ];

  it("counts the valid agreed ballots per speaker and mark, 弃权 included, 废票 left out", () => {
    const result = countersFromPaper(agreed, SPEAKER_IDS);
    expect(byKey(result)).toEqual({
      "p1/good": 2,
      "p1/fair": 1,
      "p2/fair": 2,
      "p2/good": 1,
      "p3/弃权": 2,
      "p3/average": 1,
    });
    expect(result.every((c) => c.source === "paper" && c.categoryId === null)).toBe(true);
  });

  it("tags the counters with a category for a round held per voter category", () => {
    const result = countersFromPaper(agreed, SPEAKER_IDS, "delegates");
    expect(new Set(result.map((c) => c.categoryId))).toEqual(new Set(["delegates"]));
  });
});

describe("a paper round from the tellers' desks to the 汇总表", () => {
  it("counts only the round that stands, merged with the tablets", () => {
    // Round 1: 6 envelopes came back for 5 ballots issued. Void, kept, counted nowhere.
    const first = roundStatus({ issued: 5, returned: 6 }, 0, 0);
    expect(first.void).toBe(true);

    // Round 2: 4 issued, 4 returned, both tellers key all four; ballot 4 is a 废票.
    const marks: Record<string, PaperMark>[] = [
      { p1: "good", p2: "good", p3: "fair" },
      { p1: "good", p2: "average", p3: null },
      { p1: "poor", p2: "good", p3: "good" },
    ];
    const entries = [
      ...marks.flatMap((m, i) => [entry(i + 1, "A", m), entry(i + 1, "B", m)]),
      entry(4, "A", {}, true),
      entry(4, "B", {}, true),
    ];
    const { agreed, disputes, missing } = reconcile(entries, SPEAKER_IDS);
    expect(disputes).toEqual([]);
    expect(missing).toEqual([]);
    const validCount = agreed.filter((b) => !b.invalid).length;
    const second = roundStatus({ issued: 4, returned: 4 }, validCount, agreed.length - validCount);
    expect(second).toEqual({ void: false, valid: 3, invalid: 1, pending: 0 });

    // Plus one tablet ballot: 好 / 较好 / 弃权.
    const electronic: VoteCounter[] = [
      { speakerId: "p1", levelId: "good", source: "electronic", categoryId: null, count: 1 },
      { speakerId: "p2", levelId: "fair", source: "electronic", categoryId: null, count: 1 },
      { speakerId: "p3", levelId: null, source: "electronic", categoryId: null, count: 1 },
    ];
    const input = {
      speakers: SPEAKERS,
      levels: LEVELS,
      categories: [],
      counters: [...electronic, ...countersFromPaper(agreed, SPEAKER_IDS)],
      ballots: { electronic: 1, paper: second.valid },
    };
    expect(checkTallyInput(input).ok).toBe(true);
    const tally = computeTally(input);
    expect(tally.validBallots).toBe(4);

    const [p1, , p3] = tally.speakers;
    // 张三: 好 2 on paper + 1 on a tablet, 差 1 → 好评率 3/4; score (300 + 0) / 4 = 75.
    expect(p1.levels.map((l) => l.count)).toEqual([3, 0, 0, 1]);
    expect(p1.bySource.paper.levels[0].count).toBe(2);
    expect(formatPercent(p1.goodRate)).toBe("75.0%");
    expect(p1.score).toBe(75);
    // 赵六: 较好, 弃权, 好 on paper, 弃权 on the tablet → 2 弃权 of 4; by the default rule 弃权
    // is in the denominator: score (80 + 100) / 4 = 45 (90 with 弃权 left out).
    expect(p3.abstain).toEqual({ count: 2, percent: 50 });
    expect(p3.score).toBe(45);
    expect(computeTally({ ...input, rule: { abstainCounts: false, rankBy: "score" } }).speakers[2]!.score).toBe(90);
  });
});

describe("keyToMark", () => {
  it("maps 1–4 to the levels in order and 0 to 弃权", () => {
    expect(["1", "2", "3", "4", "0"].map((k) => keyToMark(k, LEVELS))).toEqual(["good", "fair", "average", "poor", null]);
  });

  it("ignores any other key", () => {
    for (const key of ["5", "9", "10", "a", "", " ", "Enter", "Numpad1", "-1", "１"]) {
      expect(keyToMark(key, LEVELS)).toBeUndefined();
    }
  });

  it("follows the configured levels: with three levels, 4 is nothing", () => {
    const three = [
      { id: "satisfied", label: "满意", weight: 100 },
      { id: "mostly", label: "基本满意", weight: 70 },
      { id: "unsatisfied", label: "不满意", weight: 0 },
    ];
    expect(keyToMark("3", three)).toBe("unsatisfied");
    expect(keyToMark("4", three)).toBeUndefined();
  });
});

describe("validatePaperEntry", () => {
  it("accepts a fully keyed ballot, 弃权 rows included", () => {
    const e = entry(12, "A", { p1: "good", p2: null, p3: "poor" });
    expect(validatePaperEntry(e, SPEAKERS, LEVELS)).toEqual({ ok: true, data: e });
  });

  it("refuses a valid ballot with a row not keyed, naming the row", () => {
    const result = validatePaperEntry(entry(12, "A", { p1: "good", p3: "poor" }), SPEAKERS, LEVELS);
    expect(result).toEqual({
      ok: false,
      error: { code: "invalid", message: "第12号票第2行（李四）尚未录入，弃权请按 0" },
    });
  });

  it("accepts a 废票 without rows", () => {
    expect(validatePaperEntry(entry(13, "B", {}, true), SPEAKERS, LEVELS).ok).toBe(true);
  });

  it("refuses an unknown level, an unknown speaker and a ballot number below 1", () => {
    expect(validatePaperEntry(entry(1, "A", { p1: "excellent", p2: null, p3: null }), SPEAKERS, LEVELS).ok).toBe(false);
    expect(validatePaperEntry(entry(1, "A", { p1: null, p2: null, p3: null, p9: null }), SPEAKERS, LEVELS).ok).toBe(false);
    expect(validatePaperEntry(entry(0, "A", { p1: null, p2: null, p3: null }), SPEAKERS, LEVELS).ok).toBe(false);
  });
});

describe("two tellers' counts", () => {
  it("decide only when both tellers keyed the same counts", () => {
    expect(agreeCounts({})).toEqual({ state: "none" });
    expect(agreeCounts({ A: { issued: 52, returned: 53 } })).toEqual({ state: "waiting", missingTeller: "B" });
    expect(agreeCounts({ A: { issued: 52, returned: 53 }, B: { issued: 52, returned: 52 } }).state).toBe("dispute");
    expect(agreeCounts({ A: { issued: 52, returned: 53 }, B: { issued: 52, returned: 53 } })).toEqual({ state: "agreed", issued: 52, returned: 53 });
  });

  it("let the chair void only on agreed returned > issued, and say why not otherwise", () => {
    expect(canVoidRound({ state: "agreed", issued: 52, returned: 53 })).toEqual({ ok: true, issued: 52, returned: 53 });
    expect(canVoidRound({ state: "agreed", issued: 52, returned: 52 })).toMatchObject({ ok: false, reason: expect.stringContaining("本轮有效") });
    expect(canVoidRound({ state: "waiting", missingTeller: "A" })).toMatchObject({ ok: false, reason: expect.stringContaining("待甲填写") });
    expect(canVoidRound({ state: "none" })).toMatchObject({ ok: false });
  });

  it("turn a change into record lines: a dispute, its resolution, a void called for — ballot numbers and counts only", () => {
    const speakers = ["p1", "p2"];
    const view = (entries: PaperEntry[], counts: CountsAgreement): PaperDeskView => ({ roundNumber: 1, reconciliation: reconcile(entries, speakers), counts });
    const a = entry(7, "A", { p1: "good", p2: "fair" });
    const bWrong = entry(7, "B", { p1: "poor", p2: "fair" });
    const bRight = entry(7, "B", { p1: "good", p2: "fair" });
    const none: CountsAgreement = { state: "none" };
    expect(paperEventsOf(view([a], none), view([a, bWrong], none), "B")).toEqual([
      { roundNumber: 1, kind: "ballot_dispute", actor: "B", ballotNo: 7, detail: "第 7 号票两人录入不一致（1 行不同）" },
    ]);
    expect(paperEventsOf(view([a, bWrong], none), view([a, bRight], none), "B")).toEqual([
      { roundNumber: 1, kind: "ballot_resolved", actor: "B", ballotNo: 7, detail: "第 7 号票已核对一致" },
    ]);
    const dispute: CountsAgreement = { state: "dispute", A: { issued: 5, returned: 6 }, B: { issued: 5, returned: 5 } };
    const agreed: CountsAgreement = { state: "agreed", issued: 5, returned: 6 };
    expect(paperEventsOf(view([], dispute), view([], agreed), "B").map((e) => e.kind)).toEqual(["counts_resolved", "void_required"]);
    // Keying the same agreed counts again records nothing new.
    expect(paperEventsOf(view([], agreed), view([], agreed), "A")).toEqual([]);
  });
});
