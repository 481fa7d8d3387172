// GET /api/meetings/:id/seats — the seat codes to print on the desk cards (chair only).
import type { ApiRoutes } from "../platform/http-api";
import { sendError, send, UNAUTHORIZED } from "../platform/http-kit";
import type { Db } from "../platform/db";
import { findMeeting } from "../live/meeting-data";
import { listSeats } from "./seat-data";

export function seatRoutes(db: Db): ApiRoutes {
  return async function routes({ res, method, parts, chair }) {
    const [resource, meetingId, action] = parts;
    if (resource !== "meetings" || !meetingId || action !== "seats" || parts.length !== 3 || method !== "GET") return false;
    if (!chair) return (sendError(res, UNAUTHORIZED), true);
    if (!(await findMeeting(db, meetingId))) return (sendError(res, { code: "not_found", message: "没有这个会议。" }), true);
    // Codes and labels only: whether a seat has voted is never shown.
    send(res, 200, await listSeats(db, meetingId));
    return true;
  };
}
