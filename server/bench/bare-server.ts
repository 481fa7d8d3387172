// The baseline of `npm run bench`: bare Socket.IO on Node's http server, with the console's
// own transport settings (heartbeat, message limit), doing only what the transport must —
// on connect it sends a payload the size of the console's snapshot, and on each command it
// acknowledges and broadcasts a payload the size of the console's message to every socket.
// The payloads (the console's own) come from the benchmark.
import http from "node:http";
import { Server } from "socket.io";
import { SOCKET_OPTIONS } from "../platform/socket-options";
import "./probe";

const { onConnect, onCommand } = JSON.parse(process.env.BENCH_PAYLOADS ?? "{}") as { onConnect?: unknown; onCommand?: unknown };

const httpServer = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, serverTime: Date.now() }));
});
const io = new Server(httpServer, SOCKET_OPTIONS);
io.on("connection", (socket) => {
  socket.emit("meeting:updated", onConnect);
  socket.on("meeting:command", (_command: unknown, ack: (result: unknown) => void) => {
    io.emit("meeting:patched", onCommand);
    if (typeof ack === "function") ack({ ok: true, data: null });
  });
});
httpServer.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = httpServer.address();
  console.log(`bare Socket.IO listening on http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
});
