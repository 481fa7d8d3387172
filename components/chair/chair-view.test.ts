import { describe, expect, it } from "vitest";
import { initialLiveState, type LiveState } from "@/server/domain/meeting-types";
import type { MeetingSnapshot, RosterView } from "@/server/domain/snapshot";
import { canReorder, nextStepHint, previousStepHint, speakerStatus, unitsLeftBehind } from "./chair-view";

const LIMIT = 360_000;

function entry(id: string, unit: string, mode: RosterView["mode"]): RosterView {
  return { id, unit, name: "张XX", title: "书记", mode, limitMs: null, reportText: "", attachment: null, record: null, evaluated: true };
}

const ROSTER = [entry("s1", "城东街道党工委", "onsite"), entry("s2", "城西街道党工委", "onsite"), entry("w1", "区直机关工委", "written")];

function snapshot(live: Partial<LiveState>): MeetingSnapshot {
  const state = { ...initialLiveState({ limitMs: LIMIT, warningMs: 60_000 }), ...live };
  return {
    version: 1,
    meeting: {
      id: "m",
      title: "述职评议会",
      date: "2024-01-18",
      venue: "区委第一会议室",
      chairName: "XXX同志",
      guests: "",
      agenda: {
        reports: { title: "各党(工)委书记述职", text: "" },
        evaluation: { title: "民主测评", text: "" },
        closing: { title: "书记讲话", text: "" },
      },
      closingPoints: [
        { title: "政治责任不断压实", body: "" },
        { title: "要始终坚持政治引领", body: "" },
      ],
      limitMs: LIMIT,
      warningMs: 60_000,
      ratingLevels: [],
      voterCategories: [],
      rankingRule: { abstainCounts: true, rankBy: "score" },
      expectedVoters: 0,
    },
    roster: ROSTER.map((e) => ({ ...e, record: state.records[e.id] ?? null })),
    live: state,
    progress: { expected: 0, electronic: 0, paperIssued: 0, paperReturned: 0, paperEntered: 0 },
    results: null,
  };
}

describe("speakerStatus", () => {
  it("names every stage in the seed's words", () => {
    const s = snapshot({ cursor: { item: "reports", speakerId: "s1", stage: "reporting" } });
    expect(speakerStatus(s.roster[0]!, s.live).label).toBe("正在述职");
    expect(speakerStatus(s.roster[1]!, s.live).label).toBe("待述职");
    expect(speakerStatus(s.roster[2]!, s.live).label).toBe("待点评");
  });

  it("shows time spoken and overtime once reported", () => {
    const s = snapshot({
      cursor: { item: "reports", speakerId: "s2", stage: "ready" },
      records: { s1: { status: "done", spokenMs: 397_000, overtimeMs: 37_000 }, w1: { status: "skipped", spokenMs: 0, overtimeMs: 0 } },
    });
    expect(speakerStatus(s.roster[0]!, s.live)).toMatchObject({ label: "已述职", detail: "用时 6:37 超时 +0:37", overtime: true });
    expect(speakerStatus(s.roster[1]!, s.live).label).toBe("准备");
    expect(speakerStatus(s.roster[2]!, s.live).label).toBe("已跳过");
    expect(canReorder(s.roster[0]!, s.live)).toBe(false);
    expect(canReorder(s.roster[1]!, s.live)).toBe(true);
  });
});

describe("step hints", () => {
  it("say what → and ← will do", () => {
    expect(nextStepHint(snapshot({})).label).toBe("开始第一项：各党(工)委书记述职");
    expect(previousStepHint(snapshot({})).enabled).toBe(false);
    const ready = snapshot({ cursor: { item: "reports", speakerId: "s1", stage: "ready" } });
    expect(nextStepHint(ready).label).toBe("开始述职计时");
    const review = snapshot({
      cursor: { item: "reports", speakerId: "s1", stage: "review" },
      records: { s1: { status: "done", spokenMs: 1000, overtimeMs: 0 } },
    });
    expect(nextStepHint(review).label).toBe("下一位：城西街道党工委");
    expect(previousStepHint(review).label).toBe("回到述职，继续计时");
    const lastWritten = snapshot({ cursor: { item: "reports", speakerId: "w1", stage: "review" } });
    expect(nextStepHint(lastWritten).label).toBe("进入第二项：民主测评");
    expect(nextStepHint(snapshot({ cursor: { item: "closing", point: 1 } })).label).toBe("结束会议");
    expect(nextStepHint(snapshot({ cursor: { item: "closed" } })).enabled).toBe(false);
  });
});

describe("unitsLeftBehind", () => {
  const NOW = 1_700_000_000_000;

  it("names the units still 待述职 / 待点评 when → leaves item 1 from the last written unit", () => {
    // The chair opened the last written unit directly; 城西 never reported.
    const s = snapshot({
      cursor: { item: "reports", speakerId: "w1", stage: "review" },
      records: { s1: { status: "done", spokenMs: 300_000, overtimeMs: 0 } },
    });
    expect(unitsLeftBehind(s, { type: "agenda.next" }, NOW).map((e) => e.unit)).toEqual(["城西街道党工委"]);
    expect(unitsLeftBehind(s, { type: "agenda.goto", item: "closing" }, NOW).map((e) => e.unit)).toEqual(["城西街道党工委"]);
  });

  it("is empty when the command stays in item 1, or every unit has reported", () => {
    const midway = snapshot({ cursor: { item: "reports", speakerId: "s1", stage: "review" }, records: { s1: { status: "done", spokenMs: 1000, overtimeMs: 0 } } });
    expect(unitsLeftBehind(midway, { type: "agenda.next" }, NOW)).toEqual([]);
    const done = snapshot({
      cursor: { item: "reports", speakerId: "w1", stage: "review" },
      records: { s1: { status: "done", spokenMs: 1000, overtimeMs: 0 }, s2: { status: "skipped", spokenMs: 0, overtimeMs: 0 } },
    });
    expect(unitsLeftBehind(done, { type: "agenda.next" }, NOW)).toEqual([]);
    expect(unitsLeftBehind(snapshot({ cursor: { item: "evaluation" } }), { type: "agenda.next" }, NOW)).toEqual([]);
  });

  it("counts skipping the whole of item 1 from before the meeting starts", () => {
    expect(unitsLeftBehind(snapshot({}), { type: "agenda.goto", item: "evaluation" }, NOW)).toHaveLength(3);
  });
});
