import { describe, expect, it } from "vitest";
import {
  checkTallyInput,
  computeTally,
  describeRankingRule,
  formatPercent,
  formatScore,
  type BallotSource,
  type RankingRule,
  type RatingLevel,
  type SpeakerTally,
  type Tally,
  type TallyInput,
  type VoteCounter,
  type VoterCategory,
} from "./tally";

const LEVELS: RatingLevel[] = [
  { id: "good", label: "好", weight: 100 },
  { id: "fair", label: "较好", weight: 80 },
  { id: "average", label: "一般", weight: 60 },
  { id: "poor", label: "差", weight: 0 },
];

const SPEAKERS = [
  { id: "s1", unit: "城关街道党工委", name: "张三" },
  { id: "s2", unit: "东关街道党工委", name: "李四" },
  { id: "s3", unit: "西关镇党委", name: "王五" },
  { id: "s4", unit: "区直机关工委", name: "赵六" },
];

/** One row of a 测评票 count sheet: how many ballots gave each level (and 弃权). */
interface Row {
  good?: number;
  fair?: number;
  average?: number;
  poor?: number;
  abstain?: number;
}

function counters(speakerId: string, source: BallotSource, row: Row, categoryId: string | null = null): VoteCounter[] {
  const entries: [string | null, number | undefined][] = [
    ["good", row.good],
    ["fair", row.fair],
    ["average", row.average],
    ["poor", row.poor],
    [null, row.abstain],
  ];
  return entries
    .filter(([, count]) => count !== undefined)
    .map(([levelId, count]) => ({ speakerId, levelId, source, categoryId, count: count ?? 0 }));
}

/**
 * 20 valid ballots: 12 from tablets, 8 on paper. Totals per speaker (好/较好/一般/差/弃权):
 *   张三 10/5/3/1/1, 李四 8/8/4/0/0, 王五 12/0/8/0/0, 赵六 16/2/0/0/2.
 */
function hallInput(): TallyInput {
  return {
    speakers: SPEAKERS,
    levels: LEVELS,
    categories: [],
    ballots: { electronic: 12, paper: 8 },
    counters: [
      ...counters("s1", "electronic", { good: 6, fair: 3, average: 2, poor: 1, abstain: 0 }),
      ...counters("s1", "paper", { good: 4, fair: 2, average: 1, poor: 0, abstain: 1 }),
      ...counters("s2", "electronic", { good: 5, fair: 5, average: 2 }),
      ...counters("s2", "paper", { good: 3, fair: 3, average: 2 }),
      ...counters("s3", "electronic", { good: 7, average: 5 }),
      ...counters("s3", "paper", { good: 5, average: 3 }),
      ...counters("s4", "electronic", { good: 10, fair: 1, abstain: 1 }),
      ...counters("s4", "paper", { good: 6, fair: 1, abstain: 1 }),
    ],
  };
}

function speaker(tally: Tally, id: string): SpeakerTally {
  const found = tally.speakers.find((s) => s.speakerId === id);
  if (!found) throw new Error(`no tally for ${id}`);
  return found;
}

/** The 汇总表 row as printed: counts, then percents, for 好/较好/一般/差/弃权. */
function printed(row: { levels: { count: number; percent: number }[]; abstain: { count: number; percent: number } }) {
  const cells = [...row.levels, row.abstain];
  return { counts: cells.map((c) => c.count), percents: cells.map((c) => formatPercent(c.percent)) };
}

function allNumbers(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(allNumbers);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(allNumbers);
  return [];
}

describe("levels, 弃权 and percentages", () => {
  it("counts every level over all sources and divides by the valid ballots", () => {
    const tally = computeTally(hallInput());
    expect(tally.validBallots).toBe(20);
    expect(printed(speaker(tally, "s1"))).toEqual({
      counts: [10, 5, 3, 1, 1],
      percents: ["50.0%", "25.0%", "15.0%", "5.0%", "5.0%"],
    });
    expect(printed(speaker(tally, "s4"))).toEqual({
      counts: [16, 2, 0, 0, 2],
      percents: ["80.0%", "10.0%", "0.0%", "0.0%", "10.0%"],
    });
    expect(speaker(tally, "s1").rated).toBe(19);
  });

  it("keeps the speakers in agenda order, with their unit and name", () => {
    const tally = computeTally(hallInput());
    expect(tally.speakers.map((s) => `${s.unit}${s.name}`)).toEqual([
      "城关街道党工委张三",
      "东关街道党工委李四",
      "西关镇党委王五",
      "区直机关工委赵六",
    ]);
  });

  it("好评率 is (好 + 较好) over all valid ballots, 弃权 included", () => {
    const tally = computeTally(hallInput());
    // 张三: (10 + 5) / 20; 赵六: (16 + 2) / 20 although 2 abstained.
    expect(speaker(tally, "s1").goodCount).toBe(15);
    expect(formatPercent(speaker(tally, "s1").goodRate)).toBe("75.0%");
    expect(formatPercent(speaker(tally, "s4").goodRate)).toBe("90.0%");
    expect(formatPercent(speaker(tally, "s3").goodRate)).toBe("60.0%");
  });
});

/** The setting the formulas below were first written for: 弃权 out of every denominator. */
const ABSTAIN_OUT: RankingRule = { abstainCounts: false, rankBy: "score" };

describe("测评得分", () => {
  it("is the average score of those who rated, 弃权 left out of the denominator", () => {
    const tally = computeTally({ ...hallInput(), rule: ABSTAIN_OUT });
    // 张三: (10×100 + 5×80 + 3×60 + 1×0) / (20 − 1) = 1580 / 19 = 83.157…
    expect(formatScore(speaker(tally, "s1").score)).toBe("83.16");
    // 赵六: (16×100 + 2×80) / (20 − 2) = 1760 / 18 = 97.777…
    expect(formatScore(speaker(tally, "s4").score)).toBe("97.78");
    expect(speaker(tally, "s2").score).toBe(84);
  });

  it("uses the configured level weights", () => {
    const levels = [
      { id: "good", label: "好", weight: 95 },
      { id: "fair", label: "较好", weight: 85 },
      { id: "average", label: "一般", weight: 70 },
      { id: "poor", label: "差", weight: 50 },
    ];
    const tally = computeTally({ ...hallInput(), levels, rule: ABSTAIN_OUT });
    // 张三: (950 + 425 + 210 + 50) / 19 = 1635 / 19 = 86.052…
    expect(formatScore(speaker(tally, "s1").score)).toBe("86.05");
  });

  it("ranks by score, a tie on score broken by 好评率, and a tie on both shown as a tie", () => {
    const tally = computeTally({ ...hallInput(), rule: ABSTAIN_OUT });
    // 赵六 97.78, 李四 84.00 (8/8/4, 好评率 80%), 王五 84.00 (12/0/8, 好评率 60%), 张三 83.16.
    expect(tally.speakers.map((s) => [s.name, s.rank])).toEqual([
      ["张三", 4],
      ["李四", 2],
      ["王五", 3],
      ["赵六", 1],
    ]);
    // Equal on both figures is a tie (see "弃权 left out" below: eleven at rank 1).
  });

  it("treats scores equal to 2 decimals as a tie, and 84.99 below 85.00", () => {
    const levels = [
      { id: "a", label: "甲", weight: 85.004 },
      { id: "b", label: "乙", weight: 84.996 },
      { id: "c", label: "丙", weight: 84.994 },
    ];
    const speakers = SPEAKERS.slice(0, 3);
    const tally = computeTally({
      speakers,
      levels,
      categories: [],
      ballots: { electronic: 1, paper: 0 },
      counters: [
        { speakerId: "s1", levelId: "c", source: "electronic", categoryId: null, count: 1 },
        { speakerId: "s2", levelId: "a", source: "electronic", categoryId: null, count: 1 },
        { speakerId: "s3", levelId: "b", source: "electronic", categoryId: null, count: 1 },
      ],
    });
    expect(tally.speakers.map((s) => [formatScore(s.score), s.rank])).toEqual([
      ["84.99", 3],
      ["85.00", 1],
      ["85.00", 1],
    ]);
  });
});

describe("electronic and paper ballots", () => {
  it("are merged in the totals and shown apart per source", () => {
    const s1 = speaker(computeTally(hallInput()), "s1");
    expect(s1.bySource.electronic.ballots).toBe(12);
    expect(printed(s1.bySource.electronic)).toEqual({
      counts: [6, 3, 2, 1, 0],
      percents: ["50.0%", "25.0%", "16.7%", "8.3%", "0.0%"],
    });
    expect(s1.bySource.paper.ballots).toBe(8);
    expect(printed(s1.bySource.paper)).toEqual({
      counts: [4, 2, 1, 0, 1],
      percents: ["50.0%", "25.0%", "12.5%", "0.0%", "12.5%"],
    });
    // 6 + 4 好 on the two sheets is the 10 好 of the merged row.
    expect(s1.levels[0].count).toBe(s1.bySource.electronic.levels[0].count + s1.bySource.paper.levels[0].count);
  });
});

describe("voter categories with weights", () => {
  const categories: VoterCategory[] = [
    { id: "standing", label: "区委常委", weight: 0.3 },
    { id: "group", label: "领导小组成员", weight: 0.3 },
    { id: "delegates", label: "党代表和群众代表", weight: 0.4 },
  ];

  /** 常委 5 and 领导小组 10 voted on tablets, the 20 代表 on paper. */
  function categoryInput(weights: VoterCategory[] = categories): TallyInput {
    return {
      speakers: SPEAKERS.slice(0, 2),
      levels: LEVELS,
      categories: weights,
      ballots: { electronic: 15, paper: 20, byCategory: { standing: 5, group: 10, delegates: 20 } },
      counters: [
        ...counters("s1", "electronic", { good: 4, fair: 1 }, "standing"),
        ...counters("s1", "electronic", { good: 5, fair: 3, average: 2 }, "group"),
        ...counters("s1", "paper", { good: 10, fair: 5, average: 3, poor: 1, abstain: 1 }, "delegates"),
        ...counters("s2", "electronic", { abstain: 5 }, "standing"),
        ...counters("s2", "electronic", { good: 5, fair: 3, average: 2 }, "group"),
        ...counters("s2", "paper", { good: 20 }, "delegates"),
      ],
    };
  }

  it("weights each category's average score", () => {
    const tally = computeTally({ ...categoryInput(), rule: ABSTAIN_OUT });
    expect(tally.weightedByCategory).toBe(true);
    const s1 = speaker(tally, "s1");
    // 常委 (400 + 80) / 5 = 96; 领导小组 (500 + 240 + 120) / 10 = 86; 代表 1580 / 19 = 83.157…
    expect(s1.byCategory.map((c) => [c.label, formatScore(c.average)])).toEqual([
      ["区委常委", "96.00"],
      ["领导小组成员", "86.00"],
      ["党代表和群众代表", "83.16"],
    ]);
    // 0.3×96 + 0.3×86 + 0.4×83.157… = 87.863…; unweighted it would be 2920 / 34 = 85.88.
    expect(formatScore(s1.score)).toBe("87.86");
  });

  it("renormalises the weights over the categories that rated the speaker", () => {
    const s2 = speaker(computeTally({ ...categoryInput(), rule: ABSTAIN_OUT }), "s2");
    // All 5 常委 abstained: (0.3×86 + 0.4×100) / (0.3 + 0.4) = 65.8 / 0.7 = 94.
    expect(s2.byCategory[0]).toMatchObject({ rated: 0, average: 0, abstain: { count: 5, percent: 100 } });
    expect(formatScore(s2.score)).toBe("94.00");
    expect(s2.rank).toBe(1);
    expect(speaker(computeTally({ ...categoryInput(), rule: ABSTAIN_OUT }), "s1").rank).toBe(2);
  });

  it("gives the same scores for weights 3 / 3 / 4 as for 0.3 / 0.3 / 0.4", () => {
    const shares = categories.map((c) => ({ ...c, weight: c.weight * 10 }));
    const scores = computeTally({ ...categoryInput(shares), rule: ABSTAIN_OUT }).speakers.map((s) => formatScore(s.score));
    expect(scores).toEqual(["87.86", "94.00"]);
  });

  it("still shows the merged counts and each category's own percentages", () => {
    const s1 = speaker(computeTally(categoryInput()), "s1");
    expect(printed(s1).counts).toEqual([19, 9, 5, 1, 1]);
    // (4 + 1 + 5 + 3 + 10 + 5) / 35 = 28 / 35.
    expect(formatPercent(s1.goodRate)).toBe("80.0%");
    expect(printed(s1.byCategory[2])).toEqual({
      counts: [10, 5, 3, 1, 1],
      percents: ["50.0%", "25.0%", "15.0%", "5.0%", "5.0%"],
    });
    expect(checkTallyInput(categoryInput()).ok).toBe(true);
  });
});

describe("zero ballots", () => {
  it("shows 0 everywhere, no NaN, and every speaker at rank 1", () => {
    const tally = computeTally({
      speakers: SPEAKERS,
      levels: LEVELS,
      categories: [
        { id: "standing", label: "区委常委", weight: 0.5 },
        { id: "delegates", label: "党代表和群众代表", weight: 0.5 },
      ],
      ballots: { electronic: 0, paper: 0, byCategory: { standing: 0, delegates: 0 } },
      counters: [],
    });
    // Every figure except the rank and the configured category weights.
    const numbers = allNumbers(
      tally.speakers.map((s) => ({ ...s, rank: 0, byCategory: s.byCategory.map((c) => ({ ...c, weight: 0 })) })),
    );
    expect(numbers.length).toBeGreaterThan(100);
    expect(numbers.every((n) => n === 0)).toBe(true);
    expect(tally.speakers.map((s) => s.rank)).toEqual([1, 1, 1, 1]);
    expect(printed(tally.speakers[0]).percents).toEqual(["0.0%", "0.0%", "0.0%", "0.0%", "0.0%"]);
  });

  it("never divides by zero even when counters arrive without ballots", () => {
    const input = hallInput();
    const tally = computeTally({ ...input, ballots: { electronic: 0, paper: 0 } });
    expect(allNumbers(tally).every(Number.isFinite)).toBe(true);
    expect(speaker(tally, "s1").levels[0]).toMatchObject({ count: 10, percent: 0 });
  });
});

describe("formatting", () => {
  it("formats percents with one decimal, rounded half-up as by hand", () => {
    expect(formatPercent(62.5)).toBe("62.5%");
    expect(formatPercent(200 / 3)).toBe("66.7%");
    expect(formatPercent(100)).toBe("100.0%");
    // 29 ÷ 200 × 100 is 14.499999999999998 in binary; the 监票人 writes 14.5 %.
    expect(formatPercent((29 / 200) * 100)).toBe("14.5%");
    expect(formatPercent(6.25)).toBe("6.3%");
  });

  it("formats scores with two decimals, rounded half-up as by hand", () => {
    // In binary 1.005 × 100 is 100.49999999999999 and (1.005).toFixed(2) is "1.00".
    expect(formatScore(1.005)).toBe("1.01");
    expect(formatScore(2.675)).toBe("2.68");
    expect(formatScore(84)).toBe("84.00");
    expect(formatScore(1580 / 19)).toBe("83.16");
  });
});

describe("checkTallyInput", () => {
  it("accepts counters that add up to the ballots counted", () => {
    expect(checkTallyInput(hallInput())).toEqual({ ok: true, data: hallInput() });
  });

  it("refuses a speaker whose paper counters do not add up to the paper ballots", () => {
    const input = hallInput();
    input.counters = input.counters.filter((c) => !(c.speakerId === "s2" && c.source === "paper" && c.levelId === "average"));
    const result = checkTallyInput(input);
    expect(result).toEqual({
      ok: false,
      error: { code: "invalid", message: "东关街道党工委李四：纸质票计数合计(6)与计入的纸质票数(8)不符。" },
    });
  });

  it("refuses an unknown level", () => {
    const input = hallInput();
    input.counters[0] = { ...input.counters[0], levelId: "excellent" };
    const result = checkTallyInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain("未知的档次：excellent");
  });

  it("refuses counters without a category when categories are configured", () => {
    const input = { ...hallInput(), categories: [{ id: "standing", label: "区委常委", weight: 1 }] };
    const result = checkTallyInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain("未注明");
  });

  it("refuses category ballot totals that differ from the valid ballots", () => {
    const input: TallyInput = {
      ...hallInput(),
      categories: [{ id: "standing", label: "区委常委", weight: 1 }],
      ballots: { electronic: 12, paper: 8, byCategory: { standing: 19 } },
    };
    const result = checkTallyInput(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe("各类别票数合计(19)与有效票数(20)不符。");
  });
});

describe("one ranking rule for every figure", () => {
  // The demo's trap: 甲 has 2 好 and 2 弃权; ten units have 4 好 each (100%).
  function demoInput(rule: RankingRule): TallyInput {
    const speakers = [{ id: "x", unit: "甲单位", name: "甲" }, ...Array.from({ length: 10 }, (_, i) => ({ id: `u${i}`, unit: `单位${i}`, name: `书记${i}` }))];
    return {
      speakers,
      levels: LEVELS,
      categories: [],
      counters: [...counters("x", "electronic", { good: 2, abstain: 2 }), ...speakers.slice(1).flatMap((s) => counters(s.id, "electronic", { good: 4 }))],
      ballots: { electronic: 4, paper: 0 },
      rule,
    };
  }

  it("弃权 in the denominator: 甲 reads 50% and 50.00 and ranks last, below ten units at 100%", () => {
    const tally = computeTally(demoInput({ abstainCounts: true, rankBy: "score" }));
    const x = speaker(tally, "x");
    expect([formatPercent(x.goodRate), formatScore(x.score), x.rank]).toEqual(["50.0%", "50.00", 11]);
    expect(formatPercent(x.levels[0]!.percent)).toBe("50.0%");
    expect(formatPercent(x.abstain.percent)).toBe("50.0%");
    expect(tally.speakers.filter((s) => s.speakerId !== "x").map((s) => s.rank)).toEqual(Array(10).fill(1));
    expect(tally.rule).toEqual({ abstainCounts: true, rankBy: "score" });
  });

  it("弃权 left out: 甲 reads 100% and 100.00 on 2 ballots, and ties with the ten at rank 1", () => {
    const tally = computeTally(demoInput({ abstainCounts: false, rankBy: "goodRate" }));
    const x = speaker(tally, "x");
    expect([formatPercent(x.goodRate), formatScore(x.score), x.rank, x.denominator]).toEqual(["100.0%", "100.00", 1, 2]);
    expect(formatPercent(x.levels[0]!.percent)).toBe("100.0%");
    // 弃权's own share is always of every valid ballot.
    expect(formatPercent(x.abstain.percent)).toBe("50.0%");
    expect(tally.speakers.map((s) => s.rank)).toEqual(Array(11).fill(1));
  });

  it("ranks by the chosen figure and breaks ties with the other", () => {
    // A: 3 好 1 差 → 75.0%, 75.00. B: 1 好 3 较好 → 100.0%, 85.00. C: 2 好 2 较好 → 100.0%, 90.00.
    const speakers = ["a", "b", "c"].map((id) => ({ id, unit: id, name: id }));
    const input = (rankBy: RankingRule["rankBy"]): TallyInput => ({
      speakers,
      levels: LEVELS,
      categories: [],
      counters: [...counters("a", "paper", { good: 3, poor: 1 }), ...counters("b", "paper", { good: 1, fair: 3 }), ...counters("c", "paper", { good: 2, fair: 2 })],
      ballots: { electronic: 0, paper: 4 },
      rule: { abstainCounts: true, rankBy },
    });
    expect(computeTally(input("score")).speakers.map((s) => s.rank)).toEqual([3, 2, 1]);
    // By 好评率 B and C tie at 100%; 得分 puts C first.
    expect(computeTally(input("goodRate")).speakers.map((s) => s.rank)).toEqual([3, 2, 1]);
    const swapped = computeTally({ ...input("goodRate"), counters: [...counters("a", "paper", { good: 4 }), ...counters("b", "paper", { good: 1, fair: 3 }), ...counters("c", "paper", { good: 2, fair: 2 })] });
    // A now 100% and 100.00: first on both figures.
    expect(swapped.speakers.map((s) => s.rank)).toEqual([1, 3, 2]);
  });

  it("says the rule in words, and says when a tally was frozen before there was one", () => {
    expect(describeRankingRule({ abstainCounts: true, rankBy: "score" })).toBe("计算规则：各档占比、好评率、测评得分均以全部有效票为分母（弃权计入分母，按 0 分计）；按测评得分排名，得分相同再比好评率。");
    expect(describeRankingRule({ abstainCounts: false, rankBy: "goodRate" })).toBe("计算规则：各档占比、好评率、测评得分均以有效票减去弃权票为分母（弃权不计入）；按好评率排名，好评率相同再比测评得分。");
    expect(describeRankingRule(undefined)).toContain("冻结于排名规则设置之前");
  });
});
