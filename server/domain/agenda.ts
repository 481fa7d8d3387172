// The agenda engine: a pure state machine. It takes the meeting (roster, settings, live
// state), one chair command and the server clock, and returns the next live state or a
// refusal with a reason. No sockets, HTTP or Prisma here; callers persist and broadcast.
import type { MeetingCommand } from "./commands";
import type { Cursor, LiveState, MeetingModel, RosterEntry } from "./meeting-types";
import { isPending, nextPendingAfter } from "./pending";
import { fail, ok, type Result } from "./result";
import { adjustTimer, elapsedMs, frozenTimer, idleTimer, pauseTimer, startTimer } from "./timer";

export interface Decision {
  live: LiveState;
  /** Present when the command changed the speaking order: every speaker id, in order. */
  rosterOrder?: string[];
}

export function applyCommand(model: MeetingModel, command: MeetingCommand, now: number): Result<Decision> {
  switch (command.type) {
    case "agenda.next":
      return next(model, now);
    case "agenda.previous":
      return previous(model, now);
    case "agenda.goto":
      return gotoItem(model, command.item, now);
    case "speaker.open":
      return openSpeaker(model, command.speakerId, now);
    case "speaker.skip":
      return skipSpeaker(model, command.speakerId, now);
    case "speaker.moveLater":
      return moveSpeakerLater(model, command.speakerId, now);
    case "timer.start":
    case "timer.pause":
    case "timer.reset":
    case "timer.end":
    case "timer.adjust":
      return timerCommand(model, command, now);
    case "voting.open":
    case "voting.close":
    case "results.publish":
    case "results.hide":
      return votingCommand(model, command);
    default: {
      const unknown: never = command;
      return fail("invalid", `未知指令：${JSON.stringify(unknown)}`);
    }
  }
}

// ---- reading the model ------------------------------------------------------------

function limitFor(model: MeetingModel, entry: RosterEntry): number {
  return entry.limitMs ?? model.settings.limitMs;
}

function findEntry(model: MeetingModel, speakerId: string): RosterEntry | undefined {
  return model.roster.find((e) => e.id === speakerId);
}

/** The roster entry the cursor is on, when it is on one. */
export function currentEntry(model: MeetingModel): RosterEntry | undefined {
  const cursor = model.live.cursor;
  return cursor.item === "reports" ? findEntry(model, cursor.speakerId) : undefined;
}

// ---- moving the cursor --------------------------------------------------------------

/** The live state with the cursor on `entry`, at the stage its record implies. */
function enter(model: MeetingModel, live: LiveState, entry: RosterEntry): LiveState {
  const limit = limitFor(model, entry);
  const record = live.records[entry.id];
  if (entry.mode === "written") {
    return { ...live, cursor: { item: "reports", speakerId: entry.id, stage: "review" }, timer: idleTimer(limit) };
  }
  if (record?.status === "done") {
    return {
      ...live,
      cursor: { item: "reports", speakerId: entry.id, stage: "review" },
      timer: frozenTimer(limit, record.spokenMs),
    };
  }
  return { ...live, cursor: { item: "reports", speakerId: entry.id, stage: "ready" }, timer: idleTimer(limit) };
}

/** Ends a running or paused speech, recording the time spoken and the overtime. */
function finishSpeech(live: LiveState, entry: RosterEntry, now: number): LiveState {
  const timer = pauseTimer(live.timer, now);
  const spokenMs = elapsedMs(timer, now);
  return {
    ...live,
    cursor: { item: "reports", speakerId: entry.id, stage: "review" },
    timer,
    records: {
      ...live.records,
      [entry.id]: { status: "done", spokenMs, overtimeMs: Math.max(0, spokenMs - timer.limitMs) },
    },
  };
}

/**
 * The live state once the cursor leaves the current speaker: a speech in progress is
 * ended and recorded; a written report that was opened counts as reviewed.
 */
function leave(model: MeetingModel, live: LiveState, now: number): LiveState {
  const cursor = live.cursor;
  if (cursor.item !== "reports") return live;
  const entry = findEntry(model, cursor.speakerId);
  if (!entry) return live;
  if (cursor.stage === "reporting") return finishSpeech(live, entry, now);
  if (entry.mode === "written" && live.records[entry.id] === undefined) {
    return { ...live, records: { ...live.records, [entry.id]: { status: "done", spokenMs: 0, overtimeMs: 0 } } };
  }
  return live;
}

function withCursor(model: MeetingModel, live: LiveState, cursor: Cursor): LiveState {
  return { ...live, cursor, timer: idleTimer(model.settings.limitMs) };
}

/** After the speaker at `index`: the next pending one, else agenda item 2. */
function advanceFrom(model: MeetingModel, live: LiveState, index: number): LiveState {
  const following = nextPendingAfter(model, live, index);
  return following ? enter(model, live, following) : withCursor(model, live, { item: "evaluation" });
}

function lastClosingPoint(model: MeetingModel): number {
  return Math.max(0, model.closingPointCount - 1);
}

function next(model: MeetingModel, now: number): Result<Decision> {
  const live = model.live;
  const cursor = live.cursor;
  switch (cursor.item) {
    case "pending":
      return ok({ live: advanceFrom(model, live, -1) });
    case "reports": {
      const index = model.roster.findIndex((e) => e.id === cursor.speakerId);
      const entry = model.roster[index];
      if (!entry) return ok({ live: advanceFrom(model, live, -1) });
      if (cursor.stage === "ready") {
        return ok({ live: { ...live, cursor: { ...cursor, stage: "reporting" }, timer: startTimer(live.timer, now) } });
      }
      if (cursor.stage === "reporting") return ok({ live: finishSpeech(live, entry, now) });
      return ok({ live: advanceFrom(model, leave(model, live, now), index) });
    }
    case "evaluation":
      return ok({ live: withCursor(model, live, { item: "closing", point: 0 }) });
    case "closing":
      return ok({
        live: withCursor(
          model,
          live,
          cursor.point < lastClosingPoint(model) ? { item: "closing", point: cursor.point + 1 } : { item: "closed" },
        ),
      });
    case "closed":
      return fail("illegal", "会议已结束，没有下一项。");
    default: {
      const unknown: never = cursor;
      return fail("internal", `未知议程位置：${JSON.stringify(unknown)}`);
    }
  }
}

/** The previous speaker's last stage, or "not started" before the first one. */
function backToEntryBefore(model: MeetingModel, live: LiveState, index: number): LiveState {
  const before = model.roster[index - 1];
  return before ? enter(model, live, before) : withCursor(model, live, { item: "pending" });
}

function previous(model: MeetingModel, now: number): Result<Decision> {
  const live = model.live;
  const cursor = live.cursor;
  switch (cursor.item) {
    case "pending":
      return fail("illegal", "会议尚未开始，没有上一项。");
    case "reports": {
      const index = model.roster.findIndex((e) => e.id === cursor.speakerId);
      const entry = model.roster[index];
      if (!entry) return ok({ live: backToEntryBefore(model, live, model.roster.length) });
      if (cursor.stage === "reporting") {
        // Keeps the time already spoken: the chair can resume, or reset on purpose.
        return ok({ live: { ...live, cursor: { ...cursor, stage: "ready" }, timer: pauseTimer(live.timer, now) } });
      }
      if (cursor.stage === "review" && entry.mode === "onsite") {
        const records = { ...live.records };
        delete records[entry.id];
        return ok({ live: { ...live, cursor: { ...cursor, stage: "reporting" }, records } });
      }
      // Going back does not count an opened written report as reviewed; going on does.
      return ok({ live: backToEntryBefore(model, live, index) });
    }
    case "evaluation":
      return ok({ live: backToEntryBefore(model, live, model.roster.length) });
    case "closing":
      return ok({
        live: withCursor(model, live, cursor.point > 0 ? { item: "closing", point: cursor.point - 1 } : { item: "evaluation" }),
      });
    case "closed":
      return ok({ live: withCursor(model, live, { item: "closing", point: lastClosingPoint(model) }) });
    default: {
      const unknown: never = cursor;
      return fail("internal", `未知议程位置：${JSON.stringify(unknown)}`);
    }
  }
}

function gotoItem(model: MeetingModel, item: "reports" | "evaluation" | "closing", now: number): Result<Decision> {
  const cursor = model.live.cursor;
  if (cursor.item === item) return ok({ live: model.live });
  const live = leave(model, model.live, now);
  switch (item) {
    case "reports": {
      const target = model.roster.find((e) => isPending(live, e)) ?? model.roster[0];
      if (!target) return fail("illegal", "名单为空，没有可述职的单位。");
      return ok({ live: enter(model, live, target) });
    }
    case "evaluation":
      return ok({ live: withCursor(model, live, { item: "evaluation" }) });
    case "closing":
      return ok({ live: withCursor(model, live, { item: "closing", point: 0 }) });
    default: {
      const unknown: never = item;
      return fail("invalid", `未知议程：${String(unknown)}`);
    }
  }
}

function openSpeaker(model: MeetingModel, speakerId: string, now: number): Result<Decision> {
  const entry = findEntry(model, speakerId);
  if (!entry) return fail("not_found", "名单中没有该单位。");
  const cursor = model.live.cursor;
  if (cursor.item === "reports" && cursor.speakerId === speakerId) return ok({ live: model.live });
  return ok({ live: enter(model, leave(model, model.live, now), entry) });
}

function skipSpeaker(model: MeetingModel, speakerId: string, now: number): Result<Decision> {
  const index = model.roster.findIndex((e) => e.id === speakerId);
  const entry = model.roster[index];
  if (!entry) return fail("not_found", "名单中没有该单位。");
  const live = model.live;
  if (live.records[speakerId]?.status === "done") return fail("illegal", `${entry.unit}已述职，不能跳过。`);
  const cursor = live.cursor;
  const isCurrent = cursor.item === "reports" && cursor.speakerId === speakerId;
  if (isCurrent && cursor.stage === "reporting") return fail("illegal", "正在述职，请先结束计时再跳过。");
  const skipped: LiveState = {
    ...live,
    records: { ...live.records, [speakerId]: { status: "skipped", spokenMs: 0, overtimeMs: 0 } },
  };
  return ok({ live: isCurrent ? advanceFrom(model, skipped, index) : skipped });
}

/** Moves a speaker who is not ready (e.g. not yet in the hall) to the end of their queue. */
function moveSpeakerLater(model: MeetingModel, speakerId: string, now: number): Result<Decision> {
  const index = model.roster.findIndex((e) => e.id === speakerId);
  const entry = model.roster[index];
  if (!entry) return fail("not_found", "名单中没有该单位。");
  const live = model.live;
  if (live.records[speakerId]?.status === "done") return fail("illegal", `${entry.unit}已述职，不能后移。`);
  const cursor = live.cursor;
  const isCurrent = cursor.item === "reports" && cursor.speakerId === speakerId;
  if (isCurrent && cursor.stage === "reporting") return fail("illegal", "正在述职，请先结束计时再后移。");
  const lastOfMode = model.roster.findLastIndex((e) => e.mode === entry.mode);
  if (lastOfMode === index) return fail("illegal", `${entry.unit}已在最后，无法后移。`);

  const roster = [...model.roster];
  roster.splice(index, 1);
  roster.splice(lastOfMode, 0, entry);
  const moved: MeetingModel = { ...model, roster };
  // The speaker who followed now stands at `index`; the cursor moves there.
  const nextLive = isCurrent ? advanceFrom(moved, live, index - 1) : live;
  return ok({ live: nextLive, rosterOrder: roster.map((e) => e.id) });
}

function timerCommand(
  model: MeetingModel,
  command: Extract<MeetingCommand, { type: `timer.${string}` }>,
  now: number,
): Result<Decision> {
  const live = model.live;
  const cursor = live.cursor;
  const entry = currentEntry(model);
  if (cursor.item !== "reports" || !entry) return fail("illegal", "当前不在述职环节，没有计时。");
  if (entry.mode === "written") return fail("illegal", "书面述职不计时。");
  if (cursor.stage === "review") return fail("illegal", "本次述职已结束；按 ← 回到述职可继续计时。");

  switch (command.type) {
    case "timer.start":
      if (live.timer.status === "running") return fail("illegal", "计时已在进行。");
      return ok({ live: { ...live, cursor: { ...cursor, stage: "reporting" }, timer: startTimer(live.timer, now) } });
    case "timer.pause":
      if (live.timer.status !== "running") return fail("illegal", "计时未在进行，无法暂停。");
      return ok({ live: { ...live, timer: pauseTimer(live.timer, now) } });
    case "timer.adjust": {
      const adjusted = adjustTimer(live.timer, command.deltaMs);
      if (adjusted.limitMs < 0) return fail("illegal", "时限不能小于零。");
      return ok({ live: { ...live, timer: adjusted } });
    }
    case "timer.reset":
      return ok({ live: { ...live, cursor: { ...cursor, stage: "ready" }, timer: idleTimer(limitFor(model, entry)) } });
    case "timer.end":
      if (cursor.stage !== "reporting") return fail("illegal", "尚未开始计时，无法结束。");
      return ok({ live: finishSpeech(live, entry, now) });
    default: {
      const unknown: never = command;
      return fail("invalid", `未知计时指令：${JSON.stringify(unknown)}`);
    }
  }
}

/**
 * Opening and closing 民主测评 and publishing its result. Closing here only flips the
 * status; the service freezes the tally in the same transaction.
 */
function votingCommand(
  model: MeetingModel,
  command: Extract<MeetingCommand, { type: `voting.${string}` | `results.${string}` }>,
): Result<Decision> {
  const live = model.live;
  const voting = live.voting;
  switch (command.type) {
    case "voting.open":
      if (voting.status === "open") return fail("illegal", "测评已在进行。");
      if (voting.status === "closed") return fail("illegal", "测评已结束，结果已冻结，不能再次开始。");
      if (live.cursor.item !== "evaluation") return fail("illegal", "请先进入第二项议程（民主测评）再开始测评。");
      return ok({ live: { ...live, voting: { ...voting, status: "open" } } });
    case "voting.close":
      if (voting.status !== "open") return fail("illegal", "测评未在进行，无法结束。");
      return ok({ live: { ...live, voting: { ...voting, status: "closed" } } });
    case "results.publish":
      if (voting.status !== "closed") return fail("illegal", "测评结束后才能公布结果。");
      if (voting.published) return fail("illegal", "结果已在投影上公布。");
      return ok({ live: { ...live, voting: { ...voting, published: true } } });
    case "results.hide":
      if (!voting.published) return fail("illegal", "结果未公布。");
      return ok({ live: { ...live, voting: { ...voting, published: false } } });
    default: {
      const unknown: never = command;
      return fail("invalid", `未知测评指令：${JSON.stringify(unknown)}`);
    }
  }
}
