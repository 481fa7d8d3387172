// Who may connect, and to which meeting: the Socket.IO handshake, checked against the
// in-memory meeting directory. Refusals reach the client as `connect_error`.
import * as z from "zod";
import type { SocketData } from "../domain/events";
import { fail, ok, type Result } from "../domain/result";
import { sameSecret } from "../platform/secrets";
import { tellerTokens, type MeetingDirectory } from "./meeting-directory";
import { ANY_MEETING, type GuessKind } from "../platform/guess-limiter";

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
  const refused = fail<SocketData>("unauthorized", "口令不正确，请使用会议提供的链接。");
  if (hello.role === "chair") return sameSecret(hello.token, chairToken) ? ok({ role: "chair", meetingId: meeting.id }) : refused;
  if (hello.role === "display") return sameSecret(hello.token, meeting.displayToken) ? ok({ role: "display", meetingId: meeting.id }) : refused;
  // Tellers: the 甲 and 乙 links each key as their own side only (socket.data.teller). The
  // meeting's plain teller token and the chair token open the page to watch the round only.
  const tokens = tellerTokens(meeting, chairToken);
  // Every comparison runs, so the time taken does not tell which one matched.
  const matches = (["A", "B"] as const).map((side) => [side, sameSecret(hello.token, tokens[side])] as const);
  const side = matches.find(([, matched]) => matched)?.[0];
  if (side) return ok({ role: "teller", meetingId: meeting.id, teller: side });
  const reader = [sameSecret(hello.token, tokens.read), sameSecret(hello.token, chairToken)].some(Boolean);
  return reader ? ok({ role: "teller", meetingId: meeting.id }) : refused;
}

/**
 * Which secret a handshake tries, and whose failure budget a wrong one counts against: a
 * display or teller token its meeting's; a 会议码 or the chair token (one for the whole
 * server) the server's. Ids of meetings that do not exist never become budgets.
 */
export async function guessOf(directory: MeetingDirectory, auth: unknown): Promise<{ kind: GuessKind; budget: string }> {
  const hello = (auth && typeof auth === "object" ? auth : {}) as { role?: unknown; meetingId?: unknown };
  if (hello.role === "attendee") return { kind: "code", budget: ANY_MEETING };
  const perMeeting = (hello.role === "display" || hello.role === "teller") && typeof hello.meetingId === "string" && hello.meetingId.length <= 64;
  const meeting = perMeeting ? await directory.byId(hello.meetingId as string) : null;
  return { kind: "token", budget: meeting?.id ?? ANY_MEETING };
}
