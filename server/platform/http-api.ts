// The HTTP API's plumbing: parse the path, tell whether the chair's Bearer token came with
// the request, hand it to each capability's routes in turn, and answer 404 or a generic
// 500 (never a stack trace). Health lives here; the routes live with their capability
// (live/live-routes.ts, voting/seat-routes.ts, setup/setup-routes.ts). See docs/api.md.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isChair, methodNotAllowed, send } from "./http-kit";
import { ANY_MEETING, tooManyGuesses, type GuessLimiter } from "./guess-limiter";

export interface ApiRequest {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** Path segments after "/api", decoded. */
  parts: string[];
  chair: boolean;
}

/** Returns true when it handled the request. */
export type ApiRoutes = (request: ApiRequest) => Promise<boolean>;

export function createHttpApi(deps: { chairToken: string; guesses: GuessLimiter; now: () => number; routes: ApiRoutes[] }) {
  const { chairToken, guesses, now, routes } = deps;

  /**
   * Whether the request carries the chair token. A request that presents a token is a try:
   * a wrong one counts as a failure of its address, and an address that must wait is answered
   * 429 before its token is looked at. A request with no token tries nothing.
   */
  function chairOf(req: IncomingMessage, res: ServerResponse): boolean | "refused" {
    if (req.headers.authorization === undefined) return false;
    const address = guesses.addressOf(req.socket.remoteAddress, req.headers["x-forwarded-for"]);
    const allowed = guesses.check("token", address);
    if (!allowed.ok) {
      req.resume();
      res.setHeader("retry-after", String(Math.ceil(allowed.retryAfterMs / 1000)));
      send(res, 429, { error: "rate_limited", message: tooManyGuesses(allowed.retryAfterMs).message });
      return "refused";
    }
    if (isChair(req, chairToken)) return true;
    guesses.failed("token", address, ANY_MEETING);
    return false;
  }

  async function route(request: ApiRequest): Promise<void> {
    const { req, res, method, parts } = request;
    if (parts[0] === "health" && parts.length === 1) {
      if (method !== "GET") return methodNotAllowed(res, "GET");
      return send(res, 200, { ok: true, serverTime: now() });
    }
    for (const routesOf of routes) {
      if (await routesOf(request)) return;
    }
    req.resume();
    return send(res, 404, { error: "not_found", message: `没有这个接口：${method} ${request.url.pathname}` });
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let parts: string[];
    try {
      parts = url.pathname.replace(/\/+$/, "").split("/").slice(2).map(decodeURIComponent);
    } catch {
      return send(res, 400, { error: "invalid", message: "地址编码无效。" });
    }
    const chair = chairOf(req, res);
    if (chair === "refused") return;
    const request: ApiRequest = { req, res, method: req.method ?? "GET", url, parts, chair };
    route(request).catch((error: unknown) => {
      console.error("http api failed:", error);
      if (!res.headersSent) send(res, 500, { error: "internal", message: "服务器内部错误，操作未生效。" });
      else res.end();
    });
  };
}
