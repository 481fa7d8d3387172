// The 民主测评 setup: who is evaluated, the levels, voter categories and 应到人数, and the
// seats (their number, fresh codes, and each seat's category).
import { fail, ok, type Result } from "../domain/result";
import type { Tx } from "../voting/ballot-data";
import { setEvaluated } from "./roster-data";
import { change, currentMeeting, invalid, NO_MEETING, type SetupContext } from "./setup-context";
import { clearUnknownSeatCategories, resizeSeats, seatCounts, setSeatCategories, updateEvaluationSetup } from "./setup-data";
import { setupLocks } from "./setup-rules";
import { evaluationSetupSchema, seatCategoriesSchema, seatCountSchema } from "./setup-schemas";

export function updateEvaluation(ctx: SetupContext, meetingId: string, input: unknown): Promise<Result<null>> {
  const parsed = evaluationSetupSchema.safeParse(input);
  if (!parsed.success) return Promise.resolve(invalid(parsed.error));
  const setup = parsed.data;
  return change(ctx, meetingId, (current) => {
    const locks = setupLocks(current, { seatsUsed: 0, comments: 0 });
    if (locks.evaluation) return fail("illegal", locks.evaluation);
    const ids = new Set(current.roster.map((e) => e.id));
    if (Object.keys(setup.evaluated).some((id) => !ids.has(id))) return fail("conflict", "名单刚被修改过：请刷新页面后再保存测评设置。");
    const evaluatedCount = current.roster.filter((e) => setup.evaluated[e.id] ?? e.evaluated).length;
    if (current.roster.length > 0 && evaluatedCount === 0) return fail("invalid", "至少要有一个参加测评的单位。");
    return ok(async (tx: Tx) => {
      await updateEvaluationSetup(tx, meetingId, setup);
      await setEvaluated(tx, meetingId, setup.evaluated);
      await clearUnknownSeatCategories(tx, meetingId, setup.voterCategories.map((c) => c.id));
      return null;
    });
  });
}

/**
 * Seats are not part of the snapshot, so no version bump; they still go through the
 * queue, which ballots use too, so "nobody has voted yet" holds when the codes change.
 */
export function setSeats(ctx: SetupContext, meetingId: string, input: unknown): Promise<Result<{ count: number }>> {
  const parsed = seatCountSchema.safeParse(input);
  if (!parsed.success) return Promise.resolve(invalid(parsed.error));
  const { count, regenerate } = parsed.data;
  return ctx.queue(meetingId, async () => {
    const current = await currentMeeting(ctx, meetingId);
    if (!current) return fail("not_found", NO_MEETING);
    const seats = await seatCounts(ctx.db, meetingId);
    const locks = setupLocks(current, { seatsUsed: seats.used, comments: 0 });
    // Adding seats for late arrivals stays possible: it voids no card and reveals nothing.
    if (locks.seats && (regenerate || count < seats.count)) return fail("illegal", locks.seats);
    await ctx.db.$transaction((tx) => resizeSeats(tx, meetingId, count, regenerate));
    return ok({ count });
  });
}

export function assignSeatCategories(ctx: SetupContext, meetingId: string, input: unknown): Promise<Result<{ updated: number }>> {
  const parsed = seatCategoriesSchema.safeParse(input);
  if (!parsed.success) return Promise.resolve(invalid(parsed.error));
  const { assignments } = parsed.data;
  return ctx.queue(meetingId, async () => {
    const current = await currentMeeting(ctx, meetingId);
    if (!current) return fail("not_found", NO_MEETING);
    const locks = setupLocks(current, { seatsUsed: 0, comments: 0 });
    if (locks.evaluation) return fail("illegal", locks.evaluation);
    const known = new Set(current.meeting.voterCategories.map((c) => c.id));
    const unknown = assignments.find((a) => a.categoryId !== null && !known.has(a.categoryId));
    if (unknown) return fail("invalid", "没有这个测评人类别：请先在“民主测评”中设置类别。");
    const updated = await ctx.db.$transaction((tx) => setSeatCategories(tx, meetingId, assignments));
    return ok({ updated });
  });
}
