// The domain functions that sockets and HTTP both call: validate → decide (pure agenda
// engine) → persist → publish. Commands on one meeting run one at a time (the meeting's
// serial queue), so two chairs pressing → at once advance the meeting twice, never
// corrupt it, and a ballot never slips in beside the close of voting.
import { applyCommand } from "../domain/agenda";
import { commandSchema } from "../domain/commands";
import { commentDeleteSchema, commentSaveSchema, type CommentView } from "../domain/comments";
import { invalidInput } from "../domain/invalid-input";
import { fail, ok, type Result } from "../domain/result";
import { modelOf, type MeetingSnapshot } from "../domain/snapshot";
import { deleteComment, listComments, saveComment } from "./comment-data";
import type { Db } from "../platform/db";
import { freezeTally, type Tx } from "../voting/ballot-data";
import { frozenTally, loadSnapshot, saveLive } from "./meeting-data";
import type { Tally } from "../domain/tally";
import type { SerialQueue } from "../platform/serial-queue";

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Where persisted changes go next (the socket rooms). */
export interface Publisher {
  meetingUpdated(snapshot: MeetingSnapshot): void;
  commentSaved(meetingId: string, comment: CommentView): void;
  commentDeleted(meetingId: string, id: string): void;
}

export type MeetingService = ReturnType<typeof createMeetingService>;

/** What closing and opening voting need from the 民主测评 side (see voting-service.ts). */
export interface VotingHooks {
  readyToOpen(snapshot: MeetingSnapshot): Promise<Result<null>>;
  onVotingOpened(tx: Tx, snapshot: MeetingSnapshot): Promise<void>;
  tallyForClose(snapshot: MeetingSnapshot): Promise<Result<Tally>>;
}

export function createMeetingService(deps: { db: Db; clock: Clock; queue: SerialQueue; publisher: Publisher; voting: VotingHooks }) {
  const { db, clock, queue: oneAtATime, publisher, voting } = deps;

  async function snapshot(meetingId: string): Promise<Result<MeetingSnapshot>> {
    const found = await loadSnapshot(db, meetingId);
    return found ? ok(found) : fail("not_found", "没有这个会议。");
  }

  function command(meetingId: string, input: unknown): Promise<Result<MeetingSnapshot>> {
    const parsed = commandSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalidInput(parsed.error));
    return oneAtATime(meetingId, async () => {
      const current = await loadSnapshot(db, meetingId);
      if (!current) return fail("not_found", "没有这个会议。");
      const decision = applyCommand(modelOf(current), parsed.data, clock.now());
      if (!decision.ok) return decision;
      let effects: ((tx: Tx) => Promise<void>) | undefined;
      if (parsed.data.type === "voting.open") {
        const ready = await voting.readyToOpen(current);
        if (!ready.ok) return ready;
        effects = (tx) => voting.onVotingOpened(tx, current);
      }
      if (parsed.data.type === "voting.close") {
        const tally = await voting.tallyForClose(current);
        if (!tally.ok) return tally;
        effects = (tx) => freezeTally(tx, meetingId, JSON.stringify(tally.data));
      }
      const version = await saveLive(db, meetingId, current.version, decision.data.live, decision.data.rosterOrder, effects);
      if (version === null) return fail("conflict", "会议状态已被其他操作更新，请重试。");
      const next = await loadSnapshot(db, meetingId);
      if (!next) return fail("not_found", "没有这个会议。");
      publisher.meetingUpdated(next);
      return ok(next);
    });
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
    return ok(saved);
  }

  async function deleteCommentEntry(meetingId: string, input: unknown): Promise<Result<{ id: string }>> {
    const parsed = commentDeleteSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    await deleteComment(db, meetingId, parsed.data.id);
    publisher.commentDeleted(meetingId, parsed.data.id);
    return ok({ id: parsed.data.id });
  }

  /** The frozen tally, for the chair once voting is closed (published or not). */
  async function results(meetingId: string): Promise<Result<Tally>> {
    const tally = await frozenTally(db, meetingId);
    return tally ? ok(tally) : fail("illegal", "测评结束后才有结果。");
  }

  return { snapshot, command, results, comments, saveComment: saveCommentEntry, deleteComment: deleteCommentEntry, now: () => clock.now() };
}
