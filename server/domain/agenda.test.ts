import { describe, expect, it } from "vitest";
import { applyCommand, type Decision } from "./agenda";
import type { MeetingCommand } from "./commands";
import { initialLiveState, type LiveState, type MeetingModel, type RosterEntry } from "./meeting-types";
import type { ErrorCode } from "./result";
import { remainingMs } from "./timer";

// ---- the meeting under test ---------------------------------------------------------

const LIMIT = 360_000;
const S2_LIMIT = 240_000;
const WARNING = 60_000;
const MINUTE = 60_000;
/** Server clock when the meeting opens (epoch ms). */
const T0 = 1_750_000_000_000;

function sec(s: number): number {
  return s * 1000;
}

const ROSTER: RosterEntry[] = [
  { id: "s1", unit: "城关街道党工委", name: "张伟", title: "书记", mode: "onsite", limitMs: null },
  { id: "s2", unit: "河西镇党委", name: "李娜", title: "书记", mode: "onsite", limitMs: S2_LIMIT },
  { id: "s3", unit: "东城街道党工委", name: "王强", title: "书记", mode: "onsite", limitMs: null },
  { id: "w1", unit: "区直机关工委", name: "赵敏", title: "书记", mode: "written", limitMs: null },
  { id: "w2", unit: "区财政局党组", name: "刘洋", title: "书记", mode: "written", limitMs: null },
];

function meeting(live?: Partial<LiveState>, roster: RosterEntry[] = ROSTER): MeetingModel {
  const settings = { limitMs: LIMIT, warningMs: WARNING };
  return {
    settings,
    roster: structuredClone(roster),
    closingPointCount: 2,
    live: { ...initialLiveState(settings), ...live },
  };
}

const NEXT: MeetingCommand = { type: "agenda.next" };
const PREV: MeetingCommand = { type: "agenda.previous" };
const START: MeetingCommand = { type: "timer.start" };
const PAUSE: MeetingCommand = { type: "timer.pause" };
const RESET: MeetingCommand = { type: "timer.reset" };
const END: MeetingCommand = { type: "timer.end" };
const goto = (item: "reports" | "evaluation" | "closing"): MeetingCommand => ({ type: "agenda.goto", item });
const open = (speakerId: string): MeetingCommand => ({ type: "speaker.open", speakerId });
const skip = (speakerId: string): MeetingCommand => ({ type: "speaker.skip", speakerId });
const moveLater = (speakerId: string): MeetingCommand => ({ type: "speaker.moveLater", speakerId });
const adjust = (deltaMs: number): MeetingCommand => ({ type: "timer.adjust", deltaMs });
const nexts = (count: number): MeetingCommand[] => Array.from({ length: count }, () => NEXT);

/** Applies a command that must succeed; also checks the input model was left untouched. */
function decide(m: MeetingModel, command: MeetingCommand, now: number): Decision {
  const before = structuredClone(m);
  const result = applyCommand(m, command, now);
  expect(m, `${command.type} mutated its input`).toEqual(before);
  if (!result.ok) throw new Error(`${JSON.stringify(command)} was refused: ${result.error.message}`);
  return result.data;
}

/** The meeting after a successful command, with the new speaking order applied if any. */
function step(m: MeetingModel, command: MeetingCommand, now: number): MeetingModel {
  const decision = decide(m, command, now);
  const roster = decision.rosterOrder
    ? decision.rosterOrder.map((id) => {
        const entry = m.roster.find((e) => e.id === id);
        if (!entry) throw new Error(`rosterOrder names unknown speaker ${id}`);
        return entry;
      })
    : m.roster;
  return { ...m, roster, live: decision.live };
}

/** Applies commands in turn, the clock moving by `gapMs` before each. */
function walk(m: MeetingModel, commands: MeetingCommand[], start = T0, gapMs = 0): MeetingModel {
  return commands.reduce((acc, command, i) => step(acc, command, start + gapMs * i), m);
}

/** A refused command: a Chinese reason, and the meeting exactly as it was. */
function expectRefused(m: MeetingModel, command: MeetingCommand, now: number, code: ErrorCode = "illegal"): void {
  const before = structuredClone(m);
  const result = applyCommand(m, command, now);
  expect(m).toEqual(before);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe(code);
  expect(result.error.message.trim()).not.toBe("");
  expect(result.error.message).toMatch(/[\u4e00-\u9fff]/);
}

/** Where the chair stands, as the console would show it: "s2:reporting", "closing:1", … */
function where(m: MeetingModel): string {
  const cursor = m.live.cursor;
  switch (cursor.item) {
    case "reports":
      return `${cursor.speakerId}:${cursor.stage}`;
    case "closing":
      return `closing:${cursor.point}`;
    default:
      return cursor.item;
  }
}

function remaining(m: MeetingModel, now: number): number {
  return remainingMs(m.live.timer, now);
}

/** s1 reported for 6:37 (37 s over), s2 is on the stand, ready. */
function afterFirstSpeech(): MeetingModel {
  let m = walk(meeting(), [NEXT, NEXT], T0);
  m = step(m, NEXT, T0 + sec(397));
  return step(m, NEXT, T0 + sec(400));
}

// ---- agenda.next ----------------------------------------------------------------------

describe("agenda.next walks the meeting in order", () => {
  it("starts the meeting on the first speaker, ready, with a full 6:00 idle timer", () => {
    const m = step(meeting(), NEXT, T0);
    expect(where(m)).toBe("s1:ready");
    expect(m.live.timer.status).toBe("idle");
    expect(remaining(m, T0 + sec(100))).toBe(LIMIT);
  });

  it("from ready starts the speech and the countdown", () => {
    const m = walk(meeting(), [NEXT, NEXT], T0);
    expect(where(m)).toBe("s1:reporting");
    expect(m.live.timer.status).toBe("running");
    expect(remaining(m, T0 + sec(90))).toBe(sec(270));
  });

  it("from reporting ends the speech and records time spoken and overtime", () => {
    const m = step(walk(meeting(), [NEXT, NEXT], T0), NEXT, T0 + sec(397));
    expect(where(m)).toBe("s1:review");
    expect(m.live.records.s1).toEqual({ status: "done", spokenMs: sec(397), overtimeMs: sec(37) });
    // The clock stops at the end of the speech and keeps showing it during the 点评.
    expect(m.live.timer.status).not.toBe("running");
    expect(remaining(m, T0 + sec(500))).toBe(-sec(37));
  });

  it("records no overtime for a speech within the limit", () => {
    const m = step(walk(meeting(), [NEXT, NEXT], T0), NEXT, T0 + sec(300));
    expect(m.live.records.s1).toEqual({ status: "done", spokenMs: sec(300), overtimeMs: 0 });
  });

  it("from review moves to the next speaker, ready, with that speaker's own limit", () => {
    const m = afterFirstSpeech();
    expect(where(m)).toBe("s2:ready");
    expect(m.live.timer.status).toBe("idle");
    expect(remaining(m, T0 + sec(400))).toBe(S2_LIMIT);
    expect(m.live.records.s1?.status).toBe("done");
    expect(m.live.records.s2).toBeUndefined();
  });

  it("measures a speaker's overtime against their own limit", () => {
    let m = step(afterFirstSpeech(), NEXT, T0 + sec(1000));
    m = step(m, NEXT, T0 + sec(1250));
    expect(m.live.records.s2).toEqual({ status: "done", spokenMs: sec(250), overtimeMs: sec(10) });
    expect(remaining(m, T0 + sec(1300))).toBe(-sec(10));
  });

  it("reaches the written units after the on-site ones, in roster order, then items 2 and 3", () => {
    // 3 on-site speakers × (ready → reporting → review).
    let m = walk(meeting(), nexts(9), T0, sec(10));
    expect(where(m)).toBe("s3:review");
    expect(Object.keys(m.live.records).sort()).toEqual(["s1", "s2", "s3"]);

    m = step(m, NEXT, T0 + sec(200));
    expect(where(m)).toBe("w1:review");
    expect(m.live.timer.status).toBe("idle");
    // Opened, but not yet left: not counted as reviewed yet.
    expect(m.live.records.w1).toBeUndefined();

    m = step(m, NEXT, T0 + sec(210));
    expect(where(m)).toBe("w2:review");
    expect(m.live.records.w1).toEqual({ status: "done", spokenMs: 0, overtimeMs: 0 });

    m = step(m, NEXT, T0 + sec(220));
    expect(where(m)).toBe("evaluation");
    expect(m.live.records.w2).toEqual({ status: "done", spokenMs: 0, overtimeMs: 0 });

    m = step(m, NEXT, T0 + sec(230));
    expect(where(m)).toBe("closing:0");
    m = step(m, NEXT, T0 + sec(240));
    expect(where(m)).toBe("closing:1");
    m = step(m, NEXT, T0 + sec(250));
    expect(where(m)).toBe("closed");

    expectRefused(m, NEXT, T0 + sec(260));
  });

  it("passes over a speaker who was skipped", () => {
    let m = step(meeting(), NEXT, T0);
    m = step(m, skip("s2"), T0);
    m = walk(m, [NEXT, NEXT, NEXT], T0 + sec(1), sec(1));
    expect(where(m)).toBe("s3:ready");
    expect(m.live.records.s2?.status).toBe("skipped");
  });

  it("passes over a first speaker who was skipped before the meeting started", () => {
    const m = step(step(meeting(), skip("s1"), T0), NEXT, T0 + sec(1));
    expect(where(m)).toBe("s2:ready");
    expect(remaining(m, T0 + sec(1))).toBe(S2_LIMIT);
  });

  it("goes straight to item 2 when the roster is empty", () => {
    const m = step(meeting(undefined, []), NEXT, T0);
    expect(where(m)).toBe("evaluation");
  });
});

// ---- agenda.previous ----------------------------------------------------------------------

describe("agenda.previous undoes agenda.next", () => {
  it("from review goes back to reporting, removes the record and keeps the time spoken", () => {
    const review = step(walk(meeting(), [NEXT, NEXT], T0), NEXT, T0 + sec(200));
    const m = step(review, PREV, T0 + sec(210));
    expect(where(m)).toBe("s1:reporting");
    expect(m.live.records.s1).toBeUndefined();
    expect(remaining(m, T0 + sec(210))).toBe(sec(160));

    // The chair resumes the clock; the speech carries on from 3:20 spoken.
    const resumed = step(m, START, T0 + sec(300));
    const ended = step(resumed, NEXT, T0 + sec(330));
    expect(where(ended)).toBe("s1:review");
    expect(ended.live.records.s1).toEqual({ status: "done", spokenMs: sec(230), overtimeMs: 0 });
  });

  it("from reporting goes back to ready and keeps the elapsed time, paused", () => {
    const reporting = walk(meeting(), [NEXT, NEXT], T0);
    const m = step(reporting, PREV, T0 + sec(100));
    expect(where(m)).toBe("s1:ready");
    expect(m.live.timer.status).toBe("paused");
    expect(remaining(m, T0 + sec(100))).toBe(sec(260));
    expect(remaining(m, T0 + sec(900))).toBe(sec(260));
    expect(m.live.records.s1).toBeUndefined();

    // agenda.next resumes from there rather than from 6:00.
    const again = step(m, NEXT, T0 + sec(900));
    expect(where(again)).toBe("s1:reporting");
    expect(remaining(again, T0 + sec(910))).toBe(sec(250));
  });

  it("from the first speaker, ready, goes back to before the meeting", () => {
    const m = step(step(meeting(), NEXT, T0), PREV, T0 + sec(5));
    expect(where(m)).toBe("pending");
    expect(m.live.records).toEqual({});
  });

  it("from a speaker who is ready goes back to the previous speaker's 点评 with their time", () => {
    const m = step(afterFirstSpeech(), PREV, T0 + sec(410));
    expect(where(m)).toBe("s1:review");
    expect(m.live.records.s1).toEqual({ status: "done", spokenMs: sec(397), overtimeMs: sec(37) });
    expect(m.live.timer.status).not.toBe("running");
    expect(remaining(m, T0 + sec(2000))).toBe(-sec(37));
    // And forward again lands on the same speaker.
    expect(where(step(m, NEXT, T0 + sec(420)))).toBe("s2:ready");
  });

  it("from the first written unit goes back to the last on-site speaker's 点评", () => {
    const atW1 = walk(meeting(), nexts(10), T0, sec(10));
    expect(where(atW1)).toBe("w1:review");
    const m = step(atW1, PREV, T0 + sec(200));
    expect(where(m)).toBe("s3:review");
  });

  it("from the first written unit and forward again comes back to that written unit", () => {
    const atW1 = walk(meeting(), nexts(10), T0, sec(10));
    expect(where(atW1)).toBe("w1:review");
    const back = step(atW1, PREV, T0 + sec(200));
    const forward = step(back, NEXT, T0 + sec(210));
    expect(where(forward)).toBe("w1:review");
  });

  it("from item 2 goes back to the last unit on the roster", () => {
    const evaluation = step(meeting(), goto("evaluation"), T0);
    const m = step(evaluation, PREV, T0 + sec(1));
    expect(where(m)).toBe("w2:review");
  });

  it("steps back through the closing points to item 2", () => {
    const closed = walk(meeting({ cursor: { item: "evaluation" } }), [NEXT, NEXT, NEXT], T0);
    expect(where(closed)).toBe("closed");
    let m = step(closed, PREV, T0 + sec(1));
    expect(where(m)).toBe("closing:1");
    m = step(m, PREV, T0 + sec(2));
    expect(where(m)).toBe("closing:0");
    m = step(m, PREV, T0 + sec(3));
    expect(where(m)).toBe("evaluation");
  });

  it("is refused before the meeting has started", () => {
    expectRefused(meeting(), PREV, T0);
  });
});

// ---- agenda.goto ----------------------------------------------------------------------

describe("agenda.goto", () => {
  it("to item 1 from before the meeting opens the first speaker", () => {
    const m = step(meeting(), goto("reports"), T0);
    expect(where(m)).toBe("s1:ready");
    expect(remaining(m, T0)).toBe(LIMIT);
  });

  it("to item 2 during a speech ends and records that speech", () => {
    const reporting = step(afterFirstSpeech(), NEXT, T0 + sec(1000));
    const m = step(reporting, goto("evaluation"), T0 + sec(1250));
    expect(where(m)).toBe("evaluation");
    expect(m.live.records.s2).toEqual({ status: "done", spokenMs: sec(250), overtimeMs: sec(10) });
    expect(m.live.timer.status).toBe("idle");
  });

  it("to item 3 opens the first closing point and counts an opened written unit as reviewed", () => {
    const atW1 = step(meeting(), open("w1"), T0);
    const m = step(atW1, goto("closing"), T0 + sec(30));
    expect(where(m)).toBe("closing:0");
    expect(m.live.records.w1).toEqual({ status: "done", spokenMs: 0, overtimeMs: 0 });
  });

  it("back to item 1 resumes at the first speaker who has not reported", () => {
    let m = afterFirstSpeech();
    m = step(m, skip("s3"), T0 + sec(401));
    m = step(m, goto("evaluation"), T0 + sec(402));
    m = step(m, goto("reports"), T0 + sec(403));
    expect(where(m)).toBe("s2:ready");
    expect(remaining(m, T0 + sec(403))).toBe(S2_LIMIT);
  });

  it("back to item 1 when everyone is done shows the first speaker's 点评", () => {
    let m = walk(meeting(), nexts(12), T0, sec(10));
    expect(where(m)).toBe("evaluation");
    m = step(m, goto("reports"), T0 + sec(500));
    expect(where(m)).toBe("s1:review");
    expect(remaining(m, T0 + sec(500))).toBe(LIMIT - sec(10));
  });

  it("to the item already current changes nothing, even mid-speech", () => {
    const reporting = walk(meeting(), [NEXT, NEXT], T0);
    const m = step(reporting, goto("reports"), T0 + sec(60));
    expect(where(m)).toBe("s1:reporting");
    expect(m.live.timer.status).toBe("running");
    expect(m.live.records).toEqual({});
    expect(remaining(m, T0 + sec(100))).toBe(sec(260));
  });

  it("to item 1 is refused when the roster is empty", () => {
    expectRefused(meeting({ cursor: { item: "evaluation" } }, []), goto("reports"), T0);
  });
});

// ---- speaker.open ----------------------------------------------------------------------

describe("speaker.open", () => {
  it("opens a later speaker, ready, without recording the one left", () => {
    const m = step(step(meeting(), NEXT, T0), open("s2"), T0 + sec(5));
    expect(where(m)).toBe("s2:ready");
    expect(remaining(m, T0 + sec(5))).toBe(S2_LIMIT);
    expect(m.live.records.s1).toBeUndefined();
  });

  it("opening another speaker during a speech records the speech", () => {
    const reporting = walk(meeting(), [NEXT, NEXT], T0);
    const m = step(reporting, open("s3"), T0 + sec(380));
    expect(where(m)).toBe("s3:ready");
    expect(m.live.records.s1).toEqual({ status: "done", spokenMs: sec(380), overtimeMs: sec(20) });
  });

  it("opening a speaker who has reported shows their 点评 with the time they spoke", () => {
    const m = step(afterFirstSpeech(), open("s1"), T0 + sec(500));
    expect(where(m)).toBe("s1:review");
    expect(remaining(m, T0 + sec(900))).toBe(-sec(37));
  });

  it("opens a written unit for its 点评, with no running timer", () => {
    const m = step(meeting(), open("w2"), T0);
    expect(where(m)).toBe("w2:review");
    expect(m.live.timer.status).toBe("idle");
  });

  it("opens a speaker from item 2", () => {
    const m = step(meeting({ cursor: { item: "evaluation" } }), open("s3"), T0);
    expect(where(m)).toBe("s3:ready");
  });

  it("opening the current speaker changes nothing", () => {
    const reporting = walk(meeting(), [NEXT, NEXT], T0);
    const m = step(reporting, open("s1"), T0 + sec(50));
    expect(where(m)).toBe("s1:reporting");
    expect(remaining(m, T0 + sec(60))).toBe(sec(300));
  });

  it("is refused for a unit not on the roster", () => {
    expectRefused(step(meeting(), NEXT, T0), open("nobody"), T0, "not_found");
  });
});

// ---- speaker.skip ----------------------------------------------------------------------

describe("speaker.skip", () => {
  it("skipping the current speaker moves on to the next one", () => {
    const m = step(step(meeting(), NEXT, T0), skip("s1"), T0 + sec(5));
    expect(m.live.records.s1).toEqual({ status: "skipped", spokenMs: 0, overtimeMs: 0 });
    expect(where(m)).toBe("s2:ready");
    expect(remaining(m, T0 + sec(5))).toBe(S2_LIMIT);
  });

  it("skipping another speaker leaves the current speech alone", () => {
    const reporting = walk(meeting(), [NEXT, NEXT], T0);
    const m = step(reporting, skip("s2"), T0 + sec(60));
    expect(where(m)).toBe("s1:reporting");
    expect(m.live.timer.status).toBe("running");
    expect(remaining(m, T0 + sec(100))).toBe(sec(260));
    expect(m.live.records.s2?.status).toBe("skipped");

    const after = walk(m, [NEXT, NEXT], T0 + sec(300));
    expect(where(after)).toBe("s3:ready");
  });

  it("skipping the last on-site speaker moves on to the written units", () => {
    const m = step(step(meeting(), open("s3"), T0), skip("s3"), T0);
    expect(where(m)).toBe("w1:review");
  });

  it("skipping the last written unit moves on to item 2", () => {
    const m = step(step(meeting(), open("w2"), T0), skip("w2"), T0);
    expect(where(m)).toBe("evaluation");
    expect(m.live.records.w2?.status).toBe("skipped");
  });

  it("is refused for a speaker who has already reported", () => {
    expectRefused(afterFirstSpeech(), skip("s1"), T0 + sec(500));
  });

  it("is refused for the speaker who is reporting", () => {
    expectRefused(walk(meeting(), [NEXT, NEXT], T0), skip("s1"), T0 + sec(30));
  });

  it("is refused for a unit not on the roster", () => {
    expectRefused(meeting(), skip("nobody"), T0, "not_found");
  });
});

// ---- speaker.moveLater ----------------------------------------------------------------------

describe("speaker.moveLater", () => {
  it("moves the current speaker to the end of the on-site queue and opens the one who followed", () => {
    const ready = step(meeting(), NEXT, T0);
    const decision = decide(ready, moveLater("s1"), T0 + sec(5));
    expect(decision.rosterOrder).toEqual(["s2", "s3", "s1", "w1", "w2"]);

    let m = step(ready, moveLater("s1"), T0 + sec(5));
    expect(where(m)).toBe("s2:ready");
    expect(remaining(m, T0 + sec(5))).toBe(S2_LIMIT);
    expect(m.live.records.s1).toBeUndefined();

    // The moved speaker now reports after s3 and before the written units.
    m = walk(m, nexts(6), T0 + sec(10), sec(10));
    expect(where(m)).toBe("s1:ready");
    m = walk(m, [NEXT, NEXT, NEXT], T0 + sec(100), sec(10));
    expect(where(m)).toBe("w1:review");
  });

  it("moving someone else keeps the cursor where it is", () => {
    const ready = step(meeting(), NEXT, T0);
    const decision = decide(ready, moveLater("s2"), T0);
    expect(decision.rosterOrder).toEqual(["s1", "s3", "s2", "w1", "w2"]);
    const m = step(ready, moveLater("s2"), T0);
    expect(where(m)).toBe("s1:ready");
    expect(where(walk(m, [NEXT, NEXT, NEXT], T0 + sec(1), sec(100)))).toBe("s3:ready");
  });

  it("moves a written unit within the written queue only", () => {
    const decision = decide(meeting(), moveLater("w1"), T0);
    expect(decision.rosterOrder).toEqual(["s1", "s2", "s3", "w2", "w1"]);
  });

  it("opens the speaker who followed, not an earlier one still waiting", () => {
    // The chair opened s2 directly; s1 has not reported yet.
    const atS2 = step(meeting(), open("s2"), T0);
    const m = step(atS2, moveLater("s2"), T0 + sec(1));
    expect(where(m)).toBe("s3:ready");
    expect(m.roster.map((e) => e.id)).toEqual(["s1", "s3", "s2", "w1", "w2"]);
  });

  it("keeps the moved speaker on the stand when nobody after them is left to report on site", () => {
    // s1 has reported, s3 is absent (skipped); moving s2 later must not pass over s2 to the written units.
    const atS2 = step(afterFirstSpeech(), skip("s3"), T0 + sec(401));
    const m = step(atS2, moveLater("s2"), T0 + sec(402));
    expect(m.roster.map((e) => e.id)).toEqual(["s1", "s3", "s2", "w1", "w2"]);
    expect(where(m)).toBe("s2:ready");
    expect(m.live.records.s2).toBeUndefined();
  });

  it("moves a speaker who is ready with some time already on the clock", () => {
    const paused = step(walk(meeting(), [NEXT, NEXT], T0), PREV, T0 + sec(20));
    const m = step(paused, moveLater("s1"), T0 + sec(30));
    expect(where(m)).toBe("s2:ready");
    expect(m.live.timer.status).toBe("idle");
    expect(remaining(m, T0 + sec(30))).toBe(S2_LIMIT);
  });

  it("is refused for the last on-site speaker and the last written unit", () => {
    const ready = step(meeting(), NEXT, T0);
    expectRefused(ready, moveLater("s3"), T0);
    expectRefused(ready, moveLater("w2"), T0);
  });

  it("is refused for a speaker who has reported", () => {
    expectRefused(afterFirstSpeech(), moveLater("s1"), T0 + sec(500));
  });

  it("is refused for the speaker who is reporting", () => {
    expectRefused(walk(meeting(), [NEXT, NEXT], T0), moveLater("s1"), T0 + sec(10));
  });

  it("is refused for a unit not on the roster", () => {
    expectRefused(meeting(), moveLater("nobody"), T0, "not_found");
  });
});

// ---- timer commands ----------------------------------------------------------------------

describe("timer commands", () => {
  const ready = (): MeetingModel => step(meeting(), NEXT, T0);

  it("timer.start starts the speech from ready", () => {
    const m = step(ready(), START, T0 + sec(10));
    expect(where(m)).toBe("s1:reporting");
    expect(m.live.timer.status).toBe("running");
    expect(remaining(m, T0 + sec(70))).toBe(sec(300));
  });

  it("timer.pause freezes the countdown and keeps the speaker reporting", () => {
    const m = step(step(ready(), START, T0), PAUSE, T0 + sec(100));
    expect(where(m)).toBe("s1:reporting");
    expect(m.live.timer.status).toBe("paused");
    expect(remaining(m, T0 + sec(100))).toBe(sec(260));
    expect(remaining(m, T0 + sec(500))).toBe(sec(260));
  });

  it("timer.start after a pause resumes and accumulates the time spoken", () => {
    let m = step(ready(), START, T0);
    m = step(m, PAUSE, T0 + sec(100));
    m = step(m, START, T0 + sec(200));
    expect(m.live.timer.status).toBe("running");
    expect(remaining(m, T0 + sec(250))).toBe(sec(210));
    m = step(m, END, T0 + sec(500));
    expect(m.live.records.s1).toEqual({ status: "done", spokenMs: sec(400), overtimeMs: sec(40) });
  });

  it("timer.start is refused while the timer runs", () => {
    expectRefused(step(ready(), START, T0), START, T0 + sec(5));
  });

  it("timer.pause is refused when the timer is not running", () => {
    expectRefused(ready(), PAUSE, T0);
    expectRefused(step(step(ready(), START, T0), PAUSE, T0 + sec(5)), PAUSE, T0 + sec(6));
  });

  it("timer.adjust +1 min gives a speaker one more minute, also against overtime", () => {
    let m = step(ready(), START, T0);
    m = step(m, adjust(MINUTE), T0 + sec(330));
    expect(where(m)).toBe("s1:reporting");
    expect(remaining(m, T0 + sec(330))).toBe(sec(90));
    m = step(m, END, T0 + sec(400));
    expect(m.live.records.s1).toEqual({ status: "done", spokenMs: sec(400), overtimeMs: 0 });
  });

  it("timer.adjust -1 min takes a minute away", () => {
    let m = step(ready(), START, T0);
    m = step(m, adjust(-MINUTE), T0 + sec(10));
    expect(remaining(m, T0 + sec(10))).toBe(sec(290));
    m = step(m, END, T0 + sec(330));
    expect(m.live.records.s1).toEqual({ status: "done", spokenMs: sec(330), overtimeMs: sec(30) });
  });

  it("timer.adjust before the start changes the limit shown, still ready", () => {
    const m = step(ready(), adjust(MINUTE), T0);
    expect(where(m)).toBe("s1:ready");
    expect(m.live.timer.status).toBe("idle");
    expect(remaining(m, T0 + sec(100))).toBe(LIMIT + MINUTE);
  });

  it("timer.adjust is refused when it would take the limit below zero", () => {
    const s2 = step(meeting(), open("s2"), T0);
    expectRefused(s2, adjust(-S2_LIMIT - MINUTE), T0);

    // Down to exactly zero is allowed, one more minute is not.
    let m = step(ready(), START, T0);
    for (let i = 1; i <= 6; i += 1) m = step(m, adjust(-MINUTE), T0 + sec(i));
    expect(m.live.timer.limitMs).toBe(0);
    expect(remaining(m, T0 + sec(10))).toBe(-sec(10));
    expectRefused(m, adjust(-MINUTE), T0 + sec(10));
  });

  it("timer.reset puts the speaker back to ready with their own full limit", () => {
    let m = step(meeting(), open("s2"), T0);
    m = step(m, START, T0);
    m = step(m, adjust(MINUTE), T0 + sec(50));
    m = step(m, RESET, T0 + sec(100));
    expect(where(m)).toBe("s2:ready");
    expect(m.live.timer.status).toBe("idle");
    expect(remaining(m, T0 + sec(500))).toBe(S2_LIMIT);
    expect(m.live.records.s2).toBeUndefined();
  });

  it("timer.reset clears the time kept after going back to ready", () => {
    const paused = step(step(ready(), START, T0), PREV, T0 + sec(80));
    const m = step(paused, RESET, T0 + sec(90));
    expect(where(m)).toBe("s1:ready");
    expect(remaining(m, T0 + sec(90))).toBe(LIMIT);
  });

  it("timer.end ends the speech into its 点评 and records it", () => {
    const m = step(step(ready(), START, T0), END, T0 + sec(359));
    expect(where(m)).toBe("s1:review");
    expect(m.live.records.s1).toEqual({ status: "done", spokenMs: sec(359), overtimeMs: 0 });
  });

  it("timer.end on a paused speech records the time up to the pause", () => {
    let m = step(step(ready(), START, T0), PAUSE, T0 + sec(120));
    m = step(m, END, T0 + sec(600));
    expect(m.live.records.s1).toEqual({ status: "done", spokenMs: sec(120), overtimeMs: 0 });
  });

  it("timer.end is refused before the speech has started", () => {
    expectRefused(ready(), END, T0);
  });

  it("every timer command is refused outside a speech: before, in item 2, item 3, closed", () => {
    const commands = [START, PAUSE, RESET, END, adjust(MINUTE)];
    const places: MeetingModel[] = [
      meeting(),
      meeting({ cursor: { item: "evaluation" } }),
      meeting({ cursor: { item: "closing", point: 1 } }),
      meeting({ cursor: { item: "closed" } }),
    ];
    for (const m of places) for (const command of commands) expectRefused(m, command, T0);
  });

  it("every timer command is refused for a written unit", () => {
    const m = step(meeting(), open("w1"), T0);
    for (const command of [START, PAUSE, RESET, END, adjust(MINUTE)]) expectRefused(m, command, T0);
  });

  it("every timer command is refused during the 点评 after a speech", () => {
    const review = step(step(ready(), START, T0), END, T0 + sec(300));
    for (const command of [START, PAUSE, RESET, END, adjust(MINUTE)]) {
      expectRefused(review, command, T0 + sec(310));
    }
  });
});
