// HTTP API for hall control surfaces (Stream Deck via Companion, clickers, LED walls).
// Same meeting service as the sockets; see docs/api.md. Routes of other features
// (meeting preparation) plug in through `moreRoutes`.
import type { IncomingMessage, ServerResponse } from "node:http";
import { hallState } from "../domain/snapshot";
import type { Db } from "./db";
import { findMeeting, listMeetings } from "../live/meeting-data";
import { listSeats } from "../voting/seat-data";
import { isChair, methodNotAllowed, readJson, send, sendError, UNAUTHORIZED } from "./http-kit";
import type { MeetingService } from "../live/meeting-service";
import { lanAddresses } from "./network";

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

export function createHttpApi(deps: { db: Db; chairToken: string; service: MeetingService; moreRoutes?: ApiRoutes[] }) {
  const { db, chairToken, service, moreRoutes = [] } = deps;

  async function route(request: ApiRequest): Promise<void> {
    const { req, res, method, parts, chair } = request;
    const [resource, meetingId, action] = parts;

    if (resource === "health" && parts.length === 1) {
      if (method !== "GET") return methodNotAllowed(res, "GET");
      return send(res, 200, { ok: true, serverTime: service.now() });
    }
    if (resource === "meetings" && parts.length === 1 && method === "GET") {
      if (!chair) return sendError(res, UNAUTHORIZED);
      const meetings = await listMeetings(db);
      return send(res, 200, meetings.map(({ id, title, date, venue, attendeeCode }) => ({ id, title, date, venue, attendeeCode })));
    }
    if (resource === "meetings" && meetingId && parts.length === 3) {
      if (action === "state") {
        if (method !== "GET") return methodNotAllowed(res, "GET");
        const result = await service.snapshot(meetingId);
        if (!result.ok) return sendError(res, result.error);
        return send(res, 200, hallState(result.data, service.now()));
      }
      if (action === "links") {
        if (method !== "GET") return methodNotAllowed(res, "GET");
        if (!chair) return sendError(res, UNAUTHORIZED);
        const meeting = await findMeeting(db, meetingId);
        if (!meeting) return sendError(res, { code: "not_found", message: "没有这个会议。" });
        return send(res, 200, {
          displayPath: `/display/${meeting.id}#token=${meeting.displayToken}`,
          tellerPath: `/tellers/${meeting.id}#token=${meeting.tellerToken ?? chairToken}`,
          joinPath: `/join/${meeting.attendeeCode}`,
          attendeeCode: meeting.attendeeCode,
          lanAddresses: lanAddresses(),
        });
      }
      if (action === "seats" && method === "GET") {
        if (!chair) return sendError(res, UNAUTHORIZED);
        if (!(await findMeeting(db, meetingId))) return sendError(res, { code: "not_found", message: "没有这个会议。" });
        // Codes and labels only: whether a seat has voted is never shown.
        return send(res, 200, await listSeats(db, meetingId));
      }
      if (action === "commands") {
        if (method !== "POST") return methodNotAllowed(res, "POST");
        if (!chair) {
          req.resume();
          return sendError(res, UNAUTHORIZED);
        }
        const body = await readJson(req);
        if (!body.ok) return sendError(res, body.error, body.status);
        const result = await service.command(meetingId, body.value);
        if (!result.ok) return sendError(res, result.error);
        return send(res, 200, hallState(result.data, service.now()));
      }
    }
    for (const more of moreRoutes) {
      if (await more(request)) return;
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
