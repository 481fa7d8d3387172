"use client";
// 开始彩排 with its speed, or 结束彩排 after saying what it discards: the same controls on the
// chair console and on the preparation pages (/setup).
import { useState } from "react";
import type { RehearsalSpeed } from "@/server/domain/rehearsal";

const END_REHEARSAL_QUESTION =
  "结束彩排将删除彩排中的全部内容：点评、平板和纸质测评票、计票结果和公布状态，" +
  "会议回到彩排前的状态（议程未开始、计时全部重置，每个座位码都可重新投票）。\n\n" +
  "名单、述职顺序、抽签记录、述职材料、民主测评设置、座位与座位卡、会议码和各链接保持不变。\n\n确定结束彩排吗？";

const SPEED_CHOICES: Array<{ speed: RehearsalSpeed; label: string; hint: string }> = [
  { speed: 1, label: "1× 实时", hint: "计时与正式会议相同" },
  { speed: 10, label: "10× 加速", hint: "6 分钟的述职 36 秒走完，可看到黄色提醒和红色超时" },
];

export function RehearsalControls({
  running,
  busy,
  onStart,
  onEnd,
}: {
  /** A rehearsal runs now: offer 结束彩排; otherwise 开始彩排. */
  running: boolean;
  busy: boolean;
  onStart: (speed: RehearsalSpeed) => void;
  /** Called once the chair has confirmed what will be discarded. */
  onEnd: () => void;
}) {
  const [speed, setSpeed] = useState<RehearsalSpeed>(10);
  if (running) {
    return (
      <button
        type="button"
        disabled={busy}
        onClick={() => window.confirm(END_REHEARSAL_QUESTION) && onEnd()}
        className="min-h-7 rounded bg-slate-900 px-3 py-1 font-medium text-amber-300 hover:bg-slate-700 disabled:opacity-50"
      >
        结束彩排
      </button>
    );
  }
  return (
    <span className="flex items-center gap-2">
      <label className="flex items-center gap-1">
        彩排速度
        <select
          data-testid="rehearsal-speed"
          value={speed}
          onChange={(e) => setSpeed(Number(e.target.value) === 1 ? 1 : 10)}
          className="min-h-7 rounded border border-slate-300 bg-white px-1 py-0.5"
        >
          {SPEED_CHOICES.map((choice) => (
            <option key={choice.speed} value={choice.speed} title={choice.hint}>
              {choice.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        disabled={busy}
        onClick={() => onStart(speed)}
        className="min-h-7 rounded bg-amber-300 px-3 py-1 font-medium text-slate-950 hover:bg-amber-200 disabled:opacity-50"
      >
        开始彩排
      </button>
    </span>
  );
}
