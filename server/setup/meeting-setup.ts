// Meetings and their texts: the organisers' list, one meeting's preparation view, creating
// a meeting or copying last year's, and editing the title, agenda texts and time limits.
import { fail, ok, type Result } from "../domain/result";
import { createMeeting as insertMeeting } from "../live/meeting-data";
import type { Tx } from "../voting/ballot-data";
import { commentCountsBySpeaker, listLotDraws } from "./roster-data";
import { change, currentMeeting, invalid, NO_MEETING, type SetupContext } from "./setup-context";
import { copyMeeting as insertCopy, listSetupMeetings, seatCounts, updateMeetingFields, writeLive, type MeetingFields } from "./setup-data";
import { meetingStarted, refreshIdleTimer, setupLocks } from "./setup-rules";
import {
  copyMeetingSchema,
  DEFAULT_AGENDA,
  meetingPatchSchema,
  newMeetingSchema,
  type LotDrawView,
  type SetupMeetingRow,
  type SetupView,
} from "./setup-schemas";

export async function view(ctx: SetupContext, meetingId: string): Promise<Result<SetupView>> {
  const snapshot = await currentMeeting(ctx, meetingId);
  if (!snapshot) return fail("not_found", NO_MEETING);
  const [draws, commentCounts, seats] = await Promise.all([
    listLotDraws(ctx.db, meetingId),
    commentCountsBySpeaker(ctx.db, meetingId),
    seatCounts(ctx.db, meetingId),
  ]);
  const comments = Object.values(commentCounts).reduce((a, b) => a + b, 0);
  return ok({
    snapshot,
    lotDraws: draws.map((d): LotDrawView => ({ id: d.id, drawnAt: d.drawnAt.toISOString(), units: d.units })),
    commentCounts,
    seatCount: seats.count,
    locks: setupLocks(snapshot, { seatsUsed: seats.used, comments }),
  });
}

export async function meetings(ctx: SetupContext): Promise<SetupMeetingRow[]> {
  const rows = await listSetupMeetings(ctx.db);
  return rows.map(({ live, createdAt, ...row }) => ({
    ...row,
    createdAt: createdAt.toISOString(),
    status: !live || !meetingStarted(live) ? "pending" : live.cursor.item === "closed" ? "closed" : "live",
  }));
}

export async function createMeeting(ctx: SetupContext, input: unknown): Promise<Result<{ id: string }>> {
  const parsed = newMeetingSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { title, date, venue, expectedVoters } = parsed.data;
  const meeting = await insertMeeting(ctx.db, {
    title,
    date,
    venue,
    chairName: "",
    guests: "",
    reportsTitle: DEFAULT_AGENDA.reports.title,
    reportsText: DEFAULT_AGENDA.reports.text,
    evaluationTitle: DEFAULT_AGENDA.evaluation.title,
    evaluationText: DEFAULT_AGENDA.evaluation.text,
    closingTitle: DEFAULT_AGENDA.closing.title,
    closingText: DEFAULT_AGENDA.closing.text,
    closingPoints: [],
    limitMs: 6 * 60_000,
    warningMs: 60_000,
    expectedVoters,
    speakers: [],
  });
  ctx.directory.add(meeting);
  return ok({ id: meeting.id });
}

export async function copyMeeting(ctx: SetupContext, sourceId: string, input: unknown): Promise<Result<{ id: string }>> {
  const parsed = copyMeetingSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const copy = await insertCopy(ctx.db, sourceId, parsed.data);
  if (!copy) return fail("not_found", NO_MEETING);
  // Looking the copy up puts its 会议码 and tokens in the handshake index.
  await ctx.directory.byId(copy.id);
  return ok(copy);
}

export function updateMeeting(ctx: SetupContext, meetingId: string, input: unknown): Promise<Result<null>> {
  const parsed = meetingPatchSchema.safeParse(input);
  if (!parsed.success) return Promise.resolve(invalid(parsed.error));
  const patch = parsed.data;
  return change(ctx, meetingId, (current) => {
    const limitMs = patch.limitMs ?? current.meeting.limitMs;
    const warningMs = patch.warningMs ?? current.meeting.warningMs;
    if (warningMs >= limitMs) return fail("invalid", "提醒时间应短于述职时限");
    const cursor = current.live.cursor;
    if (patch.closingPoints && cursor.item === "closing" && cursor.point >= patch.closingPoints.length && patch.closingPoints.length > 0) {
      return fail("illegal", "书记讲话正在进行，不能删除正在讲或已讲过的要点。");
    }
    const { agenda, ...rest } = patch;
    const fields: MeetingFields = {
      ...rest,
      ...(agenda && {
        reportsTitle: agenda.reports.title,
        reportsText: agenda.reports.text,
        evaluationTitle: agenda.evaluation.title,
        evaluationText: agenda.evaluation.text,
        closingTitle: agenda.closing.title,
        closingText: agenda.closing.text,
      }),
    };
    return ok(async (tx: Tx) => {
      await updateMeetingFields(tx, meetingId, fields);
      const live = refreshIdleTimer(current.live, limitMs, current.roster);
      if (live !== current.live) await writeLive(tx, meetingId, live);
      return null;
    });
  });
}
