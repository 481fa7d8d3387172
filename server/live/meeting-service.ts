// The domain functions that sockets and HTTP both call: validate → decide (pure agenda
// engine) → persist → publish. Commands on one meeting run one at a time (the meeting's
// serial queue), so two chairs pressing → at once advance the meeting twice, never
// corrupt it, and a ballot never slips in beside the close of voting.
//
// The meeting as it stands is held in memory (live-meetings.ts) and decided on there; a
// command writes the new live state through to the store before anyone hears of it, and
// every screen then gets just what changed (a versioned delta, see domain/live-delta.ts).
import { applyCommand, type Decision } from "../domain/agenda";
import { commandSchema, type MeetingCommand } from "../domain/commands";
import { commentDeleteSchema, commentSaveSchema, type CommentView } from "../domain/comments";
import { invalidInput } from "../domain/invalid-input";
import { liveDelta, withLive, type LiveDelta } from "../domain/live-delta";
import { fail, ok, type Result } from "../domain/result";
import { meetingNow, modelOf, publishedResults, type MeetingSnapshot } from "../domain/snapshot";
import type { Tally } from "../domain/tally";
import { deleteComment, listComments, saveComment } from "./comment-data";
import type { Db } from "../platform/db";
import { freezeTally, type Tx } from "../voting/ballot-data";
import type { LiveMeetingRecord } from "./meeting-data";
import type { LiveMeetings } from "./live-meetings";
import type { MeetingStore } from "./meeting-store";
import type { SerialQueue } from "../platform/serial-queue";
import type { RecordLog } from "../records/record-data";
import { commandEvents, type RecordEvent } from "../records/record-events";
import { sha256 } from "../records/record-chain";
import { randomBytes } from "node:crypto";
import { canStartRehearsal } from "../domain/rehearsal";
import { rehearsalStartSchema } from "../domain/rehearsal-schema";
import { discardRehearsal, paperEntryCount, readRehearsalCopy, saveRehearsalCopy, scrubWal } from "./rehearsal-data";

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Where persisted changes go next (the socket rooms). */
export interface Publisher {
  /** The whole meeting: the roster, its texts or the published results changed. */
  meetingUpdated(snapshot: MeetingSnapshot): void;
  /** Only the live state changed. */
  livePatched(delta: LiveDelta): void;
  commentSaved(meetingId: string, comment: CommentView): void;
  commentDeleted(meetingId: string, id: string): void;
}

export type MeetingService = ReturnType<typeof createMeetingService>;

/** What closing and opening voting need from the 民主测评 side (see voting-service.ts). */
export interface VotingHooks {
  readyToOpen(snapshot: MeetingSnapshot): Promise<Result<null>>;
  onVotingOpened(tx: Tx, snapshot: MeetingSnapshot): Promise<void>;
  tallyForClose(snapshot: MeetingSnapshot): Promise<Result<Tally>>;
  /** After the close is stored (the WAL is checkpointed and truncated). */
  onVotingClosed(meetingId: string): Promise<void>;
  /** 结束彩排: ballots received in the rehearsal and not yet written are dropped, never counted. */
  onRehearsalEnded(meetingId: string): Promise<void>;
}

const NO_MEETING = "没有这个会议。";

/** The meeting after a decided command, computed in memory (the store is never read back). */
function decided(held: LiveMeetingRecord, decision: Decision, frozenTally: Tally | null): LiveMeetingRecord {
  const current = held.snapshot;
  let snapshot = withLive(current, decision.live, current.version + 1);
  if (decision.rosterOrder) {
    const byId = new Map(snapshot.roster.map((entry) => [entry.id, entry]));
    snapshot = { ...snapshot, roster: decision.rosterOrder.flatMap((id) => byId.get(id) ?? []) };
  }
  const results = publishedResults(decision.live, frozenTally);
  if (results !== snapshot.results) snapshot = { ...snapshot, results };
  return { snapshot, frozenTally };
}

export function createMeetingService(deps: {
  db: Db;
  clock: Clock;
  queue: SerialQueue;
  meetings: LiveMeetings;
  store: MeetingStore;
  publisher: Publisher;
  voting: VotingHooks;
  /** 会议纪实: every change is appended here after it is persisted and broadcast. */
  record: RecordLog;
}) {
  const { db, clock, queue: oneAtATime, meetings, store, publisher, voting, record } = deps;

  /**
   * Appends to the hash-chained record. The change itself is already durable and on every
   * screen; a failed append is logged, never turned into a failed command.
   */
  async function appendRecord(meetingId: string, at: number, events: RecordEvent[]): Promise<void> {
    try {
      await record.append(meetingId, at, events);
    } catch (error) {
      console.error("record append failed:", error);
    }
  }

  async function snapshot(meetingId: string): Promise<Result<MeetingSnapshot>> {
    const held = await meetings.get(meetingId);
    return held ? ok(held.snapshot) : fail("not_found", NO_MEETING);
  }

  /**
   * The persist point: the decided live state is durable before any screen hears of it.
   * Returns false when the stored version moved under us (another writer).
   */
  async function persist(meetingId: string, version: number, decision: Decision, effects: ((tx: Tx) => Promise<void>) | undefined, events: RecordEvent[], now: number): Promise<boolean> {
    try {
      // The hot path: the record's entries go in the same commit as the change.
      if (!decision.rosterOrder && !effects) {
        return await store.writeLive(meetingId, version, decision.live, events.length ? (tx) => record.appendWithin(tx, meetingId, now, events) : undefined);
      }
      const written = await store.writeLiveWith(meetingId, version, decision.live, decision.rosterOrder, effects);
      if (written) await appendRecord(meetingId, now, events);
      return written;
    } catch (error) {
      // The record's tail held in memory may be ahead of what was committed.
      record.forget(meetingId);
      throw error;
    }
  }

  /** Checks and side effects of the voting commands; null for every other command. */
  async function votingStep(command: MeetingCommand, current: MeetingSnapshot): Promise<Result<{ effects: (tx: Tx) => Promise<void>; tally: Tally | null }> | null> {
    if (command.type === "voting.open") {
      const ready = await voting.readyToOpen(current);
      if (!ready.ok) return ready;
      return ok({ effects: (tx) => voting.onVotingOpened(tx, current), tally: null });
    }
    if (command.type === "voting.close") {
      const tally = await voting.tallyForClose(current);
      if (!tally.ok) return tally;
      return ok({ effects: (tx) => freezeTally(tx, current.meeting.id, JSON.stringify(tally.data)), tally: tally.data });
    }
    return null;
  }

  function command(meetingId: string, input: unknown): Promise<Result<MeetingSnapshot>> {
    const parsed = commandSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalidInput(parsed.error));
    return oneAtATime(meetingId, async () => {
      const held = await meetings.get(meetingId);
      if (!held) return fail("not_found", NO_MEETING);
      const current = held.snapshot;
      const now = meetingNow(current, clock.now());
      const decision = applyCommand(modelOf(current), parsed.data, now);
      if (!decision.ok) return decision;
      const step = await votingStep(parsed.data, current);
      if (step && !step.ok) return step;
      const frozen = step?.data.tally ?? held.frozenTally;
      // A rehearsal leaves nothing in the record but its start and end (彩排开始 / 彩排结束).
      const events = current.live.rehearsal ? [] : commandEvents(parsed.data, current, decision.data.live, now, frozen);
      if (!(await persist(meetingId, current.version, decision.data, step?.data.effects, events, now))) {
        // Changed elsewhere: read it afresh before the next command.
        meetings.forget(meetingId);
        return fail("conflict", "会议状态已被其他操作更新，请重试。");
      }
      const next = decided(held, decision.data, frozen);
      meetings.put(meetingId, next);
      // A new speaking order or published results go out whole; anything else as a delta.
      if (decision.data.rosterOrder || next.snapshot.results !== current.results) publisher.meetingUpdated(next.snapshot);
      else publisher.livePatched(liveDelta(meetingId, current.version, current.live, next.snapshot.live));
      if (parsed.data.type === "voting.close") await voting.onVotingClosed(meetingId);
      return ok(next.snapshot);
    });
  }

  /** While a 彩排 runs, nothing it does enters the 会议纪实. */
  async function rehearsing(meetingId: string): Promise<boolean> {
    return Boolean((await meetings.get(meetingId))?.snapshot.live.rehearsal);
  }

  async function comments(meetingId: string): Promise<Result<CommentView[]>> {
    return ok(await listComments(db, meetingId));
  }

  async function saveCommentEntry(meetingId: string, input: unknown): Promise<Result<CommentView>> {
    const parsed = commentSaveSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    const saved = await saveComment(db, meetingId, parsed.data);
    if (!saved) return fail("not_found", "名单中没有该单位，点评未保存。");
    publisher.commentSaved(meetingId, saved);
    if (await rehearsing(meetingId)) return ok(saved);
    // A fingerprint of the text, not the text: the record proves what was saved when, the 纪要 holds the words.
    await appendRecord(meetingId, clock.now(), [
      { type: "comment.saved", data: { commentId: saved.id, speakerId: saved.speakerId, tag: saved.tag, contentSha256: sha256(saved.text) } },
    ]);
    return ok(saved);
  }

  async function deleteCommentEntry(meetingId: string, input: unknown): Promise<Result<{ id: string }>> {
    const parsed = commentDeleteSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    const deleted = await deleteComment(db, meetingId, parsed.data.id);
    publisher.commentDeleted(meetingId, parsed.data.id);
    if (deleted && !(await rehearsing(meetingId))) await appendRecord(meetingId, clock.now(), [{ type: "comment.deleted", data: { commentId: parsed.data.id } }]);
    return ok({ id: parsed.data.id });
  }

  /** The frozen tally, for the chair once voting is closed (published or not). */
  async function results(meetingId: string): Promise<Result<Tally>> {
    const held = await meetings.get(meetingId);
    if (!held) return fail("not_found", NO_MEETING);
    return held.frozenTally ? ok(held.frozenTally) : fail("illegal", "测评结束后才有结果。");
  }

  /**
   * 开始彩排: the real meeting, with its real codes and links, runs as a rehearsal on its own
   * clock (1× or 10×) until 结束彩排. What 结束彩排 puts back is kept first, in the same
   * transaction. Refused once the real meeting has started, or while a rehearsal runs.
   */
  function startRehearsal(meetingId: string, input: unknown): Promise<Result<MeetingSnapshot>> {
    const parsed = rehearsalStartSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalidInput(parsed.error));
    return oneAtATime(meetingId, async () => {
      const held = await meetings.get(meetingId);
      if (!held) return fail("not_found", NO_MEETING);
      const current = held.snapshot;
      const allowed = canStartRehearsal(current.live);
      if (!allowed.ok) return allowed;
      if ((await paperEntryCount(db, meetingId)) > 0) return fail("illegal", "已录入纸质票，会议已开始，不能再彩排。");
      const live = {
        ...current.live,
        rehearsal: { speed: parsed.data.speed, startedAt: clock.now(), epoch: randomBytes(9).toString("base64url") },
      };
      const order = current.roster.map((entry) => entry.id);
      // The record notes that a rehearsal ran: its time and speed, nothing of what it does.
      const events: RecordEvent[] = [{ type: "rehearsal.started", data: { speed: live.rehearsal.speed } }];
      const saved = await persist(meetingId, current.version, { live }, (tx) => saveRehearsalCopy(tx, meetingId, current.live, order), events, live.rehearsal.startedAt);
      if (!saved) {
        meetings.forget(meetingId);
        return fail("conflict", "会议状态已被其他操作更新，请重试。");
      }
      const next = decided(held, { live }, held.frozenTally);
      meetings.put(meetingId, next);
      publisher.meetingUpdated(next.snapshot);
      return ok(next.snapshot);
    });
  }

  /**
   * 结束彩排: the meeting exactly as it was before the rehearsal, and what the rehearsal
   * wrote gone from the tables, the database file and its WAL.
   */
  function endRehearsal(meetingId: string): Promise<Result<MeetingSnapshot>> {
    return oneAtATime(meetingId, async () => {
      const held = await meetings.get(meetingId);
      if (!held) return fail("not_found", NO_MEETING);
      const current = held.snapshot;
      if (!current.live.rehearsal) return fail("illegal", "没有正在进行的彩排。");
      const copy = await readRehearsalCopy(db, meetingId);
      if (!copy) return fail("internal", "找不到彩排前的会议状态，无法结束彩排。");
      await voting.onRehearsalEnded(meetingId);
      // Units added or removed in /setup meanwhile keep their place; the rest go back in the order kept.
      const present = current.roster.map((entry) => entry.id);
      const kept = new Set(copy.order);
      const order = [...copy.order.filter((id) => present.includes(id)), ...present.filter((id) => !kept.has(id))];
      const { rehearsal: _ended, ...restored } = copy.live;
      const events: RecordEvent[] = [{ type: "rehearsal.ended", data: { speed: current.live.rehearsal.speed } }];
      const saved = await persist(meetingId, current.version, { live: restored, rosterOrder: order }, (tx) => discardRehearsal(tx, meetingId, copy), events, clock.now());
      if (!saved) {
        meetings.forget(meetingId);
        return fail("conflict", "会议状态已被其他操作更新，请重试。");
      }
      if (!(await scrubWal(db))) console.error(`结束彩排: the WAL of meeting ${meetingId} could not be checkpointed yet`);
      // Read afresh: counters, paper rounds, the frozen tally and the progress all changed.
      const next = await meetings.reload(meetingId);
      if (!next) return fail("not_found", NO_MEETING);
      publisher.meetingUpdated(next.snapshot);
      return ok(next.snapshot);
    });
  }

  return { snapshot, command, startRehearsal, endRehearsal, results, comments, saveComment: saveCommentEntry, deleteComment: deleteCommentEntry, now: () => clock.now() };
}

