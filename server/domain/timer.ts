// Timer arithmetic on timestamps. Every function is pure; `now` is the server clock.
import type { TimerState } from "./meeting-types";

export type TimerPhase = "normal" | "warning" | "overtime";

export function idleTimer(limitMs: number): TimerState {
  return { status: "idle", limitMs, startedAt: null, accumulatedMs: 0 };
}

export function elapsedMs(timer: TimerState, now: number): number {
  if (timer.status !== "running" || timer.startedAt === null) return timer.accumulatedMs;
  return timer.accumulatedMs + Math.max(0, now - timer.startedAt);
}

/** Negative once the speaker is in overtime. */
export function remainingMs(timer: TimerState, now: number): number {
  return timer.limitMs - elapsedMs(timer, now);
}

export function startTimer(timer: TimerState, now: number): TimerState {
  if (timer.status === "running") return timer;
  return { ...timer, status: "running", startedAt: now };
}

export function pauseTimer(timer: TimerState, now: number): TimerState {
  if (timer.status !== "running") return timer;
  return { ...timer, status: "paused", startedAt: null, accumulatedMs: elapsedMs(timer, now) };
}

/** Moves the limit, so +1 min gives the speaker one more minute whatever the status. */
export function adjustTimer(timer: TimerState, deltaMs: number): TimerState {
  return { ...timer, limitMs: timer.limitMs + deltaMs };
}

/** A frozen timer showing a finished speech, e.g. when the chair goes back to its 点评. */
export function frozenTimer(limitMs: number, spokenMs: number): TimerState {
  return { status: "paused", limitMs, startedAt: null, accumulatedMs: spokenMs };
}

export function timerPhase(remaining: number, warningMs: number): TimerPhase {
  if (remaining <= 0) return "overtime";
  if (remaining <= warningMs) return "warning";
  return "normal";
}

/**
 * "m:ss" for a countdown: remaining time is rounded up (a fresh 6-minute timer reads
 * 6:00, not 5:59), overtime rounded down and prefixed with "+" (+0:37).
 */
export function formatClock(remaining: number): string {
  const overtime = remaining <= 0;
  const totalSeconds = overtime ? Math.floor(-remaining / 1000) : Math.ceil(remaining / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = String(totalSeconds % 60).padStart(2, "0");
  return `${overtime ? "+" : ""}${minutes}:${seconds}`;
}

/** "m:ss" for a duration that is not a countdown (time spoken, overtime). */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(totalSeconds / 60)}:${String(totalSeconds % 60).padStart(2, "0")}`;
}
