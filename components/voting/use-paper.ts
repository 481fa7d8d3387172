"use client";
// The current paper round as the tellers and the chair see it: fetched on every (re)connect
// (`paper:state`), replaced by every `paper:updated` broadcast, and by the answer to this
// screen's own changes. Changes return the server's Result so refusals can be shown inline.
import { useCallback, useEffect, useState } from "react";
import type { MeetingSocket } from "@/components/realtime/use-meeting";
import type { Result } from "@/server/domain/result";
import type { PaperState } from "@/server/domain/paper-ballots";

const ACK_TIMEOUT_MS = 8_000;
const NO_ANSWER: Result<never> = { ok: false, error: { code: "internal", message: "服务器未响应，本次操作可能未保存，请检查连接后重试。" } };
const OFFLINE: Result<never> = { ok: false, error: { code: "internal", message: "未连接服务器，本次操作未发送。" } };

export interface PaperDesk {
  state: PaperState | null;
  /** Why the state could not be loaded (e.g. not allowed), or null. */
  loadError: string | null;
  entry: (input: { ballotNo: number; teller: "A" | "B"; marks: Record<string, string | null>; invalid: boolean }) => Promise<Result<PaperState>>;
  counts: (input: { teller: "A" | "B"; issued: number; returned: number }) => Promise<Result<PaperState>>;
  /** The chair's confirmation of a void both tellers' counts call for; refused to anyone else. */
  voidRound: () => Promise<Result<PaperState>>;
}

/** `epoch`: the meeting's ballot epoch (domain/rehearsal.ts); the round is read again when it changes (结束彩排). */
export function usePaper(socket: MeetingSocket | null, epoch: string | null = null): PaperDesk {
  const [state, setState] = useState<PaperState | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    const onUpdated = (next: PaperState) => setState(next);
    socket.on("paper:updated", onUpdated);
    return () => {
      socket.off("paper:updated", onUpdated);
    };
  }, [socket]);

  // On every (re)connect: broadcasts missed while offline are not replayed.
  useEffect(() => {
    if (!socket) return;
    const load = () => {
      socket.timeout(ACK_TIMEOUT_MS).emit("paper:state", (err: Error | null, result: Result<PaperState>) => {
        if (err) return;
        if (result.ok) {
          setState(result.data);
          setLoadError(null);
        } else {
          setLoadError(result.error.message);
        }
      });
    };
    if (socket.connected) load();
    socket.on("connect", load);
    return () => {
      socket.off("connect", load);
    };
  }, [socket, epoch]);

  const settle = useCallback((result: Result<PaperState>) => {
    if (result.ok) setState(result.data);
    return result;
  }, []);

  const entry = useCallback<PaperDesk["entry"]>(
    (input) =>
      new Promise((resolve) => {
        if (!socket?.connected) return resolve(OFFLINE);
        socket.timeout(ACK_TIMEOUT_MS).emit("paper:entry", input, (err: Error | null, result: Result<PaperState>) => resolve(err ? NO_ANSWER : settle(result)));
      }),
    [socket, settle],
  );

  const counts = useCallback<PaperDesk["counts"]>(
    (input) =>
      new Promise((resolve) => {
        if (!socket?.connected) return resolve(OFFLINE);
        socket.timeout(ACK_TIMEOUT_MS).emit("paper:counts", input, (err: Error | null, result: Result<PaperState>) => resolve(err ? NO_ANSWER : settle(result)));
      }),
    [socket, settle],
  );

  const voidRound = useCallback<PaperDesk["voidRound"]>(
    () =>
      new Promise((resolve) => {
        if (!socket?.connected) return resolve(OFFLINE);
        socket.timeout(ACK_TIMEOUT_MS).emit("paper:void", (err: Error | null, result: Result<PaperState>) => resolve(err ? NO_ANSWER : settle(result)));
      }),
    [socket, settle],
  );

  return { state, loadError, entry, counts, voidRound };
}
