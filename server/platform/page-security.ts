// The headers every page of the console is sent with (by proxy.ts, Next's documented place
// for a per-request nonce): a Content-Security-Policy that runs only the scripts Next itself
// marks with this request's nonce, lets pages talk only to this server (HTTP and its
// WebSocket), and lets no site frame them; plus nosniff and no-referrer. Pure: no Next, no
// Node APIs beyond Web Crypto, so the proxy bundle and the tests import it alike.

/**
 * Origins allowed to frame the projector page (/display/…), space-separated, for a hall whose
 * control software embeds it: `DISPLAY_FRAME_ANCESTORS="http://192.168.1.30:8080"`. Every
 * other page, and the projector without it, can be framed by nobody.
 */
export const DISPLAY_FRAME_ANCESTORS_ENV = "DISPLAY_FRAME_ANCESTORS";

const ORIGIN = /^https?:\/\/(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?\/?$/i;
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export type FrameAncestors = { ok: true; origins: string[] } | { ok: false; message: string };

/** The setting's origins; an entry that is not `http(s)://host[:port]` makes the whole setting invalid. */
export function parseFrameAncestors(raw: string | undefined): FrameAncestors {
  const entries = (raw ?? "").split(/[\s,]+/).filter((entry) => entry !== "");
  const bad = entries.filter((entry) => !ORIGIN.test(entry));
  if (bad.length) {
    return { ok: false, message: `${DISPLAY_FRAME_ANCESTORS_ENV} 只能是 http(s)://主机[:端口] 形式的来源，用空格分隔（无效：${bad.join(" ")}）` };
  }
  return { ok: true, origins: entries.map((entry) => entry.replace(/\/$/, "").toLowerCase()) };
}

/** 128 random bits, base64: unguessable and new for every page load. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export interface PageRequest {
  nonce: string;
  /** The Host header: the WebSocket goes to the same host and port as the page. */
  host: string | null;
  secure: boolean;
  pathname: string;
  /** `next dev` needs eval for React's debugging aids; never in production. */
  dev: boolean;
  displayFrameAncestors: string | undefined;
}

export function pageContentSecurityPolicy(request: PageRequest): string {
  const { nonce, host, secure, pathname, dev } = request;
  const socket = host && HOST.test(host) ? ` ${secure ? "wss" : "ws"}://${host.toLowerCase()}` : "";
  const embedders = pathname.startsWith("/display/") ? parseFrameAncestors(request.displayFrameAncestors) : null;
  const frameAncestors = embedders?.ok && embedders.origins.length ? embedders.origins.join(" ") : "'none'";
  return [
    "default-src 'self'",
    // 'strict-dynamic': the scripts Next marks with the nonce may load its other chunks; 'self' is for browsers before CSP 3.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Styles may be inline: React writes style attributes and the print sheets carry <style>
    // blocks. CSS runs no script, and with images, fonts and connections held to this server
    // an injected style has nowhere to send anything (docs/security.md).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${socket}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    // The tablet's report frame and PDF viewer load from this server.
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join("; ");
}

/** Sent with every page and every static file. */
export const PAGE_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
} as const;
