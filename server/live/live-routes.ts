// HTTP routes of the live meeting, for hall control surfaces (Stream Deck via Companion,
// clickers, LED walls): the meetings, where one stands, its links, and the chair's
// commands — the same meeting service as the chair console's sockets. See docs/api.md.
import { hallState } from "../domain/snapshot";
import type { ApiRoutes } from "../platform/http-api";
import { methodNotAllowed, readJson, send, sendError, UNAUTHORIZED } from "../platform/http-kit";
import { lanAddresses } from "../platform/network";
import type { Db } from "../platform/db";
import { listMeetings } from "./meeting-data";
import { tellerPaths, type MeetingDirectory } from "./meeting-directory";
import type { MeetingService } from "./meeting-service";
import type { Presence } from "./presence";

export function liveRoutes(deps: { db: Db; chairToken: string; service: MeetingService; directory: MeetingDirectory; presence: Presence }): ApiRoutes {
  const { db, chairToken, service, directory, presence } = deps;

  return async function routes(request) {
    const { req, res, method, parts, chair } = request;
    const [resource, meetingId, action] = parts;

    if (resource === "meetings" && parts.length === 1 && method === "GET") {
      if (!chair) return (sendError(res, UNAUTHORIZED), true);
      const meetings = await listMeetings(db);
      send(res, 200, meetings.map(({ id, title, date, venue, attendeeCode }) => ({ id, title, date, venue, attendeeCode })));
      return true;
    }
    if (resource !== "meetings" || !meetingId || parts.length !== 3) return false;

    if (action === "state") {
      if (method !== "GET") return (methodNotAllowed(res, "GET"), true);
      const result = await service.snapshot(meetingId);
      if (!result.ok) sendError(res, result.error);
      else send(res, 200, hallState(result.data, service.now()));
      return true;
    }
    if (action === "links") {
      if (method !== "GET") return (methodNotAllowed(res, "GET"), true);
      if (!chair) return (sendError(res, UNAUTHORIZED), true);
      const meeting = await directory.byId(meetingId);
      if (!meeting) return (sendError(res, { code: "not_found", message: "没有这个会议。" }), true);
      send(res, 200, {
        displayPath: `/display/${meeting.id}#token=${meeting.displayToken}`,
        // 甲 and 乙 key the paper ballots, each as its own side; the plain link only watches.
        tellerPaths: tellerPaths(meeting, chairToken),
        joinPath: `/join/${meeting.attendeeCode}`,
        attendeeCode: meeting.attendeeCode,
        lanAddresses: lanAddresses(),
      });
      return true;
    }
    if (action === "presence") {
      if (method !== "GET") return (methodNotAllowed(res, "GET"), true);
      if (!chair) return (sendError(res, UNAUTHORIZED), true);
      if (!(await directory.byId(meetingId))) return (sendError(res, { code: "not_found", message: "没有这个会议。" }), true);
      send(res, 200, await presence.counts(meetingId));
      return true;
    }
    if (action === "rehearsal") {
      if (method !== "POST" && method !== "DELETE") return (methodNotAllowed(res, "POST, DELETE"), true);
      if (!chair) {
        req.resume();
        return (sendError(res, UNAUTHORIZED), true);
      }
      let result;
      if (method === "POST") {
        const body = await readJson(req);
        if (!body.ok) return (sendError(res, body.error, body.status), true);
        result = await service.startRehearsal(meetingId, body.value);
      } else {
        req.resume();
        result = await service.endRehearsal(meetingId);
      }
      if (!result.ok) sendError(res, result.error);
      else send(res, method === "POST" ? 201 : 200, hallState(result.data, service.now()));
      return true;
    }
    if (action === "commands") {
      if (method !== "POST") return (methodNotAllowed(res, "POST"), true);
      if (!chair) {
        req.resume();
        return (sendError(res, UNAUTHORIZED), true);
      }
      const body = await readJson(req);
      if (!body.ok) return (sendError(res, body.error, body.status), true);
      const result = await service.command(meetingId, body.value);
      if (!result.ok) sendError(res, result.error);
      else send(res, 200, hallState(result.data, service.now()));
      return true;
    }
    return false;
  };
}
