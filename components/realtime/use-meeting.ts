"use client";
// One live meeting over Socket.IO: the newest snapshot (a full one on connect, then the
// versioned deltas of each command applied to it; stale versions are ignored and a gap asks
// for a full snapshot), the connection state, and the offset between this device's clock
// and the server's.
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from "@/server/domain/events";
import type { MeetingCommand } from "@/server/domain/commands";
import type { Result } from "@/server/domain/result";
import type { MeetingSnapshot } from "@/server/domain/snapshot";
import { followMeeting } from "@/server/domain/live-delta";
import { measureClockOffset } from "./clock-offset";
import { RECONNECT } from "./reconnect";
import { leaveWhileHidden } from "./leave-while-hidden";
import { useRememberedSnapshot } from "./last-state";

export type MeetingSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionState = "connecting" | "online" | "offline" | "refused";

/** How often the clock offset is measured again while connected. */
const CLOCK_RESYNC_MS = 30_000;
/** How long a command waits for the server's answer before the chair is told. */
const ACK_TIMEOUT_MS = 8_000;


export interface LiveMeeting {
  /** The live snapshot; until one arrives, the last one this browser saw (then `stale`). */
  snapshot: MeetingSnapshot | null;
  /** True while `snapshot` is the remembered one, not yet confirmed by the server. */
  stale: boolean;
  connection: ConnectionState;
  /** Why the server refused the connection (wrong token, unknown code…). */
  refusal: string | null;
  /** Server time now, by this device's clock corrected with the measured offset. */
  serverNow: () => number;
  socket: MeetingSocket | null;
  command: (command: MeetingCommand) => Promise<Result<MeetingSnapshot>>;
}

export function useMeeting(auth: HandshakeAuth | null): LiveMeeting {
  const [snapshot, setSnapshot] = useState<MeetingSnapshot | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [refusal, setRefusal] = useState<string | null>(null);
  const [socket, setSocket] = useState<MeetingSocket | null>(null);
  const offsetRef = useRef(0);
  const authKey = auth ? JSON.stringify(auth) : null;

  useEffect(() => {
    if (!authKey) return;
    const handshake = JSON.parse(authKey) as HandshakeAuth;
    const s: MeetingSocket = io({ auth: handshake, ...RECONNECT });
    setSocket(s);
    let resync: ReturnType<typeof setInterval> | undefined;
    let refused = false;
    // Tablets only: the chair's laptop and the projector stay connected behind other windows
    // (a browser may report a covered window as hidden), and the chair hears alerts there.
    const stopWatching =
      handshake.role === "attendee" ? leaveWhileHidden(s, { mayReconnect: () => !refused, onReturn: () => setConnection("connecting") }) : () => {};

    const syncClock = () => {
      void measureClockOffset(s).then((offset) => {
        if (offset !== null) offsetRef.current = offset;
      });
    };

    s.on("connect", () => {
      setConnection("online");
      setRefusal(null);
      syncClock();
      clearInterval(resync);
      resync = setInterval(syncClock, CLOCK_RESYNC_MS);
    });
    s.on("disconnect", () => {
      setConnection("offline");
      clearInterval(resync);
    });
    s.on("connect_error", (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === "unauthorized" || error.data?.code === "not_found") {
        refused = true;
        setConnection("refused");
        setRefusal(error.message);
        s.disconnect();
      } else {
        setConnection("offline");
      }
    });
    const follower = followMeeting({
      onChange: setSnapshot,
      requestSync: () =>
        new Promise((resolve) => {
          s.timeout(ACK_TIMEOUT_MS).emit("meeting:sync", (err: Error | null, result: Result<MeetingSnapshot>) => {
            resolve(!err && result.ok ? result.data : null);
          });
        }),
    });
    s.on("meeting:updated", follower.snapshot);
    s.on("meeting:patched", follower.delta);

    return () => {
      clearInterval(resync);
      stopWatching();
      s.removeAllListeners();
      s.disconnect();
      setSocket(null);
    };
  }, [authKey]);

  const serverNow = useCallback(() => Date.now() + offsetRef.current, []);

  const command = useCallback(
    (cmd: MeetingCommand): Promise<Result<MeetingSnapshot>> =>
      new Promise((resolve) => {
        if (!socket || !socket.connected) {
          resolve({ ok: false, error: { code: "internal", message: "未连接服务器，指令未发送。" } });
          return;
        }
        socket.timeout(ACK_TIMEOUT_MS).emit("meeting:command", cmd, (err: Error | null, result: Result<MeetingSnapshot>) => {
          if (err) resolve({ ok: false, error: { code: "internal", message: "服务器未响应，请检查连接。" } });
          else resolve(result);
        });
      }),
    [socket],
  );

  const remembered = useRememberedSnapshot(authKey, snapshot, offsetRef);
  return { snapshot: snapshot ?? remembered, stale: remembered !== null, connection, refusal, serverNow, socket, command };
}

/** Re-renders the caller every `intervalMs` (for countdowns). */
export function useTicker(intervalMs = 200): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((t) => t + 1), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return tick;
}
