import { DEFAULT_RATING_LEVELS } from "./evaluation-setup";
import { describe, expect, it } from "vitest";
import { applyCommand } from "./agenda";
import type { MeetingCommand } from "./commands";
import { initialLiveState, type Cursor, type LiveState, type SpeakerRecord } from "./meeting-types";
import { hallState, modelOf, type MeetingInfo, type MeetingSnapshot, type RosterView } from "./snapshot";
import { frozenTimer, idleTimer, startTimer } from "./timer";

const LIMIT = 360_000;
const S2_LIMIT = 240_000;
const WARNING = 60_000;
const T0 = 1_750_000_000_000;

function sec(s: number): number {
  return s * 1000;
}

const MEETING: MeetingInfo = {
  id: "m-2024",
  title: "2024年度基层党组织书记抓基层党建工作述职评议会",
  date: "2025-01-10",
  venue: "区委第一会议室",
  chairName: "陈书记",
  guests: "",
  agenda: {
    reports: { title: "述职、点评", text: "" },
    evaluation: { title: "民主测评", text: "" },
    closing: { title: "书记讲话", text: "" },
  },
  closingPoints: [
    { title: "要始终坚持政治引领", body: "" },
    { title: "要持续夯实基层基础", body: "" },
  ],
  limitMs: LIMIT,
  warningMs: WARNING,
  ratingLevels: DEFAULT_RATING_LEVELS,
  voterCategories: [],
  rankingRule: { abstainCounts: true, rankBy: "score" },
  expectedVoters: 40,
};

function rosterView(
  id: string,
  unit: string,
  name: string,
  mode: RosterView["mode"],
  limitMs: number | null = null,
): RosterView {
  return { id, unit, name, title: "书记", mode, limitMs, reportText: "", attachment: null, record: null, evaluated: true };
}

const ROSTER: RosterView[] = [
  rosterView("s1", "城关街道党工委", "张伟", "onsite"),
  rosterView("s2", "河西镇党委", "李娜", "onsite", S2_LIMIT),
  rosterView("s3", "东城街道党工委", "王强", "onsite"),
  rosterView("w1", "区直机关工委", "赵敏", "written"),
  rosterView("w2", "区财政局党组", "刘洋", "written"),
];

function snapshot(live: Partial<LiveState> = {}): MeetingSnapshot {
  return {
    version: 7,
    meeting: structuredClone(MEETING),
    roster: structuredClone(ROSTER),
    live: { ...initialLiveState({ limitMs: LIMIT, warningMs: WARNING }), ...live },
    progress: { expected: 40, electronic: 0, paperIssued: 0, paperReturned: 0, paperEntered: 0 },
    results: null,
  };
}

function onSpeaker(speakerId: string, stage: "ready" | "reporting" | "review"): Cursor {
  return { item: "reports", speakerId, stage };
}

const DONE: SpeakerRecord = { status: "done", spokenMs: sec(300), overtimeMs: 0 };
const SKIPPED: SpeakerRecord = { status: "skipped", spokenMs: 0, overtimeMs: 0 };

describe("hallState before the meeting", () => {
  it("shows the meeting about to start and the first speaker as next", () => {
    const hall = hallState(snapshot(), T0);
    expect(hall.meetingId).toBe("m-2024");
    expect(hall.title).toBe(MEETING.title);
    expect(hall.version).toBe(7);
    expect(hall.item).toEqual({ key: "pending", number: null, title: "会议即将开始" });
    expect(hall.stage).toBeNull();
    expect(hall.speaker).toBeNull();
    expect(hall.next).toEqual({ id: "s1", name: "张伟", unit: "城关街道党工委", title: "书记", mode: "onsite" });
    expect(hall.closingPoint).toBeNull();
    expect(hall.timer).toMatchObject({ status: "idle", remainingMs: LIMIT, phase: "normal" });
  });

  it("does not announce a first speaker who was skipped as next", () => {
    const hall = hallState(snapshot({ records: { s1: SKIPPED } }), T0);
    expect(hall.next?.id).toBe("s2");
  });
});

describe("hallState during item 1 (述职、点评)", () => {
  const speech = (): MeetingSnapshot =>
    snapshot({ cursor: onSpeaker("s1", "reporting"), timer: startTimer(idleTimer(LIMIT), T0) });

  it("shows item 一, the speaker on the stand and who is next", () => {
    const hall = hallState(speech(), T0 + sec(10));
    expect(hall.item).toEqual({ key: "reports", number: 1, title: "述职、点评" });
    expect(hall.stage).toBe("reporting");
    expect(hall.speaker).toEqual({ id: "s1", name: "张伟", unit: "城关街道党工委", title: "书记", mode: "onsite" });
    expect(hall.next?.id).toBe("s2");
    expect(hall.closingPoint).toBeNull();
  });

  it("counts down in the normal phase with plenty of time left", () => {
    const hall = hallState(speech(), T0 + sec(90));
    expect(hall.timer).toEqual({
      status: "running",
      limitMs: LIMIT,
      elapsedMs: sec(90),
      remainingMs: sec(270),
      warningMs: WARNING,
      phase: "normal",
      computedAt: T0 + sec(90),
    });
  });

  it("turns to the warning phase from 1:00 left", () => {
    expect(hallState(speech(), T0 + sec(299)).timer).toMatchObject({ remainingMs: sec(61), phase: "normal" });
    expect(hallState(speech(), T0 + sec(300)).timer).toMatchObject({ remainingMs: sec(60), phase: "warning" });
    expect(hallState(speech(), T0 + sec(359)).timer).toMatchObject({ remainingMs: sec(1), phase: "warning" });
  });

  it("turns to overtime at zero and counts the overtime as negative remaining time", () => {
    expect(hallState(speech(), T0 + sec(360)).timer).toMatchObject({ remainingMs: 0, phase: "overtime" });
    const hall = hallState(speech(), T0 + sec(397));
    expect(hall.timer).toMatchObject({ remainingMs: -sec(37), elapsedMs: sec(397), phase: "overtime" });
  });

  it("gives the same figures from a snapshot read back from JSON (restarted server)", () => {
    const restored = JSON.parse(JSON.stringify(speech())) as MeetingSnapshot;
    expect(hallState(restored, T0 + sec(330))).toEqual(hallState(speech(), T0 + sec(330)));
    expect(hallState(restored, T0 + sec(330)).timer.remainingMs).toBe(sec(30));
  });

  it("shows a speaker's own limit while they are ready", () => {
    const hall = hallState(
      snapshot({ cursor: onSpeaker("s2", "ready"), timer: idleTimer(S2_LIMIT), records: { s1: DONE } }),
      T0 + sec(1000),
    );
    expect(hall.speaker?.id).toBe("s2");
    expect(hall.stage).toBe("ready");
    expect(hall.next?.id).toBe("s3");
    expect(hall.timer).toMatchObject({ status: "idle", limitMs: S2_LIMIT, remainingMs: S2_LIMIT, phase: "normal" });
  });

  it("keeps showing the finished speech's overtime during the 点评", () => {
    const hall = hallState(
      snapshot({
        cursor: onSpeaker("s1", "review"),
        timer: frozenTimer(LIMIT, sec(397)),
        records: { s1: { status: "done", spokenMs: sec(397), overtimeMs: sec(37) } },
      }),
      T0 + sec(5000),
    );
    expect(hall.stage).toBe("review");
    expect(hall.timer).toMatchObject({ remainingMs: -sec(37), phase: "overtime" });
    expect(hall.next?.id).toBe("s2");
  });

  it("announces as next the first speaker still to report, passing skipped and done ones", () => {
    const hall = hallState(
      snapshot({ cursor: onSpeaker("s1", "ready"), timer: idleTimer(LIMIT), records: { s2: SKIPPED, s3: DONE } }),
      T0,
    );
    expect(hall.next?.id).toBe("w1");
    expect(hall.next?.mode).toBe("written");
  });

  it("announces the first written unit after the last on-site speaker", () => {
    const hall = hallState(snapshot({ cursor: onSpeaker("s3", "reporting"), timer: startTimer(idleTimer(LIMIT), T0) }), T0);
    expect(hall.next).toEqual({ id: "w1", name: "赵敏", unit: "区直机关工委", title: "书记", mode: "written" });
  });

  it("announces nobody after the last written unit", () => {
    const hall = hallState(snapshot({ cursor: onSpeaker("w2", "review"), timer: idleTimer(LIMIT) }), T0);
    expect(hall.speaker?.unit).toBe("区财政局党组");
    expect(hall.speaker?.mode).toBe("written");
    expect(hall.stage).toBe("review");
    expect(hall.next).toBeNull();
  });
});

describe("hallState during items 2 and 3", () => {
  it("shows item 二 with no speaker", () => {
    const hall = hallState(snapshot({ cursor: { item: "evaluation" } }), T0);
    expect(hall.item).toEqual({ key: "evaluation", number: 2, title: "民主测评" });
    expect(hall.speaker).toBeNull();
    expect(hall.next).toBeNull();
    expect(hall.stage).toBeNull();
    expect(hall.closingPoint).toBeNull();
  });

  it("shows item 三 and the closing point being made", () => {
    const first = hallState(snapshot({ cursor: { item: "closing", point: 0 } }), T0);
    expect(first.item).toEqual({ key: "closing", number: 3, title: "书记讲话" });
    expect(first.closingPoint).toEqual({ index: 0, title: "要始终坚持政治引领" });

    const second = hallState(snapshot({ cursor: { item: "closing", point: 1 } }), T0);
    expect(second.closingPoint).toEqual({ index: 1, title: "要持续夯实基层基础" });
    expect(second.speaker).toBeNull();
  });

  it("shows no closing point when the meeting has none", () => {
    const bare = snapshot({ cursor: { item: "closing", point: 0 } });
    bare.meeting.closingPoints = [];
    const hall = hallState(bare, T0);
    expect(hall.item.number).toBe(3);
    expect(hall.closingPoint).toBeNull();
  });

  it("shows the meeting closed", () => {
    const hall = hallState(snapshot({ cursor: { item: "closed" } }), T0);
    expect(hall.item).toEqual({ key: "closed", number: null, title: "会议结束" });
    expect(hall.speaker).toBeNull();
    expect(hall.next).toBeNull();
    expect(hall.closingPoint).toBeNull();
  });
});

describe("hallState follows the agenda engine", () => {
  /** Applies chair commands to the snapshot as the server would. */
  function run(start: MeetingSnapshot, steps: Array<[MeetingCommand, number]>): MeetingSnapshot {
    return steps.reduce((snap, [command, now]) => {
      const result = applyCommand(modelOf(snap), command, now);
      if (!result.ok) throw new Error(result.error.message);
      return { ...snap, version: snap.version + 1, live: result.data.live };
    }, start);
  }

  it("shows the projector what the chair did", () => {
    const snap = run(snapshot(), [
      [{ type: "agenda.next" }, T0],
      [{ type: "timer.start" }, T0 + sec(5)],
      [{ type: "timer.adjust", deltaMs: 60_000 }, T0 + sec(100)],
    ]);
    const hall = hallState(snap, T0 + sec(365));
    expect(hall.version).toBe(10);
    expect(hall.speaker?.id).toBe("s1");
    expect(hall.stage).toBe("reporting");
    // 6:00 + 1:00 − 6:00 spoken.
    expect(hall.timer).toMatchObject({ remainingMs: sec(60), phase: "warning" });
  });
});
