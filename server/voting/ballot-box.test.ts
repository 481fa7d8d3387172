// The ballot box's batch: what one commit writes must not depend on the order ballots arrived.
import { describe, expect, it } from "vitest";
import { ballotMinBatch } from "../platform/config";
import { batchOf, type WaitingBallot } from "./ballot-box";

const ballots: WaitingBallot[] = [
  { seatCode: "QX7M2K9P", key: "key-aaaaaaaa", categoryId: "", marks: { s1: "good", s2: "" } },
  { seatCode: "B3RT8WZH", key: "key-bbbbbbbb", categoryId: "", marks: { s1: "fair", s2: "good" } },
  { seatCode: "M4NP6Y2D", key: "key-cccccccc", categoryId: "", marks: { s1: "good", s2: "good" } },
];

describe("a batch of ballots", () => {
  it("sums the counters and orders seats by code, the same whatever the arrival order", () => {
    const batch = batchOf(ballots);
    expect(batch.seats.map((s) => s.seatCode)).toEqual(["B3RT8WZH", "M4NP6Y2D", "QX7M2K9P"]);
    expect(batch.counters).toEqual([
      { categoryId: "", speakerId: "s1", levelId: "fair", add: 1 },
      { categoryId: "", speakerId: "s1", levelId: "good", add: 2 },
      { categoryId: "", speakerId: "s2", levelId: "", add: 1 },
      { categoryId: "", speakerId: "s2", levelId: "good", add: 2 },
    ]);
    expect(batch.totals).toEqual([{ categoryId: "", add: 3 }]);
    expect(batchOf([ballots[2]!, ballots[0]!, ballots[1]!])).toEqual(batch);
    expect(batchOf([ballots[1]!, ballots[2]!, ballots[0]!])).toEqual(batch);
  });
});

describe("BALLOT_MIN_BATCH", () => {
  it("defaults to the fallback and accepts whole numbers from 1 to 100 only", () => {
    expect(ballotMinBatch(undefined, 5)).toEqual({ ok: true, value: 5 });
    expect(ballotMinBatch("", 5)).toEqual({ ok: true, value: 5 });
    expect(ballotMinBatch("8", 5)).toEqual({ ok: true, value: 8 });
    for (const bad of ["0", "101", "2.5", "five", "-3"]) {
      const parsed = ballotMinBatch(bad, 5);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain("BALLOT_MIN_BATCH");
    }
  });
});
