"use client";
// The chair is told when someone on the network keeps trying wrong 会议码, tokens or seat
// codes (the server counts them against the meeting's budget and slows every failing try).
import { useEffect, useState } from "react";
import type { GuessingAlert } from "@/server/domain/events";
import type { MeetingSocket } from "@/components/realtime/use-meeting";

export function useGuessingAlert(socket: MeetingSocket | null): { alert: GuessingAlert | null; dismiss: () => void } {
  const [alert, setAlert] = useState<GuessingAlert | null>(null);
  useEffect(() => {
    if (!socket) return;
    const onAlert = (next: GuessingAlert) => setAlert(next);
    socket.on("security:alerted", onAlert);
    return () => {
      socket.off("security:alerted", onAlert);
    };
  }, [socket]);
  return { alert, dismiss: () => setAlert(null) };
}

function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
}

export function GuessingAlertBanner({ alert, onClose }: { alert: GuessingAlert; onClose: () => void }) {
  return (
    <p role="alert" data-testid="chair-guessing-alert" data-kind={alert.kind} className="flex shrink-0 items-center gap-3 border-b border-red-300 bg-red-50 px-4 py-1.5 text-sm text-red-900">
      <span className="tabular">{clockTime(alert.at)}</span>
      <span className="flex-1">{alert.message}正在参会的平板不受影响；如持续出现，请检查会场网络。</span>
      <button type="button" onClick={onClose} className="min-h-6 rounded px-2 py-0.5 text-red-900 hover:bg-red-100">
        知道了
      </button>
    </p>
  );
}
