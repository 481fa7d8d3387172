// Every page, in a worker thread of its own, answering on a loopback port that only the main
// thread's server forwards to (pages.ts): the hall's pages (server/hall/, React rendering
// them) and the Next app (every other page). Next patches its process's globals (Date,
// crypto, process.nextTick, console) and turns on async hooks for every promise, and with
// React loaded beside the sockets each chair command cost ×1.8 the CPU of bare Socket.IO:
// kept here, none of that taxes the main thread's sockets, and loading them (a second or two
// of CPU) never holds up a tablet's connection or a chair's command.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parentPort, workerData } from "node:worker_threads";
import next from "next";
import { createHallPages } from "../hall/hall-pages";

export interface PagesWorkerData {
  dir: string;
}

/** What the worker tells the main thread once Next is ready (or why it is not). */
export type PagesWorkerMessage = { port: number } | { error: string };

const { dir } = workerData as PagesWorkerData;

try {
  const app = next({ dev: false, dir });
  await app.prepare();
  const handle = app.getRequestHandler();
  const hall = createHallPages({ dev: false });
  await hall.warm();
  const server = http.createServer((req, res) => {
    if (hall.handle(req, res)) return;
    void Promise.resolve(handle(req, res)).catch((error: unknown) => {
      console.error("page failed:", error);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end("服务器内部错误");
    });
  });
  // Forwarded requests come over kept-alive connections: keep them at least as long as the main thread's agent.
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    const message: PagesWorkerMessage = { port: (server.address() as AddressInfo).port };
    parentPort?.postMessage(message);
  });
} catch (error) {
  const message: PagesWorkerMessage = { error: error instanceof Error ? error.message : String(error) };
  parentPort?.postMessage(message);
}
