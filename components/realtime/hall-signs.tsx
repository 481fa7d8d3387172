"use client";
// Signs every live screen shares: the fixed 彩排 mark while a rehearsal runs, and the large
// 设备检查 sign the chair puts on every tablet and projector for 10 s (会前设备调试).
import { useEffect, useState } from "react";
import type { DeviceCheck } from "@/server/domain/presence";
import { rehearsalSpeedLabel, type RehearsalState } from "@/server/domain/rehearsal";
import type { MeetingSocket } from "./use-meeting";

/**
 * A bar in the page's flow (never over the content): "彩排" and the speed. `hall` is the
 * projector's size, read from the back of the hall.
 */
export function RehearsalMark({ rehearsal, size = "page" }: { rehearsal: RehearsalState | undefined; size?: "page" | "hall" }) {
  if (!rehearsal) return null;
  if (size === "hall") {
    return (
      <span
        data-testid="rehearsal-mark"
        className="shrink-0 rounded-[1vh] bg-amber-300 px-[1.6vw] py-[0.4vh] text-[min(7vh,4vw)] leading-none font-black tracking-[0.2em] text-slate-950 ring-[0.4vh] ring-white/80"
      >
        彩排
      </span>
    );
  }
  return (
    <p
      data-testid="rehearsal-mark"
      role="status"
      className="flex shrink-0 items-center justify-center gap-3 bg-[repeating-linear-gradient(135deg,#fcd34d_0_14px,#fde68a_14px_28px)] px-4 py-1.5 text-base font-semibold text-slate-950"
    >
      <span className="rounded bg-slate-950 px-2 py-0.5 text-lg font-black tracking-[0.3em] text-amber-300">彩排</span>
      <span>{rehearsalSpeedLabel(rehearsal)} · 演练内容在结束彩排后全部删除，不计入正式会议</span>
    </p>
  );
}

/** The device check this screen shows now, for `durationMs` after the chair pressed 设备检查. */
export function useDeviceCheck(socket: MeetingSocket | null): DeviceCheck | null {
  const [check, setCheck] = useState<DeviceCheck | null>(null);
  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onCheck = (next: DeviceCheck) => {
      clearTimeout(timer);
      setCheck(next);
      timer = setTimeout(() => setCheck(null), next.durationMs);
    };
    socket.on("devices:checked", onCheck);
    return () => {
      socket.off("devices:checked", onCheck);
      clearTimeout(timer);
    };
  }, [socket]);
  return check;
}

/** Fills the screen: staff walking the hall see at once which device did not react. */
export function DeviceCheckSign({ check }: { check: DeviceCheck | null }) {
  if (!check) return null;
  return (
    <div
      data-testid="device-check"
      role="alert"
      className="fixed inset-0 z-50 flex flex-col items-center justify-center gap-[4vh] bg-emerald-700 px-[6vw] text-center text-white"
    >
      <p className="text-[min(16vh,12vw)] leading-none font-black tracking-[0.15em]">设备检查</p>
      <p className="text-[max(1.25rem,min(5vh,4vw))] font-semibold text-balance">{check.title}</p>
      <p className="text-[max(1rem,min(3.2vh,3vw))] text-white">本设备已连接会议，无需操作</p>
    </div>
  );
}
