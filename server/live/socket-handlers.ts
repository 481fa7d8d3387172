// Socket.IO transport of the live meeting: authenticate the handshake, put the socket in
// its rooms with the meeting's snapshot, and for each event parse → call the meeting
// service → ack. Broadcasting happens in the publisher (app.ts).
import type { Role } from "../domain/events";
import { ok } from "../domain/result";
import type { MeetingSnapshot } from "../domain/snapshot";
import { listenOn, type DebriefServer, type DebriefSocket, type EventTable } from "../platform/socket-kit";
import type { LiveMeetings } from "./live-meetings";
import type { MeetingDirectory } from "./meeting-directory";
import type { MeetingService } from "./meeting-service";
import { chairRoom, meetingRoom, tellerRoom } from "./rooms";
import { authenticate } from "./socket-auth";

const EVERYONE: Role[] = ["chair", "display", "attendee", "teller"];
const CHAIR_ONLY = "只有主持人可以操作会议。";

export function liveEvents(service: MeetingService): EventTable {
  return {
    "meeting:sync": { roles: EVERYONE, refusal: CHAIR_ONLY, handle: (socket) => service.snapshot(socket.data.meetingId) },
    "clock:ping": { roles: EVERYONE, refusal: CHAIR_ONLY, handle: async () => ok({ serverTime: service.now() }) },
    "meeting:command": { roles: ["chair"], refusal: CHAIR_ONLY, handle: (socket, command) => service.command(socket.data.meetingId, command) },
    "comment:list": { roles: ["chair"], refusal: CHAIR_ONLY, handle: (socket) => service.comments(socket.data.meetingId) },
    "comment:save": { roles: ["chair"], refusal: CHAIR_ONLY, handle: (socket, input) => service.saveComment(socket.data.meetingId, input) },
    "comment:delete": { roles: ["chair"], refusal: CHAIR_ONLY, handle: (socket, input) => service.deleteComment(socket.data.meetingId, input) },
    "voting:results": { roles: ["chair"], refusal: CHAIR_ONLY, handle: (socket) => service.results(socket.data.meetingId) },
  };
}

/** Joins the socket's rooms and sends the meeting as it stands, in one step so no change slips in between. */
function enter(socket: DebriefSocket, snapshot: MeetingSnapshot): void {
  const { meetingId, role } = socket.data;
  void socket.join(meetingRoom(meetingId));
  if (role === "chair") void socket.join(chairRoom(meetingId));
  if (role === "chair" || role === "teller") void socket.join(tellerRoom(meetingId));
  socket.emit("meeting:updated", snapshot);
}

export function attachSocketHandlers(
  io: DebriefServer,
  deps: { directory: MeetingDirectory; chairToken: string; meetings: LiveMeetings; events: EventTable[] },
): void {
  const { directory, chairToken, meetings } = deps;
  io.use((socket, next) => {
    authenticate(directory, chairToken, socket.handshake.auth).then(
      (result) => {
        if (!result.ok) return next(Object.assign(new Error(result.error.message), { data: result.error }));
        socket.data = result.data;
        next();
      },
      () => next(new Error("服务器内部错误，请稍后重连。")),
    );
  });

  const listen = listenOn(deps.events);
  io.on("connection", (socket) => {
    listen(socket);
    // A full snapshot on every connect, so a reconnecting page resyncs by itself.
    const held = meetings.peek(socket.data.meetingId);
    if (held) return enter(socket, held.snapshot);
    meetings.get(socket.data.meetingId).then(
      (record) => {
        if (record && socket.connected) enter(socket, record.snapshot);
      },
      (error: unknown) => console.error("loading the meeting failed:", error),
    );
  });
}
