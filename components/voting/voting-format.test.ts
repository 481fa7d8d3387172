import { describe, expect, it } from "vitest";
import { computeTally, type TallyInput } from "@/server/domain/tally";
import { pages, progressFigures, rankedRows, rankLabel } from "./voting-format";

const levels = [
  { id: "good", label: "好", weight: 100 },
  { id: "fair", label: "较好", weight: 80 },
  { id: "average", label: "一般", weight: 60 },
  { id: "poor", label: "差", weight: 0 },
];

function tallyOf(scores: Record<string, string[]>) {
  const speakers = Object.keys(scores).map((id) => ({ id, unit: `${id}单位`, name: `${id}XX` }));
  const counters: TallyInput["counters"] = [];
  for (const [speakerId, marks] of Object.entries(scores)) {
    for (const levelId of marks) counters.push({ speakerId, levelId, source: "electronic", categoryId: null, count: 1 });
  }
  return computeTally({ speakers, levels, categories: [], counters, ballots: { electronic: 2, paper: 0 } });
}

describe("rankedRows", () => {
  it("orders by rank, keeps agenda order within a tie and marks ties", () => {
    const tally = tallyOf({ a: ["fair", "fair"], b: ["good", "good"], c: ["fair", "fair"], d: ["good", "good"] });
    const rows = rankedRows(tally);
    expect(rows.map((r) => [r.speaker.speakerId, r.rank, r.tied])).toEqual([
      ["b", 1, true],
      ["d", 1, true],
      ["a", 3, true],
      ["c", 3, true],
    ]);
    expect(rankLabel(rows[0]!)).toBe("并列第1名");
  });

  it("labels a rank held alone without 并列", () => {
    const rows = rankedRows(tallyOf({ a: ["good", "good"], b: ["poor", "poor"] }));
    expect(rows.map(rankLabel)).toEqual(["第1名", "第2名"]);
  });
});

describe("progressFigures", () => {
  it("adds paper returned to electronic ballots and caps the bar at full", () => {
    expect(progressFigures({ expected: 40, electronic: 3, paperReturned: 2, paperIssued: 10, paperEntered: 1 })).toMatchObject({
      received: 5,
      fraction: 0.125,
    });
    expect(progressFigures({ expected: 2, electronic: 3, paperReturned: 0, paperIssued: 0, paperEntered: 0 }).fraction).toBe(1);
    expect(progressFigures({ expected: 0, electronic: 0, paperReturned: 0, paperIssued: 0, paperEntered: 0 }).fraction).toBe(0);
  });
});

describe("pages", () => {
  it("splits into pages of the given size, one empty page for no rows", () => {
    expect(pages([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages([], 3)).toEqual([[]]);
  });
});
