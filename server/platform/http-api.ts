// The HTTP API's plumbing: parse the path, tell whether the chair's Bearer token came with
// the request, hand it to each capability's routes in turn, and answer 404 or a generic
// 500 (never a stack trace). Health lives here; the routes live with their capability
// (live/live-routes.ts, voting/seat-routes.ts, setup/setup-routes.ts). See docs/api.md.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isChair, methodNotAllowed, send } from "./http-kit";

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

export function createHttpApi(deps: { chairToken: string; now: () => number; routes: ApiRoutes[] }) {
  const { chairToken, now, routes } = deps;

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
    const request: ApiRequest = { req, res, method: req.method ?? "GET", url, parts, chair: isChair(req, chairToken) };
    route(request).catch((error: unknown) => {
      console.error("http api failed:", error);
      if (!res.headersSent) send(res, 500, { error: "internal", message: "服务器内部错误，操作未生效。" });
      else res.end();
    });
  };
}
