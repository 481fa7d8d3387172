// The roster, by hand: adding, editing and removing units, the speaking order (drag or
// Alt+↑/↓) and 抽签. Each change runs through change() (setup-context.ts) and is decided by
// the rules in setup-rules.ts, so it reaches every screen at once, also on the day.
import type { DomainError } from "../domain/result";
import { fail, ok, type Result } from "../domain/result";
import { unitKey } from "../roster-import/roster-values";
import type { Tx } from "../voting/ballot-data";
import {
  countComments,
  createSpeaker,
  deleteSpeaker,
  recordLotDraw,
  softRemoveSpeaker,
  updateSpeaker as writeSpeaker,
  writeOrder,
  type SpeakerInput,
} from "./roster-data";
import { change, invalid, NO_SPEAKER, type SetupContext } from "./setup-context";
import { writeLive } from "./setup-data";
import { drawLots as shuffleRoster, insertionIndex, refreshIdleTimer, removalDecision, setupLocks, speakerChangeRefusal, withoutRecord } from "./setup-rules";
import { lotDrawSchema, newSpeakerSchema, rosterOrderSchema, speakerPatchSchema, type LotDrawView } from "./setup-schemas";

/** A removal that needs the organiser's explicit confirmation (`confirm: true`). */
export interface ConfirmRequired {
  ok: false;
  error: DomainError;
  confirmRequired: true;
}

export function addSpeaker(ctx: SetupContext, meetingId: string, input: unknown): Promise<Result<{ id: string }>> {
  const parsed = newSpeakerSchema.safeParse(input);
  if (!parsed.success) return Promise.resolve(invalid(parsed.error));
  const speaker: SpeakerInput = parsed.data;
  return change(ctx, meetingId, (current) => {
    const locks = setupLocks(current, { seatsUsed: 0, comments: 0 });
    if (locks.roster) return fail("illegal", locks.roster);
    const duplicate = current.roster.find((e) => unitKey(e.unit) === unitKey(speaker.unit));
    if (duplicate) return fail("invalid", `单位已在名单中：${duplicate.unit}`);
    const at = insertionIndex(current.roster, speaker.mode);
    return ok(async (tx: Tx) => {
      const id = await createSpeaker(tx, meetingId, speaker, current.roster.length);
      const order = current.roster.map((e) => e.id);
      order.splice(at, 0, id);
      await writeOrder(tx, meetingId, order);
      return { id };
    });
  });
}

export function updateSpeaker(ctx: SetupContext, meetingId: string, speakerId: string, input: unknown): Promise<Result<null>> {
  const parsed = speakerPatchSchema.safeParse(input);
  if (!parsed.success) return Promise.resolve(invalid(parsed.error));
  const patch = parsed.data;
  return change(ctx, meetingId, (current) => {
    const entry = current.roster.find((e) => e.id === speakerId);
    if (!entry) return fail("not_found", NO_SPEAKER);
    const refusal = speakerChangeRefusal(current.live, entry, patch);
    if (refusal) return fail("illegal", refusal);
    if (patch.unit !== undefined) {
      const duplicate = current.roster.find((e) => e.id !== speakerId && unitKey(e.unit) === unitKey(patch.unit ?? ""));
      if (duplicate) return fail("invalid", `单位已在名单中：${duplicate.unit}`);
    }
    return ok(async (tx: Tx) => {
      await writeSpeaker(tx, meetingId, speakerId, patch);
      if (patch.limitMs !== undefined) {
        const roster = current.roster.map((e) => (e.id === speakerId ? { ...e, limitMs: patch.limitMs ?? null } : e));
        const live = refreshIdleTimer(current.live, current.meeting.limitMs, roster);
        if (live !== current.live) await writeLive(tx, meetingId, live);
      }
      return null;
    });
  });
}

export function removeSpeaker(ctx: SetupContext, meetingId: string, speakerId: string, confirmed: boolean): Promise<Result<{ removed: string }> | ConfirmRequired> {
  let confirmMessage: string | null = null;
  const result = change(ctx, meetingId, async (current) => {
    const entry = current.roster.find((e) => e.id === speakerId);
    if (!entry) return fail("not_found", NO_SPEAKER);
    const decision = removalDecision(current.live, entry, await countComments(ctx.db, meetingId, speakerId), confirmed);
    if (decision.kind === "refused") return fail("illegal", decision.message);
    if (decision.kind === "confirm") {
      confirmMessage = decision.message;
      return fail("illegal", decision.message);
    }
    const keep = decision.keep;
    return ok(async (tx: Tx) => {
      // 点评 are saved outside the queue: look again inside the transaction, and keep the
      // unit (taken off the agenda only) as soon as it has any.
      if (keep || (await countComments(tx, meetingId, speakerId)) > 0) {
        await softRemoveSpeaker(tx, meetingId, speakerId);
      } else {
        await deleteSpeaker(tx, meetingId, speakerId);
        const live = withoutRecord(current.live, speakerId);
        if (live !== current.live) await writeLive(tx, meetingId, live);
      }
      await writeOrder(tx, meetingId, current.roster.filter((e) => e.id !== speakerId).map((e) => e.id));
      return { removed: entry.unit };
    });
  });
  return result.then((r) => (!r.ok && confirmMessage !== null ? { ok: false, error: r.error, confirmRequired: true } : r));
}

export function reorder(ctx: SetupContext, meetingId: string, input: unknown): Promise<Result<null>> {
  const parsed = rosterOrderSchema.safeParse(input);
  if (!parsed.success) return Promise.resolve(invalid(parsed.error));
  const { order } = parsed.data;
  return change(ctx, meetingId, (current) => {
    const lock = setupLocks(current, { seatsUsed: 0, comments: 0 }).order;
    if (lock) return fail("illegal", lock);
    const ids = new Set(current.roster.map((e) => e.id));
    if (order.length !== ids.size || !order.every((id) => ids.has(id))) {
      return fail("conflict", "名单刚被修改过，顺序未保存：请刷新页面后再调整。");
    }
    return ok(async (tx: Tx) => {
      await writeOrder(tx, meetingId, order);
      return null;
    });
  });
}

export function drawLots(ctx: SetupContext, meetingId: string, input: unknown): Promise<Result<LotDrawView>> {
  const parsed = lotDrawSchema.safeParse(input ?? {});
  if (!parsed.success) return Promise.resolve(invalid(parsed.error));
  const { scope } = parsed.data;
  return change(ctx, meetingId, (current) => {
    const locks = setupLocks(current, { seatsUsed: 0, comments: 0 });
    if (locks.lots) return fail("illegal", locks.lots);
    const candidates = current.roster.filter((e) => scope === "all" || e.mode === "onsite");
    if (candidates.length < 2) return fail("illegal", scope === "all" ? "名单中至少要有两个单位才能抽签。" : "至少要有两个现场述职单位才能抽签。");
    const drawn = shuffleRoster(current.roster, scope, ctx.random);
    return ok(async (tx: Tx) => {
      await writeOrder(tx, meetingId, drawn.order);
      const row = await recordLotDraw(tx, meetingId, drawn.drawnUnits, new Date(ctx.now()));
      return { id: row.id, drawnAt: row.drawnAt.toISOString(), units: row.units };
    });
  });
}
