// The hall's pages — /join, /join/<code> (the tablet) and /display/<meetingId> (the
// projector) — and their files under /hall/, served by the console's own server rather than
// Next: rendered with React here, hydrated by one small bundle per device (hall-build.ts).
// Every other page is Next's (platform/pages.ts).
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import { gzipSync } from "node:zlib";
import { hallAddress, type HallRoute } from "../../components/hall/routes";
import { projectRoot } from "../platform/config";
import { DISPLAY_FRAME_ANCESTORS_ENV, newNonce, PAGE_HEADERS, pageContentSecurityPolicy } from "../platform/page-security";
import { hallDocument } from "./hall-document";
import { HALL_ASSET_PREFIX, MANIFEST_FILE, type HallManifest } from "./hall-manifest";

export interface HallPages {
  /** Answers the request when it is for a hall page or file; false for every other address. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** Loads the page renderer ahead of the first tablet. */
  warm(): Promise<void>;
}

/** Built by `npm run build` (production) or on each page request (development). */
const BUILT_DIR = path.join(projectRoot, "dist", "hall");
const DEV_DIR = path.join(projectRoot, "dist", "hall-dev");

const FILE_NAME = /^[A-Za-z0-9_-]+\.(js|css)$/;
const CONTENT_TYPES: Record<string, string> = { js: "text/javascript; charset=utf-8", css: "text/css; charset=utf-8" };

interface HallFile {
  body: Buffer;
  gzip: Buffer | null;
  type: string;
}

type Render = (route: HallRoute) => string;

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
}

function readIfThere(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

export function createHallPages({ dev }: { dev: boolean }): HallPages {
  const dir = dev ? DEV_DIR : BUILT_DIR;
  const files = new Map<string, HallFile | null>();
  let manifest: HallManifest | null = null;
  let renderer: Promise<Render> | null = null;

  const render = (): Promise<Render> => (renderer ??= import("./hall-render").then((module) => module.renderHallPage));

  /** The manifest of the build; in development the bundles are built again first. */
  async function currentManifest(): Promise<HallManifest> {
    if (dev) {
      // A path esbuild cannot follow: the builder (esbuild, Tailwind) stays out of the compiled server.
      const builder = "./hall-build";
      const { buildHall } = (await import(builder)) as typeof import("./hall-build");
      files.clear();
      return buildHall({ outDir: DEV_DIR, dev: true });
    }
    manifest ??= JSON.parse(readFileSync(path.join(BUILT_DIR, MANIFEST_FILE), "utf8")) as HallManifest;
    return manifest;
  }

  function file(name: string): HallFile | null {
    if (!dev && files.has(name)) return files.get(name)!;
    const body = readIfThere(path.join(dir, name));
    const found = body && { body, gzip: readIfThere(path.join(dir, `${name}.gz`)), type: CONTENT_TYPES[path.extname(name).slice(1)]! };
    files.set(name, found);
    return found;
  }

  function sendFile(req: IncomingMessage, res: ServerResponse, name: string): void {
    const found = FILE_NAME.test(name) ? file(name) : null;
    if (!found) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8", ...PAGE_HEADERS }).end("not found");
      return;
    }
    const gzip = found.gzip !== null && acceptsGzip(req);
    const body = gzip ? found.gzip! : found.body;
    res.writeHead(200, {
      "content-type": found.type,
      "content-length": body.length,
      // The name changes with the content: a browser keeps each file for good.
      "cache-control": dev ? "no-cache" : "public, max-age=31536000, immutable",
      vary: "accept-encoding",
      ...(gzip && { "content-encoding": "gzip" }),
      ...PAGE_HEADERS,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  async function sendPage(req: IncomingMessage, res: ServerResponse, route: HallRoute, pathname: string): Promise<void> {
    const [assets, renderPage] = await Promise.all([currentManifest().then((built) => built.pages[route.page]), render()]);
    const nonce = newNonce();
    const secure = Boolean((req.socket as TLSSocket).encrypted) || req.headers["x-forwarded-proto"] === "https";
    const policy = pageContentSecurityPolicy({
      nonce,
      host: req.headers.host ?? null,
      secure,
      pathname,
      dev,
      displayFrameAncestors: process.env[DISPLAY_FRAME_ANCESTORS_ENV],
    });
    const html = Buffer.from(hallDocument(route.page, assets, renderPage(route), nonce));
    const gzip = acceptsGzip(req);
    const body = gzip ? gzipSync(html) : html;
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-length": body.length,
      "content-security-policy": policy,
      "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
      vary: "accept-encoding",
      ...(gzip && { "content-encoding": "gzip" }),
      ...PAGE_HEADERS,
    });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  return {
    handle(req, res) {
      if (req.method !== "GET" && req.method !== "HEAD") return false;
      const url = new URL(req.url ?? "/", "http://hall");
      if (url.pathname.startsWith(HALL_ASSET_PREFIX)) {
        sendFile(req, res, url.pathname.slice(HALL_ASSET_PREFIX.length));
        return true;
      }
      const address = hallAddress(url.pathname, url.search);
      if (!address) return false;
      if ("redirect" in address) {
        res.writeHead(307, { location: address.redirect, "cache-control": "no-store", ...PAGE_HEADERS }).end();
        return true;
      }
      sendPage(req, res, address, url.pathname).catch((error: unknown) => {
        console.error("hall page failed:", error);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8", ...PAGE_HEADERS });
        res.end("服务器内部错误");
      });
      return true;
    },
    async warm() {
      await Promise.all([render(), dev ? Promise.resolve() : currentManifest()]);
    },
  };
}
