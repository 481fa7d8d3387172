// The Next app (every page), loaded after the server already listens: the API and the
// sockets do not wait for it, and a page request that comes in first waits instead.
import type { IncomingMessage, ServerResponse } from "node:http";

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface LazyPages {
  /** Starts loading Next (once); failing to load it stops the server with the reason. */
  load(): Promise<Handler>;
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export function lazyPages(options: { dev: boolean; dir: string }): LazyPages {
  let ready: Promise<Handler> | null = null;

  function load(): Promise<Handler> {
    ready ??= (async () => {
      const { default: next } = await import("next");
      const app = next({ dev: options.dev, dir: options.dir });
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
