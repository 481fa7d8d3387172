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
import { ALL_CHAIRS_ROOM, chairRoom, meetingRoom, tellerRoom } from "./rooms";
import { authenticate, guessOf } from "./socket-auth";
import { tooManyGuesses, type GuessLimiter } from "../platform/guess-limiter";

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
    "rehearsal:start": { roles: ["chair"], refusal: CHAIR_ONLY, handle: (socket, input) => service.startRehearsal(socket.data.meetingId, input) },
    "rehearsal:end": { roles: ["chair"], refusal: CHAIR_ONLY, handle: (socket) => service.endRehearsal(socket.data.meetingId) },
    "voting:results": { roles: ["chair"], refusal: CHAIR_ONLY, handle: (socket) => service.results(socket.data.meetingId) },
  };
}

/** Joins the socket's rooms and sends the meeting as it stands, in one step so no change slips in between. */
function enter(socket: DebriefSocket, snapshot: MeetingSnapshot): void {
  const { meetingId, role } = socket.data;
  void socket.join(meetingRoom(meetingId));
  if (role === "chair") void socket.join([chairRoom(meetingId), ALL_CHAIRS_ROOM]);
  if (role === "chair" || role === "teller") void socket.join(tellerRoom(meetingId));
  socket.emit("meeting:updated", snapshot);
}

export function attachSocketHandlers(
  io: DebriefServer,
  deps: { directory: MeetingDirectory; chairToken: string; meetings: LiveMeetings; events: EventTable[]; guesses: GuessLimiter },
): void {
  const { directory, chairToken, meetings, guesses } = deps;
  // Only failures count: an address that keeps failing waits, and is refused without its
  // secret being looked at; a hall joining with the right 会议码 never waits.
  io.use((socket, next) => {
    const address = guesses.addressOf(socket.handshake.address, socket.handshake.headers["x-forwarded-for"]);
    const refuse = (error: { code: string; message: string }) => next(Object.assign(new Error(error.message), { data: error }));
    guessOf(directory, socket.handshake.auth)
      .then(async (guess) => {
        const allowed = guesses.check(guess.kind, address);
        if (!allowed.ok) return refuse(tooManyGuesses(allowed.retryAfterMs));
        const result = await authenticate(directory, chairToken, socket.handshake.auth);
        if (!result.ok) {
          guesses.failed(guess.kind, address, guess.budget);
          return refuse(result.error);
        }
        socket.data = result.data;
        next();
      })
      .catch(() => next(new Error("服务器内部错误，请稍后重连。")));
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
