// The Socket.IO server's transport settings. A module of their own, importing nothing, so the
// benchmark's bare Socket.IO baseline (server/bench/bare-server.ts) runs with the very same
// ones and is compared on the work done per message, not on a different heartbeat.
import type { ServerOptions } from "socket.io";

/**
 * A screen that vanishes without closing its connection (Wi-Fi lost, battery out) is noticed
 * within PING_INTERVAL_MS + PING_TIMEOUT_MS (15 s; Socket.IO's defaults take 45 s), so the
 * chair's device counts follow the hall. A hidden or closed tablet page leaves at once
 * (components/realtime/leave-while-hidden.ts). The cost: one ping and one pong of a few bytes
 * per screen every 10 s, 600 small WebSocket frames a second for 3000 tablets (docs/deploy.md).
 */
export const PING_INTERVAL_MS = 10_000;
export const PING_TIMEOUT_MS = 5_000;

/** Socket.IO drops a client whose single message exceeds this. */
const MAX_SOCKET_MESSAGE_BYTES = 256 * 1024;

export const SOCKET_OPTIONS = {
  maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES,
  serveClient: false,
  pingInterval: PING_INTERVAL_MS,
  pingTimeout: PING_TIMEOUT_MS,
} satisfies Partial<ServerOptions>;
