// What a countdown shows at a given server time: the same arithmetic the server uses.
import { meetingNow, type MeetingSnapshot } from "@/server/domain/snapshot";
import { formatClock, remainingMs, timerPhase, type TimerPhase } from "@/server/domain/timer";

export interface CountdownView {
  remainingMs: number;
  /** "5:59", or "+0:37" in overtime. */
  clock: string;
  phase: TimerPhase;
  running: boolean;
  /** Share of the limit still left, 0..1 (0 in overtime). */
  fraction: number;
}

export function countdownAt(snapshot: MeetingSnapshot, serverNow: number): CountdownView {
  const timer = snapshot.live.timer;
  const remaining = remainingMs(timer, meetingNow(snapshot, serverNow));
  return {
    remainingMs: remaining,
    clock: formatClock(remaining),
    phase: timerPhase(remaining, snapshot.meeting.warningMs),
    running: timer.status === "running",
    fraction: timer.limitMs > 0 ? Math.min(1, Math.max(0, remaining / timer.limitMs)) : 0,
  };
}

/** Tailwind classes for each phase: green, amber in the warning minute, red after 0:00. */
export const PHASE_TEXT: Record<TimerPhase, string> = {
  normal: "text-emerald-400",
  warning: "text-amber-400",
  overtime: "text-red-500",
};

export const PHASE_BAR: Record<TimerPhase, string> = {
  normal: "bg-emerald-500",
  warning: "bg-amber-400",
  overtime: "bg-red-600",
};
