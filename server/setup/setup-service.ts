// Meeting preparation (会前准备) and changes on the day: validate → decide (setup-rules) →
// persist with the meeting's version bump in one transaction → publish. Every change to a
// meeting runs in that meeting's serial queue, the one the chair's commands and the ballots
// use, so a unit removed on the day never races the chair pressing → or a ballot.
import { randomInt } from "node:crypto";
import type { z } from "zod";
import { fail, ok, type DomainError, type ErrorCode, type Result } from "../domain/result";
import type { MeetingSnapshot } from "../domain/snapshot";
import { readReportFile } from "../attachments/report-file";
import type { Tx } from "../voting/ballot-data";
import type { Db } from "../platform/db";
import { createMeeting as insertMeeting, loadSnapshot } from "../live/meeting-data";
import {
  commentCountsBySpeaker,
  countComments,
  createSpeaker,
  createSpeakers,
  deleteAllSpeakers,
  deleteAttachment,
  deleteSpeaker, softRemoveSpeaker,
  listLotDraws,
  recordLotDraw,
  saveAttachment,
  setEvaluated,
  updateSpeaker as writeSpeaker,
  writeOrder,
  type SpeakerInput,
} from "./roster-data";
import {
  bumpVersion,
  clearUnknownSeatCategories,
  copyMeeting as insertCopy,
  listSetupMeetings,
  resizeSeats,
  seatCounts,
  setSeatCategories,
  updateEvaluationSetup,
  updateMeetingFields,
  writeLive,
  type MeetingFields,
} from "./setup-data";
import { importableRows, parseRoster, type ImportSource, type RosterPreview, type RowProblem } from "../roster-import/parse-roster";
import { unitKey } from "../roster-import/roster-values";
import type { SerialQueue } from "../platform/serial-queue";
import {
  appendConflicts,
  drawLots as shuffleRoster,
  insertionIndex,
  meetingStarted,
  orderImportedRows,
  refreshIdleTimer,
  removalDecision,
  setupLocks,
  speakerChangeRefusal,
  withoutRecord,
} from "./setup-rules";
import {
  copyMeetingSchema,
  DEFAULT_AGENDA,
  evaluationSetupSchema,
  lotDrawSchema,
  meetingPatchSchema,
  newMeetingSchema,
  newSpeakerSchema,
  rosterOrderSchema,
  seatCategoriesSchema,
  seatCountSchema,
  speakerPatchSchema,
  type ImportMode,
  type LotDrawView,
  type SetupMeetingRow,
  type SetupView,
} from "./setup-schemas";

const NO_MEETING = "没有这个会议。";
const NO_SPEAKER = "名单中没有该单位（可能刚被移除），请刷新页面。";

/** A refusal found inside a transaction: rolls the transaction back and becomes a Result. */
class Refusal extends Error {
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

function refuse(code: ErrorCode, message: string): never {
  throw new Refusal({ code, message });
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
function invalid<T>(error: z.ZodError): Result<T> {
  const issue = error.issues[0];
  if (!issue) return fail("invalid", "输入无效。");
  if (/[\u4e00-\u9fff]/.test(issue.message)) return fail("invalid", issue.message);
  if (issue.code === "unrecognized_keys") return fail("invalid", `输入无效：不认识的字段 ${issue.keys.join("、")}`);
  const field = [...issue.path].reverse().find((part): part is string => typeof part === "string");
  return fail("invalid", `输入无效：${field ? (FIELD_NAMES[field] ?? field) : "请求内容"}格式不正确。`);
}

/** A removal that needs the organiser's explicit confirmation (`confirm: true`). */
export interface ConfirmRequired {
  ok: false;
  error: DomainError;
  confirmRequired: true;
}

export interface ImportPreview {
  preview: RosterPreview;
  /** Rows an "追加" would leave out because their unit is already on the roster. */
  appendConflicts: RowProblem[];
  /** Units on the roster now. */
  existing: number;
}

export interface SetupDeps {
  db: Db;
  queue: SerialQueue;
  /** Sends the meeting's fresh snapshot to every screen of the meeting. */
  publishMeeting: (meetingId: string) => Promise<void>;
  now: () => number;
  /** 0..n-1; crypto by default, injectable for tests. */
  random?: (n: number) => number;
}

export type SetupService = ReturnType<typeof createSetupService>;

export function createSetupService(deps: SetupDeps) {
  const { db, queue, publishMeeting, now } = deps;
  const random = deps.random ?? ((n: number) => randomInt(n));

  type Plan<T> = Result<(tx: Tx) => Promise<T>>;

  /**
   * Runs one change in the meeting's queue: `plan` decides on the current snapshot, then
   * its write and the version bump commit together, then every screen gets the new snapshot.
   */
  function change<T>(meetingId: string, plan: (current: MeetingSnapshot) => Plan<T> | Promise<Plan<T>>): Promise<Result<T>> {
    return queue(meetingId, async () => {
      const current = await loadSnapshot(db, meetingId);
      if (!current) return fail("not_found", NO_MEETING);
      const decided = await plan(current);
      if (!decided.ok) return decided;
      let value: T;
      try {
        value = await db.$transaction(async (tx) => {
          const result = await decided.data(tx);
          await bumpVersion(tx, meetingId);
          return result;
        });
      } catch (error) {
        if (error instanceof Refusal) return { ok: false, error: error.error };
        throw error;
      }
      await publishMeeting(meetingId);
      return ok(value);
    });
  }

  async function view(meetingId: string): Promise<Result<SetupView>> {
    const snapshot = await loadSnapshot(db, meetingId);
    if (!snapshot) return fail("not_found", NO_MEETING);
    const [draws, commentCounts, seats] = await Promise.all([
      listLotDraws(db, meetingId),
      commentCountsBySpeaker(db, meetingId),
      seatCounts(db, meetingId),
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

  async function meetings(): Promise<SetupMeetingRow[]> {
    const rows = await listSetupMeetings(db);
    return rows.map(({ live, createdAt, ...row }) => ({
      ...row,
      createdAt: createdAt.toISOString(),
      status: !live || !meetingStarted(live) ? "pending" : live.cursor.item === "closed" ? "closed" : "live",
    }));
  }

  async function createMeeting(input: unknown): Promise<Result<{ id: string }>> {
    const parsed = newMeetingSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const { title, date, venue, expectedVoters } = parsed.data;
    const meeting = await insertMeeting(db, {
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
    return ok({ id: meeting.id });
  }

  async function copyMeeting(sourceId: string, input: unknown): Promise<Result<{ id: string }>> {
    const parsed = copyMeetingSchema.safeParse(input);
    if (!parsed.success) return invalid(parsed.error);
    const copy = await insertCopy(db, sourceId, parsed.data);
    return copy ? ok(copy) : fail("not_found", NO_MEETING);
  }

  function updateMeeting(meetingId: string, input: unknown): Promise<Result<null>> {
    const parsed = meetingPatchSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalid(parsed.error));
    const patch = parsed.data;
    return change(meetingId, (current) => {
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

  function addSpeaker(meetingId: string, input: unknown): Promise<Result<{ id: string }>> {
    const parsed = newSpeakerSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalid(parsed.error));
    const speaker: SpeakerInput = parsed.data;
    return change(meetingId, (current) => {
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

  function updateSpeaker(meetingId: string, speakerId: string, input: unknown): Promise<Result<null>> {
    const parsed = speakerPatchSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalid(parsed.error));
    const patch = parsed.data;
    return change(meetingId, (current) => {
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

  function removeSpeaker(meetingId: string, speakerId: string, confirmed: boolean): Promise<Result<{ removed: string }> | ConfirmRequired> {
    let confirmMessage: string | null = null;
    const result = change(meetingId, async (current) => {
      const entry = current.roster.find((e) => e.id === speakerId);
      if (!entry) return fail("not_found", NO_SPEAKER);
      const decision = removalDecision(current.live, entry, await countComments(db, meetingId, speakerId), confirmed);
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

  function reorder(meetingId: string, input: unknown): Promise<Result<null>> {
    const parsed = rosterOrderSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalid(parsed.error));
    const { order } = parsed.data;
    return change(meetingId, (current) => {
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

  function drawLots(meetingId: string, input: unknown): Promise<Result<LotDrawView>> {
    const parsed = lotDrawSchema.safeParse(input ?? {});
    if (!parsed.success) return Promise.resolve(invalid(parsed.error));
    const { scope } = parsed.data;
    return change(meetingId, (current) => {
      const locks = setupLocks(current, { seatsUsed: 0, comments: 0 });
      if (locks.lots) return fail("illegal", locks.lots);
      const candidates = current.roster.filter((e) => scope === "all" || e.mode === "onsite");
      if (candidates.length < 2) return fail("illegal", scope === "all" ? "名单中至少要有两个单位才能抽签。" : "至少要有两个现场述职单位才能抽签。");
      const drawn = shuffleRoster(current.roster, scope, random);
      return ok(async (tx: Tx) => {
        await writeOrder(tx, meetingId, drawn.order);
        const row = await recordLotDraw(tx, meetingId, drawn.drawnUnits, new Date(now()));
        return { id: row.id, drawnAt: row.drawnAt.toISOString(), units: row.units };
      });
    });
  }

  async function previewImport(meetingId: string, source: ImportSource): Promise<Result<ImportPreview>> {
    const snapshot = await loadSnapshot(db, meetingId);
    if (!snapshot) return fail("not_found", NO_MEETING);
    const parsed = await parseRoster(source);
    if (!parsed.ok) return parsed;
    return ok({ preview: parsed.data, appendConflicts: appendConflicts(parsed.data.rows, snapshot.roster), existing: snapshot.roster.length });
  }

  /**
   * Imports the rows without problems. `expected` is how many the organiser saw in the
   * preview and confirmed: a file that changed since is refused rather than imported blind.
   */
  async function commitImport(
    meetingId: string,
    source: ImportSource,
    mode: ImportMode,
    expected: number | null,
  ): Promise<Result<{ imported: number; skipped: number }>> {
    const parsed = await parseRoster(source);
    if (!parsed.ok) return parsed;
    const preview = parsed.data;
    return change(meetingId, (current) => {
      const locks = setupLocks(current, { seatsUsed: 0, comments: 0 });
      const lock = mode === "replace" ? locks.replace : locks.roster;
      if (lock) return fail("illegal", lock);
      const conflicts = new Set(mode === "append" ? appendConflicts(preview.rows, current.roster).map((p) => p.line) : []);
      const rows = orderImportedRows(importableRows(preview).filter((row) => !conflicts.has(row.line)));
      if (expected !== null && expected !== rows.length) {
        return fail("conflict", `文件内容与预览不一致（预览 ${expected} 行，现在 ${rows.length} 行），名单未更改：请重新预览后再导入。`);
      }
      if (rows.length === 0) return fail("invalid", "没有可导入的行：请先修正预览中标出的问题。");
      const speakers: SpeakerInput[] = rows.map((row) => ({
        unit: row.unit,
        name: row.name,
        title: row.title,
        mode: row.mode,
        limitMs: row.limitMs,
        reportText: row.reportText,
        evaluated: true,
      }));
      return ok(async (tx: Tx) => {
        if (mode === "replace") {
          if ((await countComments(tx, meetingId)) > 0) refuse("illegal", "已有点评记录，不能整体替换名单（点评必须保留）。");
          await deleteAllSpeakers(tx, meetingId);
          await createSpeakers(tx, meetingId, speakers, 0);
        } else {
          await createSpeakers(tx, meetingId, speakers, current.roster.length);
        }
        return { imported: speakers.length, skipped: preview.rows.length - speakers.length };
      });
    });
  }

  function updateEvaluation(meetingId: string, input: unknown): Promise<Result<null>> {
    const parsed = evaluationSetupSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalid(parsed.error));
    const setup = parsed.data;
    return change(meetingId, (current) => {
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
  function setSeats(meetingId: string, input: unknown): Promise<Result<{ count: number }>> {
    const parsed = seatCountSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalid(parsed.error));
    const { count, regenerate } = parsed.data;
    return queue(meetingId, async () => {
      const current = await loadSnapshot(db, meetingId);
      if (!current) return fail("not_found", NO_MEETING);
      const seats = await seatCounts(db, meetingId);
      const locks = setupLocks(current, { seatsUsed: seats.used, comments: 0 });
      // Adding seats for late arrivals stays possible: it voids no card and reveals nothing.
      if (locks.seats && (regenerate || count < seats.count)) return fail("illegal", locks.seats);
      await db.$transaction((tx) => resizeSeats(tx, meetingId, count, regenerate));
      return ok({ count });
    });
  }

  function assignSeatCategories(meetingId: string, input: unknown): Promise<Result<{ updated: number }>> {
    const parsed = seatCategoriesSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalid(parsed.error));
    const { assignments } = parsed.data;
    return queue(meetingId, async () => {
      const current = await loadSnapshot(db, meetingId);
      if (!current) return fail("not_found", NO_MEETING);
      const locks = setupLocks(current, { seatsUsed: 0, comments: 0 });
      if (locks.evaluation) return fail("illegal", locks.evaluation);
      const known = new Set(current.meeting.voterCategories.map((c) => c.id));
      const unknown = assignments.find((a) => a.categoryId !== null && !known.has(a.categoryId));
      if (unknown) return fail("invalid", "没有这个测评人类别：请先在“民主测评”中设置类别。");
      const updated = await db.$transaction((tx) => setSeatCategories(tx, meetingId, assignments));
      return ok({ updated });
    });
  }

  async function uploadAttachment(meetingId: string, speakerId: string, fileName: string, bytes: Uint8Array): Promise<Result<{ fileName: string; contentType: string }>> {
    // Converting a .docx takes a moment: done before the queue so the chair's keys never wait on it.
    const file = await readReportFile(fileName, bytes);
    if (!file.ok) return file;
    return change(meetingId, (current) => {
      if (!current.roster.some((e) => e.id === speakerId)) return fail("not_found", NO_SPEAKER);
      return ok(async (tx: Tx) => {
        await saveAttachment(tx, speakerId, file.data);
        return { fileName: file.data.fileName, contentType: file.data.contentType };
      });
    });
  }

  function removeAttachment(meetingId: string, speakerId: string): Promise<Result<null>> {
    return change(meetingId, (current) => {
      const entry = current.roster.find((e) => e.id === speakerId);
      if (!entry) return fail("not_found", NO_SPEAKER);
      if (!entry.attachment) return fail("not_found", "该单位没有上传的材料文件。");
      return ok(async (tx: Tx) => {
        await deleteAttachment(tx, speakerId);
        return null;
      });
    });
  }

  return {
    view,
    meetings,
    createMeeting,
    copyMeeting,
    updateMeeting,
    addSpeaker,
    updateSpeaker,
    removeSpeaker,
    reorder,
    drawLots,
    previewImport,
    commitImport,
    updateEvaluation,
    setSeats,
    assignSeatCategories,
    uploadAttachment,
    removeAttachment,
  };
}
