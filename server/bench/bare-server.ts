// The baseline of `npm run bench`: bare Socket.IO on Node's http server, doing only what
// the transport must — on connect it sends a payload the size of the console's snapshot,
// and on each command it acknowledges and broadcasts a payload the size of the console's
// message to every socket. The payloads come from the benchmark over IPC.
import http from "node:http";
import { Server } from "socket.io";
import "./probe";

let onConnect: unknown = null;
let onCommand: unknown = null;
process.on("message", (message: unknown) => {
  if (message && typeof message === "object" && "onConnect" in message && "onCommand" in message) {
    onConnect = message.onConnect;
    onCommand = message.onCommand;
    process.send?.("payloads");
  }
});

const httpServer = http.createServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, serverTime: Date.now() }));
});
const io = new Server(httpServer, { serveClient: false });
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
