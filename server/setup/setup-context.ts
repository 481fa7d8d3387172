// What every preparation change needs, and the one way a change runs: in the meeting's
// serial queue (the one the chair's commands and the ballots use, so a unit removed on the
// day never races the chair pressing → or a ballot), decided on the meeting as it stands,
// written with the meeting's version bump in one transaction, then sent to every screen.
import type { z } from "zod";
import { fail, ok, type DomainError, type ErrorCode, type Result } from "../domain/result";
import type { MeetingSnapshot } from "../domain/snapshot";
import type { LiveMeetings } from "../live/live-meetings";
import type { MeetingDirectory } from "../live/meeting-directory";
import type { Db } from "../platform/db";
import type { SerialQueue } from "../platform/serial-queue";
import type { Tx } from "../voting/ballot-data";
import type { ConvertDocx } from "../attachments/report-conversion";
import type { ContentStore } from "../attachments/attachment-content-data";
import { bumpVersion } from "./setup-data";

export interface SetupContext {
  db: Db;
  queue: SerialQueue;
  /** The meetings as they stand (the live side's copy). */
  meetings: LiveMeetings;
  /** Told of every meeting created or copied, for the handshake check. */
  directory: MeetingDirectory;
  /** Reads the changed meeting afresh and sends it to every screen of the meeting. */
  publishMeeting: (meetingId: string) => Promise<void>;
  now: () => number;
  /** .docx → sanitised HTML, off the event loop (attachments/report-conversion.ts). */
  convertDocx: ConvertDocx;
  /** Report files' bytes, in pieces (attachments/attachment-content-data.ts). */
  content: ContentStore;
  /** 0..n-1; crypto by default, injectable for tests. */
  random: (n: number) => number;
}

export const NO_MEETING = "没有这个会议。";
export const NO_SPEAKER = "名单中没有该单位（可能刚被移除），请刷新页面。";

/** A refusal found inside a transaction: rolls the transaction back and becomes a Result. */
class Refusal extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

export function refuse(code: ErrorCode, message: string): never {
  throw new Refusal({ code, message });
}

/** The decision on the current meeting: a refusal, or the writes to make. */
export type Plan<T> = Result<(tx: Tx) => Promise<T>>;

export async function currentMeeting(ctx: SetupContext, meetingId: string): Promise<MeetingSnapshot | null> {
  return (await ctx.meetings.get(meetingId))?.snapshot ?? null;
}

/**
 * Runs one change in the meeting's queue: `plan` decides on the current snapshot, then
 * its write and the version bump commit together, then every screen gets the new snapshot.
 */
export function change<T>(ctx: SetupContext, meetingId: string, plan: (current: MeetingSnapshot) => Plan<T> | Promise<Plan<T>>): Promise<Result<T>> {
  return ctx.queue(meetingId, async () => {
    const current = await currentMeeting(ctx, meetingId);
    if (!current) return fail("not_found", NO_MEETING);
    const decided = await plan(current);
    if (!decided.ok) return decided;
    let value: T;
    try {
      value = await ctx.db.$transaction(async (tx) => {
        const result = await decided.data(tx);
        await bumpVersion(tx, meetingId);
        return result;
      });
    } catch (error) {
      if (error instanceof Refusal) return { ok: false, error: error.error };
      throw error;
    }
    await ctx.publishMeeting(meetingId);
    return ok(value);
  });
}

const FIELD_NAMES: Record<string, string> = {
  title: "标题",
  date: "日期",
  venue: "地点",
  limitMs: "时限",
  warningMs: "提醒时间",
  closingPoints: "讲话要点",
  agenda: "议程",
  unit: "单位",
  name: "姓名",
  mode: "述职方式",
  reportText: "述职材料",
  evaluated: "参加测评",
  order: "顺序",
  ratingLevels: "测评档次",
  voterCategories: "测评人类别",
  expectedVoters: "应到人数",
  label: "名称",
  weight: "分值/权重",
  count: "座位数",
  assignments: "座位类别",
  scope: "抽签范围",
  includeReports: "复制述职材料",
};

/** The schemas' own messages are Chinese; zod's built-in ones (English) become a Chinese one naming the field. */
export function invalid<T>(error: z.ZodError): Result<T> {
  const issue = error.issues[0];
  if (!issue) return fail("invalid", "输入无效。");
  if (/[\u4e00-\u9fff]/.test(issue.message)) return fail("invalid", issue.message);
  if (issue.code === "unrecognized_keys") return fail("invalid", `输入无效：不认识的字段 ${issue.keys.join("、")}`);
  const field = [...issue.path].reverse().find((part): part is string => typeof part === "string");
  return fail("invalid", `输入无效：${field ? (FIELD_NAMES[field] ?? field) : "请求内容"}格式不正确。`);
}
