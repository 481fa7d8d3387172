// HTTP API for hall control surfaces (Stream Deck via Companion, clickers, LED walls).
// Same meeting service as the sockets; see docs/api.md.
import type { IncomingMessage, ServerResponse } from "node:http";
import { hallState } from "./domain/snapshot";
import type { DomainError, ErrorCode } from "./domain/result";
import type { Db } from "./data/db";
import { findMeeting, listMeetings } from "./data/meetings";
import type { MeetingService } from "./meeting-service";
import { lanAddresses } from "./network";
import { sameSecret } from "./socket-handlers";

const MAX_BODY_BYTES = 16 * 1024;

const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  not_found: 404,
  illegal: 409,
  conflict: 409,
  internal: 500,
};

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

function sendError(res: ServerResponse, error: DomainError): void {
  send(res, STATUS[error.code], { error: error.code, message: error.message });
}

function isChair(req: IncomingMessage, chairToken: string): boolean {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match !== null && sameSecret(match[1] ?? "", chairToken);
}

/** Reads a JSON body of at most MAX_BODY_BYTES; returns an error instead of throwing. */
function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; error: DomainError; status?: number }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: Awaited<ReturnType<typeof readJson>>) => {
      if (!done) {
        done = true;
        resolve(result);
      }
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        finish({ ok: false, status: 413, error: { code: "invalid", message: `请求体过大（上限 ${MAX_BODY_BYTES} 字节）。` } });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => finish({ ok: false, error: { code: "invalid", message: "请求读取失败。" } }));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (!text.trim()) return finish({ ok: false, error: { code: "invalid", message: "请求体为空：需要 JSON，例如 {\"type\":\"agenda.next\"}。" } });
      try {
        finish({ ok: true, value: JSON.parse(text) });
      } catch {
        finish({ ok: false, error: { code: "invalid", message: "请求体不是有效的 JSON。" } });
      }
    });
  });
}

export function createHttpApi(deps: { db: Db; chairToken: string; service: MeetingService }) {
  const { db, chairToken, service } = deps;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const parts = url.pathname.replace(/\/+$/, "").split("/").slice(2); // after "/api"
    const method = req.method ?? "GET";
    const unauthorized: DomainError = { code: "unauthorized", message: "需要主持人口令：Authorization: Bearer <chair token>。" };

    if (parts.length === 1 && parts[0] === "health") {
      if (method !== "GET") return send(res, 405, { error: "method_not_allowed", message: "只支持 GET。" });
      return send(res, 200, { ok: true, serverTime: service.now() });
    }
    if (parts[0] === "meetings" && parts.length === 1) {
      if (method !== "GET") return send(res, 405, { error: "method_not_allowed", message: "只支持 GET。" });
      if (!isChair(req, chairToken)) return sendError(res, unauthorized);
      const meetings = await listMeetings(db);
      return send(res, 200, meetings.map(({ id, title, date, venue, attendeeCode }) => ({ id, title, date, venue, attendeeCode })));
    }
    if (parts[0] === "meetings" && parts.length === 3 && parts[2] === "state") {
      if (method !== "GET") return send(res, 405, { error: "method_not_allowed", message: "只支持 GET。" });
      const result = await service.snapshot(decodeURIComponent(parts[1] ?? ""));
      if (!result.ok) return sendError(res, result.error);
      return send(res, 200, hallState(result.data, service.now()));
    }
    if (parts[0] === "meetings" && parts.length === 3 && parts[2] === "links") {
      if (method !== "GET") return send(res, 405, { error: "method_not_allowed", message: "只支持 GET。" });
      if (!isChair(req, chairToken)) return sendError(res, unauthorized);
      const meeting = await findMeeting(db, decodeURIComponent(parts[1] ?? ""));
      if (!meeting) return sendError(res, { code: "not_found", message: "没有这个会议。" });
      return send(res, 200, {
        displayPath: `/display/${meeting.id}#token=${meeting.displayToken}`,
        joinPath: `/join/${meeting.attendeeCode}`,
        attendeeCode: meeting.attendeeCode,
        lanAddresses: lanAddresses(),
      });
    }
    if (parts[0] === "meetings" && parts.length === 3 && parts[2] === "commands") {
      if (method !== "POST") return send(res, 405, { error: "method_not_allowed", message: "只支持 POST。" });
      if (!isChair(req, chairToken)) {
        req.resume();
        return sendError(res, unauthorized);
      }
      const body = await readJson(req);
      if (!body.ok) return send(res, body.status ?? 400, { error: body.error.code, message: body.error.message });
      const result = await service.command(decodeURIComponent(parts[1] ?? ""), body.value);
      if (!result.ok) return sendError(res, result.error);
      return send(res, 200, hallState(result.data, service.now()));
    }
    return send(res, 404, { error: "not_found", message: `没有这个接口：${method} ${url.pathname}` });
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((error: unknown) => {
      console.error("http api failed:", error);
      if (!res.headersSent) send(res, 500, { error: "internal", message: "服务器内部错误，操作未生效。" });
      else res.end();
    });
  };
}
