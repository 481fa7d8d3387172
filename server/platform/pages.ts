// The Next app (every page), loaded after the server already listens: the API and the
// sockets do not wait for it, and a page request that comes in first waits instead.
import { EventEmitter } from "node:events";
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface LazyPages {
  /** Starts loading Next (once); failing to load it stops the server with the reason. */
  load(): Promise<Handler>;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

/** Where Next's own WebSocket upgrades go: the dev server's hot reload (`/_next/…`). */
const NEXT_UPGRADE_PATH = "/_next/";

export function lazyPages(options: { dev: boolean; dir: string; server: HttpServer }): LazyPages {
  let ready: Promise<Handler> | null = null;
  // Left to itself, Next listens to the server's upgrades from its first page request on and
  // runs its whole route resolution for every tablet's Socket.IO connection (and keeps an abort
  // signal and error listeners on each socket). It is given only its own upgrades instead:
  // none in production, the hot reload's in development.
  const nextUpgrades = new EventEmitter();
  if (options.dev) {
    options.server.on("upgrade", (req: IncomingMessage, ...rest: unknown[]) => {
      if (req.url?.startsWith(NEXT_UPGRADE_PATH)) nextUpgrades.emit("upgrade", req, ...rest);
    });
  }

  function load(): Promise<Handler> {
    ready ??= (async () => {
      const { default: next } = await import("next");
      const app = next({ dev: options.dev, dir: options.dir, httpServer: nextUpgrades as HttpServer });
      await app.prepare();
      return app.getRequestHandler();
    })().catch((error: unknown) => {
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
