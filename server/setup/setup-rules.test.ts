import { describe, expect, it } from "vitest";
import { initialLiveState, type LiveState } from "../domain/meeting-types";
import type { RosterView } from "../domain/snapshot";
import { appendConflicts, drawLots, insertionIndex, orderImportedRows, refreshIdleTimer, removalDecision } from "./setup-rules";

const entry = (id: string, unit: string, mode: "onsite" | "written" = "onsite"): RosterView => ({
  id,
  unit,
  name: "某XX",
  title: "书记",
  mode,
  limitMs: null,
  reportText: "",
  attachment: null,
  record: null,
  evaluated: true,
});

const roster = [entry("a", "城东"), entry("b", "城西"), entry("c", "城南"), entry("w1", "区直机关工委", "written"), entry("w2", "区财政局党组", "written")];
const pending = initialLiveState({ limitMs: 360_000, warningMs: 60_000 });

function on(speakerId: string, records: LiveState["records"] = {}): LiveState {
  return { ...pending, cursor: { item: "reports", speakerId, stage: "review" }, records };
}

describe("drawLots", () => {
  it("shuffles only the on-site units over their own places, with the random source given", () => {
    // randomInt always 0: Fisher–Yates from the end swaps each with the first.
    const result = drawLots(roster, "onsite", () => 0);
    expect(result.order).toEqual(["b", "c", "a", "w1", "w2"]);
    expect(result.drawnUnits).toEqual(["城西", "城南", "城东"]);
  });

  it("with scope all, the written units are drawn among themselves and stay after the on-site ones", () => {
    const result = drawLots(roster, "all", (n) => n - 1);
    expect(result.order.slice(0, 3).sort()).toEqual(["a", "b", "c"]);
    expect(result.order.slice(3).sort()).toEqual(["w1", "w2"]);
    expect(result.drawnUnits).toHaveLength(5);
  });
});

describe("removalDecision", () => {
  it("refuses the current speaker, and asks to confirm a unit with 点评, which is then kept", () => {
    expect(removalDecision(on("a"), roster[0]!, 0, true).kind).toBe("refused");
    const commented = on("b");
    expect(removalDecision(commented, roster[0]!, 2, false)).toMatchObject({
      kind: "confirm",
      message: expect.stringContaining("2 条点评"),
    });
    expect(removalDecision(commented, roster[0]!, 2, true)).toEqual({ kind: "allowed", keep: true });
  });

  it("asks to confirm a unit that has reported, and lets an upcoming one go for good", () => {
    const live = on("b", { a: { status: "done", spokenMs: 312_000, overtimeMs: 0 } });
    expect(removalDecision(live, roster[0]!, 0, false)).toMatchObject({ kind: "confirm", message: expect.stringContaining("5:12") });
    expect(removalDecision(live, roster[0]!, 0, true)).toEqual({ kind: "allowed", keep: true });
    expect(removalDecision(live, roster[2]!, 0, false)).toEqual({ kind: "allowed", keep: false });
  });

  it("refuses any removal once voting has opened", () => {
    const live: LiveState = { ...pending, cursor: { item: "evaluation" }, voting: { status: "open", published: false } };
    expect(removalDecision(live, roster[2]!, 0, true).kind).toBe("refused");
  });
});

describe("roster helpers", () => {
  it("puts a new on-site unit after the last on-site one, a written unit at the end", () => {
    expect(insertionIndex(roster, "onsite")).toBe(3);
    expect(insertionIndex(roster, "written")).toBe(5);
    expect(insertionIndex([], "onsite")).toBe(0);
    expect(insertionIndex([entry("w", "x", "written")], "onsite")).toBe(0);
  });

  it("orders imported rows by 顺序 where given, then in file order", () => {
    const row = (unit: string, order: number | null) => ({ line: 0, unit, name: "", title: "", mode: "onsite" as const, order, limitMs: null, reportText: "" });
    expect(orderImportedRows([row("甲", null), row("乙", 2), row("丙", 1), row("丁", null)]).map((r) => r.unit)).toEqual(["丙", "乙", "甲", "丁"]);
  });

  it("flags units already on the roster for an append, ignoring width and spacing", () => {
    const rows = [{ line: 2, unit: "城 东", name: "x", title: "", mode: "onsite" as const, order: null, limitMs: null, reportText: "", problems: [] }];
    expect(appendConflicts(rows, roster)).toEqual([{ line: 2, field: "unit", message: expect.stringContaining("已在名单中") }]);
  });

  it("shows a changed limit on an untouched timer, never on one that has run", () => {
    expect(refreshIdleTimer(pending, 300_000, roster).timer.limitMs).toBe(300_000);
    const ready: LiveState = { ...pending, cursor: { item: "reports", speakerId: "a", stage: "ready" } };
    expect(refreshIdleTimer(ready, 360_000, [{ id: "a", limitMs: 240_000 }]).timer.limitMs).toBe(240_000);
    const used: LiveState = { ...ready, timer: { ...ready.timer, accumulatedMs: 5000, status: "paused" } };
    expect(refreshIdleTimer(used, 360_000, [{ id: "a", limitMs: 240_000 }])).toBe(used);
  });
});
