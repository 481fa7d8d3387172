import { describe, expect, it } from "vitest";
import { applyCommand } from "./agenda";
import { applyDelta, liveDelta } from "./live-delta";
import { liveStateSchema } from "./live-state-schema";
import { initialLiveState, type LiveState } from "./meeting-types";
import { countPresence } from "./presence";
import { ballotEpoch, canStartRehearsal, meetingTime, type RehearsalState } from "./rehearsal";
import { rehearsalStartSchema } from "./rehearsal-schema";
import { hallState, meetingNow, type MeetingSnapshot } from "./snapshot";
import { DEFAULT_RANKING_RULE } from "./tally";

const T0 = Date.parse("2026-12-03T15:00:00+08:00");
const SETTINGS = { limitMs: 360_000, warningMs: 60_000 };
const AT_10X: RehearsalState = { speed: 10, startedAt: T0, epoch: "r1" };

function snapshot(live: LiveState): MeetingSnapshot {
  return {
    version: 3,
    meeting: {
      id: "m",
      title: "述职评议会",
      date: "",
      venue: "",
      chairName: "",
      guests: "",
      agenda: { reports: { title: "述职", text: "" }, evaluation: { title: "测评", text: "" }, closing: { title: "讲话", text: "" } },
      closingPoints: [],
      ...SETTINGS,
      ratingLevels: [],
      voterCategories: [],
      expectedVoters: 0,
      rankingRule: DEFAULT_RANKING_RULE,
    },
    roster: [{ id: "s1", unit: "城东街道党工委", name: "张伟", title: "书记", mode: "onsite", limitMs: null, reportText: "", attachment: null, record: null, evaluated: true }],
    live,
    progress: { expected: 0, electronic: 0, paperIssued: 0, paperReturned: 0, paperEntered: 0 },
    results: null,
  };
}

/** The first speaker speaking since the rehearsal started. */
function speaking(rehearsal: RehearsalState | undefined): MeetingSnapshot {
  const pending = snapshot({ ...initialLiveState(SETTINGS), rehearsal });
  let live = pending.live;
  for (const type of ["agenda.next", "timer.start"] as const) {
    const decided = applyCommand({ settings: SETTINGS, roster: pending.roster, closingPointCount: 0, live }, { type }, meetingNow(snapshot(live), T0));
    if (!decided.ok) throw new Error(decided.error.message);
    live = decided.data.live;
  }
  return snapshot(live);
}

describe("the meeting clock", () => {
  it("is the wall clock in a real meeting and at 1×", () => {
    expect(meetingTime(undefined, T0 + 5_000)).toBe(T0 + 5_000);
    expect(meetingTime({ ...AT_10X, speed: 1 }, T0 + 5_000)).toBe(T0 + 5_000);
  });

  it("runs ten times faster from the rehearsal's start at 10×", () => {
    expect(meetingTime(AT_10X, T0)).toBe(T0);
    expect(meetingTime(AT_10X, T0 + 10_000)).toBe(T0 + 100_000);
  });

  it("is what the HTTP state and every countdown read: a 6-minute speech passes in 36 s", () => {
    const rehearsal = speaking(AT_10X);
    expect(hallState(rehearsal, T0 + 10_000).timer).toMatchObject({ elapsedMs: 100_000, remainingMs: 260_000, phase: "normal", computedAt: T0 + 10_000 });
    expect(hallState(rehearsal, T0 + 31_000).timer.phase).toBe("warning");
    expect(hallState(rehearsal, T0 + 36_000).timer).toMatchObject({ remainingMs: 0, phase: "overtime" });
    expect(hallState(rehearsal, T0 + 36_000).rehearsal).toEqual({ speed: 10, startedAt: T0 });

    const real = speaking(undefined);
    expect(hallState(real, T0 + 36_000).timer).toMatchObject({ elapsedMs: 36_000, phase: "normal" });
    expect(hallState(real, T0).rehearsal).toBeNull();
  });
});

describe("starting a rehearsal", () => {
  it("accepts speed 1 or 10 only", () => {
    expect(rehearsalStartSchema.safeParse({ speed: 10 }).success).toBe(true);
    expect(rehearsalStartSchema.safeParse({ speed: 1 }).success).toBe(true);
    for (const bad of [{ speed: 2 }, { speed: "10" }, {}, { speed: 10, extra: true }, null]) {
      expect(rehearsalStartSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("is allowed only before the real meeting, and not twice", () => {
    const pending = initialLiveState(SETTINGS);
    expect(canStartRehearsal(pending).ok).toBe(true);
    expect(canStartRehearsal({ ...pending, rehearsal: AT_10X })).toMatchObject({ ok: false, error: { code: "illegal" } });
    const started = speaking(undefined).live;
    expect(canStartRehearsal(started)).toMatchObject({ ok: false, error: { code: "illegal", message: expect.stringContaining("会议已开始") } });
    expect(canStartRehearsal({ ...pending, voting: { status: "closed", published: false } }).ok).toBe(false);
  });
});

describe("the ballot epoch", () => {
  it("differs between the real meeting and each rehearsal", () => {
    const pending = initialLiveState(SETTINGS);
    const first = ballotEpoch({ ...pending, rehearsal: AT_10X });
    const second = ballotEpoch({ ...pending, rehearsal: { ...AT_10X, epoch: "r2" } });
    expect(new Set([ballotEpoch(pending), first, second]).size).toBe(3);
  });
});

describe("the rehearsal in the live state", () => {
  it("survives a round trip through the database's JSON, and old rows without it still parse", () => {
    const live = speaking(AT_10X).live;
    expect(liveStateSchema.parse(JSON.parse(JSON.stringify(live)))).toEqual(live);
    expect(liveStateSchema.parse(JSON.parse(JSON.stringify(initialLiveState(SETTINGS)))).rehearsal).toBeUndefined();
  });

  it("travels in deltas: started, then ended", () => {
    const before = snapshot(initialLiveState(SETTINGS));
    const started = liveDelta("m", 3, before.live, { ...before.live, rehearsal: AT_10X });
    expect(started.rehearsal).toEqual(AT_10X);
    const during = applyDelta(before, started);
    expect(during.live.rehearsal).toEqual(AT_10X);
    const ended = liveDelta("m", 4, during.live, initialLiveState(SETTINGS));
    expect(ended.rehearsal).toBeNull();
    expect(applyDelta(during, ended).live.rehearsal).toBeUndefined();
    // A command during the rehearsal leaves it as it is.
    expect(liveDelta("m", 4, during.live, { ...during.live, cursor: { item: "evaluation" } })).not.toHaveProperty("rehearsal");
  });
});

describe("presence counts", () => {
  it("counts tablets, seated tablets, projectors and tellers, never the chair", () => {
    expect(
      countPresence([
        { role: "attendee", seated: true },
        { role: "attendee", seated: false },
        { role: "display", seated: false },
        { role: "teller", seated: false },
        { role: "chair", seated: false },
      ]),
    ).toEqual({ tablets: 2, seated: 1, projectors: 1, tellers: 1 });
    expect(countPresence([])).toEqual({ tablets: 0, seated: 0, projectors: 0, tellers: 0 });
  });
});
