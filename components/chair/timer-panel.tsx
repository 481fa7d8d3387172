"use client";
// The big countdown and its controls. Computed from the server's timestamps and this
// device's measured clock offset, so it agrees with the projector to the second.
import { useEffect, useRef, useState } from "react";
import { useTicker } from "@/components/realtime/use-meeting";
import { countdownAt, PHASE_BAR, PHASE_TEXT } from "@/components/timer/countdown";
import type { MeetingCommand } from "@/server/domain/commands";
import { meetingNow, type MeetingSnapshot } from "@/server/domain/snapshot";
import { overtimeLabel } from "@/components/display/hall-labels";
import { elapsedMs, formatDuration, type TimerPhase } from "@/server/domain/timer";
import { timerIsLive } from "./chair-view";

/**
 * What a screen reader hears of the countdown: a polite word when the speaker enters the
 * warning minute and when time is up, nothing per second. The region is always in the page
 * (a live region added together with its text is often not read) and speaks on a change only.
 */
function TimeAnnouncer({ phase, warningMs }: { phase: TimerPhase | null; warningMs: number }) {
  const [text, setText] = useState("");
  const last = useRef(phase);
  useEffect(() => {
    const before = last.current;
    last.current = phase;
    if (phase === before) return;
    if (phase === "warning") setText(`剩余时间不足 ${formatDuration(warningMs)}`);
    else if (phase === "overtime") setText("时间到");
    else setText("");
  }, [phase, warningMs]);
  return (
    <p data-testid="chair-time-announcement" aria-live="polite" aria-atomic="true" className="sr-only">
      {text}
    </p>
  );
}

/** How long the 重置 button waits for its confirming second click. */
const RESET_CONFIRM_MS = 4_000;
/** Redraws per second of the countdown; the figures come from timestamps, not from counting. */
const TIMER_REDRAW_MS = 200;
const ONE_MINUTE_MS = 60_000;

export function TimerPanel({
  snapshot,
  serverNow,
  run,
  onStartPause,
}: {
  snapshot: MeetingSnapshot;
  serverNow: () => number;
  run: (command: MeetingCommand) => void;
  onStartPause: () => void;
}) {
  useTicker(TIMER_REDRAW_MS);
  const [confirmReset, setConfirmReset] = useState(false);
  useEffect(() => {
    if (!confirmReset) return;
    const handle = setTimeout(() => setConfirmReset(false), RESET_CONFIRM_MS);
    return () => clearTimeout(handle);
  }, [confirmReset]);

  const now = serverNow();
  const view = countdownAt(snapshot, now);
  const timer = snapshot.live.timer;
  const cursor = snapshot.live.cursor;
  const live = timerIsLive(snapshot);
  const reviewing = cursor.item === "reports" && cursor.stage === "review";
  const reporting = cursor.item === "reports" && cursor.stage === "reporting";
  const elapsed = elapsedMs(timer, meetingNow(snapshot, now));
  const overtime = view.phase === "overtime";

  // In 点评 the record holds what was spoken; before it exists (an instant), the frozen timer does.
  const record = cursor.item === "reports" ? snapshot.live.records[cursor.speakerId] : undefined;
  const spoken = record?.spokenMs ?? elapsed;
  const overtimeMs = record?.overtimeMs ?? Math.max(0, spoken - timer.limitMs);

  let state: string;
  if (reviewing) state = "述职结束 · 点评";
  else if (timer.status === "running") state = overtime ? "计时中 · 已超时" : "计时中";
  else if (timer.status === "paused") state = overtime ? "已暂停 · 已超时" : "已暂停";
  else state = "未开始";

  function reset() {
    if (elapsed > 0 && !confirmReset) {
      setConfirmReset(true);
      return;
    }
    setConfirmReset(false);
    run({ type: "timer.reset" });
  }

  const button = "rounded border px-3 py-1.5 text-sm disabled:cursor-not-allowed disabled:opacity-35";
  const quiet = `${button} border-slate-600 text-slate-100 hover:bg-slate-700`;

  return (
    <section aria-label="计时" className="rounded-lg bg-stage p-4 text-slate-100">
      <div className="flex items-baseline justify-between text-sm text-slate-300">
        <span data-testid="chair-timer-state" className={overtime && !reviewing ? "font-medium text-red-400" : ""}>
          {state}
        </span>
        <span className="tabular">
          时限 {formatDuration(timer.limitMs)}
          {timer.limitMs !== snapshot.meeting.limitMs && (
            <span className="ml-1 text-slate-400">（原 {formatDuration(snapshot.meeting.limitMs)}）</span>
          )}
        </span>
      </div>
      {reviewing ? (
        // The speech is over: the big figure is what was spoken, and the overtime beside it.
        <div className="flex flex-wrap items-end gap-x-6 gap-y-1">
          <span className="pb-4 text-xl text-slate-300">述职用时</span>
          <span data-testid="chair-timer" data-phase="review" className="tabular text-[6rem] leading-none font-semibold tracking-tight text-slate-100 xl:text-[7.5rem]">
            {formatDuration(spoken)}
          </span>
          {overtimeMs >= 1000 && (
            <span data-testid="chair-overtime" className="tabular pb-4 text-3xl font-bold text-red-400">
              超时 {overtimeLabel(overtimeMs)}
            </span>
          )}
        </div>
      ) : (
        <div className="flex flex-wrap items-end gap-x-4">
          {overtime && <span className="pb-5 text-3xl font-bold text-red-500">时间到</span>}
          <span
            data-testid="chair-timer"
            data-phase={view.phase}
            className={`tabular text-[6rem] leading-none font-semibold tracking-tight xl:text-[7.5rem] ${PHASE_TEXT[view.phase]}`}
          >
            {view.clock}
          </span>
        </div>
      )}
      <TimeAnnouncer phase={reviewing ? null : view.phase} warningMs={snapshot.meeting.warningMs} />
      <div
        role="progressbar"
        aria-label={reviewing ? "述职用时占时限" : "剩余时间"}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(reviewing ? Math.min(100, (spoken / Math.max(1, timer.limitMs)) * 100) : view.fraction * 100)}
        aria-valuetext={reviewing ? `述职用时 ${formatDuration(spoken)}` : view.phase === "overtime" ? "时间到" : `剩余 ${view.clock}`}
        className="mt-3 h-1.5 overflow-hidden rounded bg-slate-700"
      >
        <div
          className={`h-full ${reviewing ? (overtimeMs >= 1000 ? "bg-red-600" : "bg-slate-500") : PHASE_BAR[view.phase]}`}
          style={{ width: `${reviewing ? Math.min(100, (spoken / Math.max(1, timer.limitMs)) * 100) : view.phase === "overtime" ? 100 : view.fraction * 100}%` }}
        />
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-2">
        <button
          type="button"
          data-testid="chair-start-pause"
          onClick={onStartPause}
          disabled={!live}
          className={`${button} min-w-28 font-medium ${
            timer.status === "running"
              ? "border-amber-400 bg-amber-400 text-slate-900 hover:bg-amber-300"
              : "border-emerald-500 bg-emerald-500 text-slate-950 hover:bg-emerald-400"
          }`}
        >
          {timer.status === "running" ? "暂停" : timer.status === "paused" ? "继续" : "开始"}
          <kbd className="ml-2 text-sm">Space</kbd>
        </button>
        <button type="button" onClick={() => run({ type: "timer.adjust", deltaMs: ONE_MINUTE_MS })} disabled={!live} className={quiet}>
          +1分钟 <kbd className="ml-1 text-sm">+</kbd>
        </button>
        <button
          type="button"
          onClick={() => run({ type: "timer.adjust", deltaMs: -ONE_MINUTE_MS })}
          disabled={!live || timer.limitMs < ONE_MINUTE_MS}
          className={quiet}
        >
          −1分钟 <kbd className="ml-1 text-sm">−</kbd>
        </button>
        <button
          type="button"
          onClick={reset}
          disabled={!live}
          className={confirmReset ? `${button} border-red-500 bg-red-600 text-white hover:bg-red-500` : quiet}
        >
          {confirmReset ? `确认重置（已计 ${formatDuration(elapsed)}）` : "重置"}
        </button>
        <button
          type="button"
          data-testid="chair-end"
          onClick={() => run({ type: "timer.end" })}
          disabled={!reporting}
          className={`${quiet} ml-auto`}
        >
          结束述职
        </button>
      </div>
    </section>
  );
}
