"use client";
// 会前设备调试 and 彩排 on the chair console: how many screens follow the meeting now (counts
// only, never which seat), the 设备检查 button, and starting or ending a rehearsal.
import { useEffect, useState } from "react";
import { RehearsalMark } from "@/components/realtime/hall-signs";
import type { MeetingSocket } from "@/components/realtime/use-meeting";
import type { PresenceCounts } from "@/server/domain/presence";
import { canStartRehearsal, type RehearsalSpeed } from "@/server/domain/rehearsal";
import type { Result } from "@/server/domain/result";
import type { MeetingSnapshot } from "@/server/domain/snapshot";
import { RehearsalControls } from "./rehearsal-controls";

const ACK_TIMEOUT_MS = 8_000;
const NO_ANSWER = "服务器未响应，请检查连接后重试。";

/** The newest counts: asked for on every (re)connect, then pushed by the server on every change. */
function usePresence(socket: MeetingSocket | null): PresenceCounts | null {
  const [counts, setCounts] = useState<PresenceCounts | null>(null);
  useEffect(() => {
    if (!socket) return;
    const ask = () =>
      socket.timeout(ACK_TIMEOUT_MS).emit("presence:get", (err: Error | null, result: Result<PresenceCounts>) => {
        if (!err && result.ok) setCounts(result.data);
      });
    socket.on("presence:changed", setCounts);
    socket.on("connect", ask);
    if (socket.connected) ask();
    return () => {
      socket.off("presence:changed", setCounts);
      socket.off("connect", ask);
    };
  }, [socket]);
  return counts;
}

type TimedSocket = ReturnType<MeetingSocket["timeout"]>;

function emit<T>(socket: MeetingSocket | null, send: (s: TimedSocket, done: (err: Error | null, result: Result<T>) => void) => void): Promise<Result<T>> {
  return new Promise((resolve) => {
    if (!socket?.connected) return resolve({ ok: false, error: { code: "internal", message: "未连接服务器，操作未发送。" } });
    send(socket.timeout(ACK_TIMEOUT_MS), (err, result) => resolve(err ? { ok: false, error: { code: "internal", message: NO_ANSWER } } : result));
  });
}

export function HallCheck({
  snapshot,
  socket,
  onMessage,
}: {
  snapshot: MeetingSnapshot;
  socket: MeetingSocket | null;
  onMessage: (text: string, kind: "info" | "error") => void;
}) {
  const counts = usePresence(socket);
  const [busy, setBusy] = useState(false);
  const rehearsal = snapshot.live.rehearsal;
  const canRehearse = canStartRehearsal(snapshot.live).ok;

  function deviceCheck() {
    void emit<{ tablets: number; projectors: number }>(socket, (s, done) => s.emit("devices:check", done)).then((result) => {
      if (!result.ok) onMessage(result.error.message, "error");
      else onMessage(`已发出设备检查：${result.data.tablets} 台平板、${result.data.projectors} 个投影将显示“设备检查”10 秒。没有显示的设备未连接本会议。`, "info");
    });
  }

  function start(speed: RehearsalSpeed) {
    setBusy(true);
    void emit<MeetingSnapshot>(socket, (s, done) => s.emit("rehearsal:start", { speed }, done)).then((result) => {
      setBusy(false);
      onMessage(result.ok ? `彩排开始（${speed}×）：所有屏幕显示“彩排”标记，结束彩排后一切恢复原样。` : result.error.message, result.ok ? "info" : "error");
    });
  }

  function end() {
    setBusy(true);
    void emit<MeetingSnapshot>(socket, (s, done) => s.emit("rehearsal:end", done)).then((result) => {
      setBusy(false);
      onMessage(result.ok ? "彩排已结束：彩排内容已删除，会议回到开始前的状态。" : result.error.message, result.ok ? "info" : "error");
    });
  }

  return (
    <div className="shrink-0 border-b border-slate-200 bg-white">
      <RehearsalMark rehearsal={rehearsal} />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-1.5 text-sm text-slate-600">
        <p data-testid="presence" aria-live="polite" className="tabular flex items-center gap-3">
          <span className="font-medium text-slate-800">在线设备</span>
          <span>
            平板 <strong data-testid="presence-tablets">{counts?.tablets ?? "–"}</strong>
          </span>
          <span>
            已输入座位码 <strong data-testid="presence-seated">{counts?.seated ?? "–"}</strong>
          </span>
          <span>
            投影 <strong data-testid="presence-projectors">{counts?.projectors ?? "–"}</strong>
          </span>
          <span>
            计票 <strong data-testid="presence-tellers">{counts?.tellers ?? "–"}</strong>
          </span>
        </p>
        <button type="button" onClick={deviceCheck} className="min-h-7 rounded border border-slate-300 px-2 py-0.5 font-medium text-slate-800 hover:bg-slate-50">
          设备检查
        </button>
        <span className="flex-1" />
        {(rehearsal || canRehearse) && <RehearsalControls running={Boolean(rehearsal)} busy={busy} onStart={start} onEnd={end} />}
      </div>
    </div>
  );
}
