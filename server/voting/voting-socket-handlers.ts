// Socket.IO events of the 民主测评: tablets' ballots, and the tellers' paper entry.
// Transport only: the voting service validates and decides.
import type { Role } from "../domain/events";
import { TELLER_LABEL } from "../domain/paper-ballots";
import { fail, ok } from "../domain/result";
import { tooManyGuesses, type GuessLimiter } from "../platform/guess-limiter";
import type { DebriefSocket, EventHandler, EventTable } from "../platform/socket-kit";
import type { VotingService } from "./voting-service";

const TELLERS: Role[] = ["chair", "teller"];
const TABLETS_ONLY = "只有参会人员的平板可以投票。";
const CHAIR_ONLY = "只有主持人可以操作会议。";
const TELLER_LINK_ONLY = "纸质票只能由计票人甲、乙在各自的计票链接中录入。";

/** Tells the tablet its ballot is written, if it is still connected (else its next check says so). */
function counted(socket: DebriefSocket, input: unknown): () => void {
  const key = typeof input === "object" && input !== null ? Reflect.get(input, "key") : undefined;
  return () => {
    if (typeof key === "string" && socket.connected) socket.emit("ballot:counted", { key });
  };
}

/**
 * A seat code is a secret too: an address that keeps sending wrong ones (`not_found`) waits,
 * and while it waits its seat code is not looked at. Right codes never count.
 */
function limitSeatGuesses(guesses: GuessLimiter, handle: EventHandler): EventHandler {
  return async (socket, input) => {
    const address = guesses.addressOf(socket.handshake.address, socket.handshake.headers["x-forwarded-for"]);
    const allowed = guesses.check("seat", address);
    if (!allowed.ok) return { ok: false, error: tooManyGuesses(allowed.retryAfterMs) };
    const result = await handle(socket, input);
    if (!result.ok && result.error.code === "not_found") guesses.failed("seat", address, socket.data.meetingId);
    return result;
  };
}

/**
 * Paper entry and counts are keyed as the side of the socket's link (socket.data.teller), never
 * as the side the page names: input naming the other side, and any input from a link without a
 * side (the plain teller token, the chair), is refused and changes nothing.
 */
function asOwnSide(handle: EventHandler): EventHandler {
  return (socket, input) => {
    const side = socket.data.teller;
    if (!side) return Promise.resolve(fail("unauthorized", "此链接只能查看，不能录入：请使用计票人甲或乙各自的计票链接。"));
    const named: unknown = typeof input === "object" && input !== null ? Reflect.get(input, "teller") : undefined;
    const other = side === "A" ? "B" : "A";
    if (named === other) {
      return Promise.resolve(fail("unauthorized", `本页是计票人${TELLER_LABEL[side]}的链接，不能以计票人${TELLER_LABEL[other]}的身份录入。`));
    }
    return handle(socket, input);
  };
}

export function votingEvents(voting: VotingService, guesses: GuessLimiter): EventTable {
  return {
    "ballot:submit": { roles: ["attendee"], refusal: TABLETS_ONLY, handle: limitSeatGuesses(guesses, (socket, input) => voting.submitBallot(socket.data.meetingId, input, counted(socket, input))) },
    "ballot:check": { roles: ["attendee"], refusal: TABLETS_ONLY, handle: limitSeatGuesses(guesses, (socket, input) => voting.checkSeat(socket.data.meetingId, input)) },
    "paper:state": { roles: TELLERS, refusal: CHAIR_ONLY, handle: (socket) => voting.paper(socket.data.meetingId) },
    "paper:side": { roles: TELLERS, refusal: CHAIR_ONLY, handle: async (socket) => ok({ teller: socket.data.teller ?? null }) },
    "paper:entry": { roles: ["teller"], refusal: TELLER_LINK_ONLY, handle: asOwnSide((socket, input) => voting.savePaperEntry(socket.data.meetingId, input)) },
    "paper:counts": { roles: ["teller"], refusal: TELLER_LINK_ONLY, handle: asOwnSide((socket, input) => voting.setPaperCounts(socket.data.meetingId, input)) },
    // A void is the chair's to confirm, on the console: a teller alone can never void a round.
    "paper:void": { roles: ["chair"], refusal: "只有主持人可以在控制台确认作废本轮。", handle: (socket) => voting.voidPaperRound(socket.data.meetingId) },
  };
}
