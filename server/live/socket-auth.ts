// Who may connect, and to which meeting: the Socket.IO handshake, checked against the
// in-memory meeting directory. Refusals reach the client as `connect_error`.
import { z } from "zod";
import type { SocketData } from "../domain/events";
import { fail, ok, type Result } from "../domain/result";
import { sameSecret } from "../platform/secrets";
import type { MeetingDirectory } from "./meeting-directory";

const handshakeSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("chair"), meetingId: z.string().min(1).max(64), token: z.string().min(1).max(200) }),
  z.object({ role: z.literal("display"), meetingId: z.string().min(1).max(64), token: z.string().min(1).max(200) }),
  z.object({ role: z.literal("teller"), meetingId: z.string().min(1).max(64), token: z.string().min(1).max(200) }),
  z.object({ role: z.literal("attendee"), code: z.string().regex(/^\d{6}$/) }),
]);

export async function authenticate(directory: MeetingDirectory, chairToken: string, auth: unknown): Promise<Result<SocketData>> {
  const parsed = handshakeSchema.safeParse(auth);
  if (!parsed.success) return fail("unauthorized", "连接信息无效：请使用会议提供的链接或会议码。");
  const hello = parsed.data;
  if (hello.role === "attendee") {
    const meeting = await directory.byCode(hello.code);
    return meeting ? ok({ role: "attendee", meetingId: meeting.id }) : fail("unauthorized", "会议码不正确。");
  }
  const meeting = await directory.byId(hello.meetingId);
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
  return ok({ role: hello.role, meetingId: meeting.id });
}
