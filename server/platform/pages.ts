// Every page — the hall's (server/hall/) and the Next app's — loaded after the server
// already listens: the API and the sockets do not wait for them, and a page request that
// comes in first waits instead.
//
// In production they run in a worker thread (pages.worker.ts) and page requests are
// forwarded to it over loopback: Next's changes to its process's globals, its async hooks and
// React's page rendering stay off the thread that serves the sockets. In development they run
// in-process, where Next's hot reload needs the server's WebSocket upgrades.
import { EventEmitter } from "node:events";
import http, { type IncomingMessage, type OutgoingHttpHeaders, type Server as HttpServer, type ServerResponse } from "node:http";
import { Worker } from "node:worker_threads";
import type { PagesWorkerData, PagesWorkerMessage } from "./pages.worker";
import { workerEntry } from "./worker-entry";
import { createHallPages } from "../hall/hall-pages";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface LazyPages {
  /** Starts loading Next (once); failing to load it stops the server with the reason. */
  load(): Promise<Handler>;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** Where Next's own WebSocket upgrades go: the dev server's hot reload (`/_next/…`). */
const NEXT_UPGRADE_PATH = "/_next/";

/** Hop-by-hop headers: about one connection, never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"]);

function endToEnd(headers: IncomingMessage["headers"]): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) kept[name] = value;
  return kept;
}

/** Next in-process (development). */
async function inProcess(dir: string, server: HttpServer): Promise<Handler> {
  // Left to itself, Next listens to the server's upgrades from its first page request on and
  // runs its whole route resolution for every tablet's Socket.IO connection. It is given
  // only its own upgrades: the hot reload's.
  const nextUpgrades = new EventEmitter();
  server.on("upgrade", (req: IncomingMessage, ...rest: unknown[]) => {
    if (req.url?.startsWith(NEXT_UPGRADE_PATH)) nextUpgrades.emit("upgrade", req, ...rest);
  });
  const { default: next } = await import("next");
  const app = next({ dev: true, dir, httpServer: nextUpgrades as HttpServer });
  await app.prepare();
  const handle = app.getRequestHandler();
  const hall = createHallPages({ dev: true });
  return (req, res) => (hall.handle(req, res) ? undefined : handle(req, res));
}

/** The pages (the hall's and Next's) in their worker thread (production): resolves once it answers, with the forwarding handler. */
function inWorker(dir: string): Promise<Handler> {
  const data: PagesWorkerData = { dir };
  const worker = new Worker(workerEntry("platform/pages.worker"), { workerData: data });
  // Page requests keep a few connections to the worker open rather than one per request.
  const agent = new http.Agent({ keepAlive: true });
  return new Promise((resolve, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the pages' worker stopped (${code})`)));
    worker.once("message", (message: PagesWorkerMessage) => {
      if ("error" in message) return reject(new Error(message.error));
      const { port } = message;
      worker.on("exit", (code) => {
        console.error(`The pages' worker stopped (${code}): stopping the server, so that it is restarted whole.`);
        process.exit(1);
      });
      resolve((req, res) => forward(port, agent, req, res));
    });
  });
}

/**
 * One page request passed on to the worker and its answer passed back. A kept-alive connection
 * the worker closed just as it was reused fails at once: a GET or HEAD (no body to resend) is then
 * sent again on a fresh one. A browser that leaves mid-page stops the page's rendering too, and
 * that is not an error.
 */
function forward(port: number, agent: http.Agent, req: IncomingMessage, res: ServerResponse, retried = false): void {
  const bodiless = req.method === "GET" || req.method === "HEAD";
  const upstream = http.request({ host: "127.0.0.1", port, agent, method: req.method, path: req.url, headers: endToEnd(req.headers) }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
    answer.pipe(res);
  });
  let browserLeft = false;
  const onClose = () => {
    if (res.writableFinished) return;
    browserLeft = true;
    upstream.destroy();
  };
  res.once("close", onClose);
  upstream.on("error", (error: NodeJS.ErrnoException) => {
    if (browserLeft) return;
    if (bodiless && !retried && upstream.reusedSocket && !res.headersSent && (error.code === "ECONNRESET" || error.code === "EPIPE")) {
      res.off("close", onClose);
      forward(port, agent, req, res, true);
      return;
    }
    console.error("page failed:", error.message);
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
    res.end("服务器内部错误");
  });
  if (!bodiless) return void req.pipe(upstream);
  req.resume();
  upstream.end();
}

export function lazyPages(options: { dev: boolean; dir: string; server: HttpServer }): LazyPages {
  let ready: Promise<Handler> | null = null;

  function load(): Promise<Handler> {
    ready ??= (options.dev ? inProcess(options.dir, options.server) : inWorker(options.dir)).catch((error: unknown) => {
      console.error("Could not load the pages (is there a production build? `npm run build`):");
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
    return ready;
  }

  return {
    load,
    handle(req, res) {
      load()
        .then((handler) => handler(req, res))
        .catch((error: unknown) => {
          console.error("page failed:", error);
          if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
          res.end("服务器内部错误");
        });
    },
  };
}
