// What a chair command adds to the 会议纪实: pure, from the command and the live state before
// and after it. Only the agenda, the timer and the 民主测评's open / close / publish enter the
// record — never ballot content, seats or who voted.
import type { MeetingCommand } from "../domain/commands";
import type { Cursor, LiveState } from "../domain/meeting-types";
import type { PaperActor, PaperEvent } from "../domain/paper-ballots";
import type { MeetingSnapshot } from "../domain/snapshot";
import { elapsedMs } from "../domain/timer";
import { canonicalJson, sha256, type RecordData } from "./record-chain";

export interface RecordEvent {
  type: string;
  data: RecordData;
}

/** Names of the record's entry types, as the 纪实 export and the 会后 page print them. */
export const RECORD_EVENT_LABELS: Record<string, string> = {
  "item.started": "议程开始",
  "speaker.ready": "述职人就位",
  "speaker.started": "开始述职",
  "speaker.ended": "述职结束",
  "speaker.skipped": "跳过",
  "speaker.review": "点评",
  "speaker.moved": "调后",
  "timer.started": "计时开始",
  "timer.paused": "计时暂停",
  "timer.reset": "计时重置",
  "timer.adjusted": "调整时限",
  "step.undone": "撤回一步",
  "voting.opened": "开始测评",
  "voting.closed": "结束测评",
  "results.published": "当场公布",
  "results.hidden": "撤回公布",
  "point.started": "讲话要点",
  "meeting.closed": "会议结束",
  "comment.saved": "点评保存",
  "comment.deleted": "点评删除",
  "paper.round_voided": "纸质票轮次作废",
  "paper.ballot_dispute": "纸质票录入不一致",
  "paper.ballot_resolved": "纸质票核对一致",
  "paper.counts_dispute": "发出收回张数不一致",
  "paper.counts_resolved": "发出收回张数一致",
  "paper.void_required": "纸质票轮次待作废",
  "record.imported": "从归档导入",
  "rehearsal.started": "彩排开始",
  "rehearsal.ended": "彩排结束",
};

function cursorKey(cursor: Cursor): string {
  switch (cursor.item) {
    case "reports":
      return `reports:${cursor.speakerId}:${cursor.stage}`;
    case "closing":
      return `closing:${cursor.point}`;
    default:
      return cursor.item;
  }
}

function speakerData(snapshot: MeetingSnapshot, speakerId: string): RecordData {
  const entry = snapshot.roster.find((e) => e.id === speakerId);
  return { speakerId, unit: entry?.unit ?? "", name: entry?.name ?? "" };
}

/** The events of one applied command; empty when nothing in the record's scope changed. */
export function commandEvents(command: MeetingCommand, before: MeetingSnapshot, after: LiveState, now: number, frozenTally: unknown = null): RecordEvent[] {
  const events: RecordEvent[] = [];
  const from = before.live.cursor;
  const to = after.cursor;

  if (command.type === "agenda.previous") events.push({ type: "step.undone", data: { from: cursorKey(from), to: cursorKey(to) } });

  // The agenda item the meeting entered.
  if (to.item !== from.item && (to.item === "reports" || to.item === "evaluation" || to.item === "closing")) {
    const title = before.meeting.agenda[to.item].title;
    events.push({ type: "item.started", data: { item: to.item, title } });
  }
  // Speakers: ready, reporting (the timer runs), review, ended (time spoken and overtime).
  if (to.item === "reports" && cursorKey(to) !== cursorKey(from)) {
    const type = to.stage === "ready" ? "speaker.ready" : to.stage === "reporting" ? "speaker.started" : "speaker.review";
    events.push({ type, data: speakerData(before, to.speakerId) });
  }
  for (const [speakerId, record] of Object.entries(after.records)) {
    const was = before.live.records[speakerId];
    if (was && was.status === record.status && was.spokenMs === record.spokenMs && was.overtimeMs === record.overtimeMs) continue;
    if (record.status === "skipped") events.push({ type: "speaker.skipped", data: speakerData(before, speakerId) });
    else events.push({ type: "speaker.ended", data: { ...speakerData(before, speakerId), spokenMs: record.spokenMs, overtimeMs: record.overtimeMs } });
  }
  if (command.type === "speaker.moveLater") events.push({ type: "speaker.moved", data: speakerData(before, command.speakerId) });

  // The timer: start, pause, reset and every adjustment of the limit.
  const timerBefore = before.live.timer;
  const timer = after.timer;
  if (timer.status !== timerBefore.status || timer.limitMs !== timerBefore.limitMs || timer.accumulatedMs !== timerBefore.accumulatedMs) {
    const elapsed = elapsedMs(timer, now);
    if (command.type === "timer.adjust") events.push({ type: "timer.adjusted", data: { deltaMs: command.deltaMs, limitMs: timer.limitMs, elapsedMs: elapsed } });
    else if (timer.status === "running" && timerBefore.status !== "running") events.push({ type: "timer.started", data: { limitMs: timer.limitMs, elapsedMs: elapsed } });
    else if (timer.status === "paused" && timerBefore.status === "running") events.push({ type: "timer.paused", data: { limitMs: timer.limitMs, elapsedMs: elapsed } });
    else if (command.type === "timer.reset") events.push({ type: "timer.reset", data: { limitMs: timer.limitMs } });
  }

  // 民主测评: opened, closed, published, hidden — no counts, no ballots.
  if (after.voting.status !== before.live.voting.status) {
    if (after.voting.status === "open") events.push({ type: "voting.opened", data: {} });
    // The frozen tally's fingerprint: the 测评汇总表 can be checked against it, and it names no ballot.
    if (after.voting.status === "closed") events.push({ type: "voting.closed", data: { tallySha256: frozenTally === null ? null : sha256(canonicalJson(frozenTally)) } });
  }
  if (after.voting.published !== before.live.voting.published) {
    events.push({ type: after.voting.published ? "results.published" : "results.hidden", data: {} });
  }

  // The chair's points and the close.
  if (to.item === "closing" && cursorKey(to) !== cursorKey(from)) {
    const point = before.meeting.closingPoints[to.point];
    events.push({ type: "point.started", data: { index: to.point, title: point?.title ?? "" } });
  }
  if (to.item === "closed" && from.item !== "closed") events.push({ type: "meeting.closed", data: {} });
  return events;
}

/** The teller role as the record names it: 甲 / 乙, or 主持人 for the chair's confirmation. */
export const PAPER_ROLE_LABELS: Record<PaperActor, string> = { A: "甲", B: "乙", chair: "主持人" };

/**
 * The record entries of the paper count's disputes, resolutions and voids: round, role,
 * ballot number and counts only (the entry's time is the event's). A confirmed void keeps
 * its `paper.round_voided` type with the agreed counts.
 */
export function paperRecordEvents(events: PaperEvent[], voided?: { issued: number; returned: number }): Array<RecordEvent & { at: number }> {
  return events.map((e) => {
    const data: RecordData = { round: e.roundNumber, role: PAPER_ROLE_LABELS[e.actor], ballotNo: e.ballotNo, detail: e.detail };
    if (e.kind === "void_confirmed") return { type: "paper.round_voided", at: e.at, data: { ...data, ...(voided ?? {}) } };
    return { type: `paper.${e.kind}`, at: e.at, data };
  });
}
