// Socket.IO transport: authenticate the handshake, then for each event
// parse → call the meeting service → ack. Broadcasting happens in the publisher.
import type { Server, Socket } from "socket.io";
import { z } from "zod";
import type { ClientToServerEvents, Role, ServerToClientEvents, SocketData } from "../domain/events";
import { fail, type Result } from "../domain/result";
import type { Db } from "../platform/db";
import { findMeeting, findMeetingByCode } from "./meeting-data";
import type { MeetingService } from "./meeting-service";
import { sameSecret } from "../platform/secrets";
import type { VotingService } from "../voting/voting-service";

export type DebriefServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type DebriefSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const handshakeSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("chair"), meetingId: z.string().min(1).max(64), token: z.string().min(1).max(200) }),
  z.object({ role: z.literal("display"), meetingId: z.string().min(1).max(64), token: z.string().min(1).max(200) }),
  z.object({ role: z.literal("teller"), meetingId: z.string().min(1).max(64), token: z.string().min(1).max(200) }),
  z.object({ role: z.literal("attendee"), code: z.string().regex(/^\d{6}$/) }),
]);

export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
export const chairRoom = (meetingId: string) => `meeting:${meetingId}:chair`;
/** Chair and tellers: paper ballot entry. */
export const tellerRoom = (meetingId: string) => `meeting:${meetingId}:tellers`;

/** Who may connect, and to which meeting. Refusals reach the client as `connect_error`. */
async function authenticate(db: Db, chairToken: string, auth: unknown): Promise<Result<SocketData>> {
  const parsed = handshakeSchema.safeParse(auth);
  if (!parsed.success) return fail("unauthorized", "连接信息无效：请使用会议提供的链接或会议码。");
  const hello = parsed.data;
  if (hello.role === "attendee") {
    const meeting = await findMeetingByCode(db, hello.code);
    return meeting ? { ok: true, data: { role: "attendee", meetingId: meeting.id } } : fail("unauthorized", "会议码不正确。");
  }
  const meeting = await findMeeting(db, hello.meetingId);
  if (!meeting) return fail("not_found", "没有这个会议。");
  // Tellers use their own token; the chair's also opens the tellers' page.
  const accepted =
    hello.role === "chair"
      ? [chairToken]
      : hello.role === "display"
        ? [meeting.displayToken]
        : [meeting.tellerToken, chairToken].filter((t): t is string => !!t);
  if (!accepted.some((token) => sameSecret(hello.token, token))) {
    return fail("unauthorized", "口令不正确，请使用会议提供的链接。");
  }
  return { ok: true, data: { role: hello.role, meetingId: meeting.id } };
}

type AckFn<T> = (result: Result<T>) => void;

/**
 * Wraps a handler so that a missing ack, a thrown error or a forbidden role never
 * crashes the server or leaks a stack trace: the client gets a Result either way.
 */
function handle<T>(
  socket: DebriefSocket,
  roles: Role[],
  work: (payload: unknown) => Promise<Result<T>>,
): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack: AckFn<T> = typeof last === "function" ? (last as AckFn<T>) : () => {};
    const payload = typeof args[0] === "function" ? undefined : args[0];
    if (!roles.includes(socket.data.role)) {
      ack(fail("unauthorized", roles.includes("attendee") ? "只有参会人员的平板可以投票。" : "只有主持人可以操作会议。"));
      return;
    }
    work(payload).then(ack, (error: unknown) => {
      console.error("socket handler failed:", error);
      ack(fail("internal", "服务器内部错误，操作未生效。"));
    });
  };
}

export function attachSocketHandlers(
  io: DebriefServer,
  db: Db,
  chairToken: string,
  service: MeetingService,
  voting: VotingService,
): void {
  io.use((socket, next) => {
    authenticate(db, chairToken, socket.handshake.auth).then(
      (result) => {
        if (!result.ok) return next(Object.assign(new Error(result.error.message), { data: result.error }));
        socket.data = result.data;
        next();
      },
      () => next(new Error("服务器内部错误，请稍后重连。")),
    );
  });

  io.on("connection", (socket) => {
    const { meetingId, role } = socket.data;
    void socket.join(meetingRoom(meetingId));
    if (role === "chair") void socket.join(chairRoom(meetingId));
    if (role === "chair" || role === "teller") void socket.join(tellerRoom(meetingId));

    // A full snapshot on every connect, so a reconnecting page resyncs by itself.
    void service.snapshot(meetingId).then((result) => {
      if (result.ok) socket.emit("meeting:updated", result.data);
    });

    const everyone: Role[] = ["chair", "display", "attendee", "teller"];
    const tellers: Role[] = ["chair", "teller"];
    socket.on("meeting:sync", handle(socket, everyone, () => service.snapshot(meetingId)));
    socket.on("clock:ping", handle(socket, everyone, async () => ({ ok: true, data: { serverTime: service.now() } })));
    socket.on("meeting:command", handle(socket, ["chair"], (command) => service.command(meetingId, command)));
    socket.on("comment:list", handle(socket, ["chair"], () => service.comments(meetingId)));
    socket.on("comment:save", handle(socket, ["chair"], (input) => service.saveComment(meetingId, input)));
    socket.on("comment:delete", handle(socket, ["chair"], (input) => service.deleteComment(meetingId, input)));
    socket.on("voting:results", handle(socket, ["chair"], () => service.results(meetingId)));
    socket.on("ballot:submit", handle(socket, ["attendee"], (input) => voting.submitBallot(meetingId, input)));
    socket.on("ballot:check", handle(socket, ["attendee"], (input) => voting.checkSeat(meetingId, input)));
    socket.on("paper:state", handle(socket, tellers, () => voting.paper(meetingId)));
    socket.on("paper:entry", handle(socket, tellers, (input) => voting.savePaperEntry(meetingId, input)));
    socket.on("paper:counts", handle(socket, tellers, (input) => voting.setPaperCounts(meetingId, input)));
    socket.on("paper:void", handle(socket, tellers, () => voting.voidPaperRound(meetingId)));
  });
}
