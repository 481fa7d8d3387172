// What the chair console says about the meeting: each speaker's status in the queue and
// what the → and ← keys will do next. Pure functions of the snapshot, so the labels can
// be tested without a browser and always agree with the agenda engine.
import { closingPointLabel, overtimeLabel } from "@/components/display/hall-labels";
import { applyCommand, currentEntry } from "@/server/domain/agenda";
import { nextPendingAfter } from "@/server/domain/pending";
import type { MeetingCommand } from "@/server/domain/commands";
import type { LiveState } from "@/server/domain/meeting-types";
import { modelOf, type MeetingSnapshot, type RosterView } from "@/server/domain/snapshot";
import { formatDuration } from "@/server/domain/timer";

export type QueueStatusKey = "pending" | "ready" | "reporting" | "review" | "done" | "skipped";

export interface QueueStatus {
  key: QueueStatusKey;
  label: string;
  /** "用时 5:42" or "用时 6:37 超时 +0:37" once an on-site speaker has reported. */
  detail: string | null;
  overtime: boolean;
}

function spokenDetail(entry: RosterView): Pick<QueueStatus, "detail" | "overtime"> {
  const record = entry.record;
  if (entry.mode !== "onsite" || record?.status !== "done") return { detail: null, overtime: false };
  const spoken = `用时 ${formatDuration(record.spokenMs)}`;
  if (record.overtimeMs <= 0) return { detail: spoken, overtime: false };
  return { detail: `${spoken} 超时 ${overtimeLabel(record.overtimeMs)}`, overtime: true };
}

/** The queue label of one roster entry: 待述职 / 准备 / 正在述职 / 点评中 / 已述职 / 已跳过. */
export function speakerStatus(entry: RosterView, live: LiveState): QueueStatus {
  const cursor = live.cursor;
  const isCurrent = cursor.item === "reports" && cursor.speakerId === entry.id;
  const written = entry.mode === "written";
  const spoken = spokenDetail(entry);
  if (isCurrent) {
    switch (cursor.stage) {
      case "ready":
        return { key: "ready", label: "准备", detail: null, overtime: false };
      case "reporting":
        return { key: "reporting", label: "正在述职", detail: null, overtime: false };
      case "review":
        return { key: "review", label: "点评中", ...spoken };
      default: {
        const unknown: never = cursor.stage;
        throw new Error(`unknown stage ${String(unknown)}`);
      }
    }
  }
  const record = live.records[entry.id];
  if (record?.status === "skipped") return { key: "skipped", label: "已跳过", detail: null, overtime: false };
  if (record?.status === "done") return { key: "done", label: written ? "已点评" : "已述职", ...spoken };
  return { key: "pending", label: written ? "待点评" : "待述职", detail: null, overtime: false };
}

/** Skip and 后移 only make sense before a speaker has reported, and not mid-speech. */
export function canReorder(entry: RosterView, live: LiveState): boolean {
  if (live.records[entry.id]?.status === "done") return false;
  const cursor = live.cursor;
  return !(cursor.item === "reports" && cursor.speakerId === entry.id && cursor.stage === "reporting");
}

export interface StepHint {
  label: string;
  enabled: boolean;
}

/** What → (agenda.next) will do from here, in the chair's words. */
export function nextStepHint(snapshot: MeetingSnapshot): StepHint {
  const { live, meeting, roster } = snapshot;
  const cursor = live.cursor;
  switch (cursor.item) {
    case "pending":
      return { label: roster[0] ? `开始第一项：${meeting.agenda.reports.title}` : `进入第二项：${meeting.agenda.evaluation.title}`, enabled: true };
    case "reports": {
      const model = modelOf(snapshot);
      const entry = currentEntry(model);
      if (entry && entry.mode === "onsite" && cursor.stage === "ready") return { label: "开始述职计时", enabled: true };
      if (entry && cursor.stage === "reporting") return { label: "结束述职，进入点评", enabled: true };
      const index = roster.findIndex((e) => e.id === cursor.speakerId);
      const following = nextPendingAfter(model, live, index);
      return following
        ? { label: `下一位：${following.unit}`, enabled: true }
        : { label: `进入第二项：${meeting.agenda.evaluation.title}`, enabled: true };
    }
    case "evaluation":
      return { label: `进入第三项：${meeting.agenda.closing.title}`, enabled: true };
    case "closing": {
      const following = meeting.closingPoints[cursor.point + 1];
      return following ? { label: `下一要点：${closingPointLabel(meeting.closingPoints, cursor.point + 1)}`, enabled: true } : { label: "结束会议", enabled: true };
    }
    case "closed":
      return { label: "会议已结束", enabled: false };
    default: {
      const unknown: never = cursor;
      throw new Error(`unknown cursor ${JSON.stringify(unknown)}`);
    }
  }
}

/** What ← (agenda.previous) will do from here. */
export function previousStepHint(snapshot: MeetingSnapshot): StepHint {
  const { live, meeting, roster } = snapshot;
  const cursor = live.cursor;
  switch (cursor.item) {
    case "pending":
      return { label: "会议尚未开始", enabled: false };
    case "reports": {
      const index = roster.findIndex((e) => e.id === cursor.speakerId);
      const entry = roster[index];
      if (cursor.stage === "reporting") return { label: "暂停，回到准备", enabled: true };
      if (entry && cursor.stage === "review" && entry.mode === "onsite") return { label: "回到述职，继续计时", enabled: true };
      const before = roster[index - 1];
      return before ? { label: `上一位：${before.unit}`, enabled: true } : { label: "回到会议开始前", enabled: true };
    }
    case "evaluation":
      return { label: `回到第一项：${meeting.agenda.reports.title}`, enabled: true };
    case "closing":
      return cursor.point > 0
        ? { label: `上一要点：${closingPointLabel(meeting.closingPoints, cursor.point - 1)}`, enabled: true }
        : { label: `回到第二项：${meeting.agenda.evaluation.title}`, enabled: true };
    case "closed":
      return { label: `回到第三项：${meeting.agenda.closing.title}`, enabled: true };
    default: {
      const unknown: never = cursor;
      throw new Error(`unknown cursor ${JSON.stringify(unknown)}`);
    }
  }
}

/** The roster entry the cursor is on (on-site or written), or null outside item 1. */
export function currentSpeaker(snapshot: MeetingSnapshot): RosterView | null {
  const cursor = snapshot.live.cursor;
  if (cursor.item !== "reports") return null;
  return snapshot.roster.find((e) => e.id === cursor.speakerId) ?? null;
}

/** True when the timer keys mean something: an on-site speaker who has not finished. */
export function timerIsLive(snapshot: MeetingSnapshot): boolean {
  const cursor = snapshot.live.cursor;
  const speaker = currentSpeaker(snapshot);
  return speaker !== null && speaker.mode === "onsite" && cursor.item === "reports" && cursor.stage !== "review";
}

/**
 * The units `command` would leave 待述职 / 待点评 by taking the meeting out of item 1 (to
 * 民主测评 or beyond); empty when it stays in item 1 or was not in it. Asked of the agenda
 * engine itself, so the question matches exactly what the server will do.
 */
export function unitsLeftBehind(snapshot: MeetingSnapshot, command: MeetingCommand, now: number): RosterView[] {
  const before = snapshot.live.cursor.item;
  if (before !== "reports" && before !== "pending") return [];
  const result = applyCommand(modelOf(snapshot), command, now);
  if (!result.ok) return [];
  const after = result.data.live;
  if (after.cursor.item === "reports" || after.cursor.item === "pending") return [];
  return snapshot.roster.filter((entry) => after.records[entry.id] === undefined);
}
