// The one event map shared by the Socket.IO server and every browser client.
// Names read `entity:verb`; broadcasts are in the past tense.
import type { MeetingSnapshot, VotingProgress } from "./snapshot";
import type { Tally } from "./tally";
import type { PaperState } from "./paper-ballots";
import type { Result } from "./result";
import type { CommentView } from "./comments";
import type { LiveDelta } from "./live-delta";
import type { DeviceCheck, PresenceCounts } from "./presence";

export type Role = "chair" | "display" | "attendee" | "teller";

export type Ack<T> = (result: Result<T>) => void;

export interface ClientToServerEvents {
  /** Full snapshot on demand (also pushed on every connect). */
  "meeting:sync": (ack: Ack<MeetingSnapshot>) => void;
  /** Chair only. Payload is a MeetingCommand; validated on the server. */
  "meeting:command": (command: unknown, ack: Ack<MeetingSnapshot>) => void;
  /** Replies with the server clock so each client can measure its own offset. */
  "clock:ping": (ack: Ack<{ serverTime: number }>) => void;
  /** Chair only: every 点评 of the meeting. */
  "comment:list": (ack: Ack<CommentView[]>) => void;
  /** Chair only. Idempotent upsert by the client-generated id. */
  "comment:save": (input: unknown, ack: Ack<CommentView>) => void;
  "comment:delete": (input: unknown, ack: Ack<{ id: string }>) => void;
  /**
   * Attendee: one ballot per seat; `{ seatCode, key, marks }`. Idempotent per key. "waiting":
   * received, to be written with others; "ballot:counted" follows once it is.
   */
  "ballot:submit": (input: unknown, ack: Ack<{ status: "waiting" | "already_counted" }>) => void;
  /** Attendee: is this seat code valid, and has its ballot been received or counted (from this tablet's key)? */
  "ballot:check": (input: unknown, ack: Ack<{ label: string; status: "not_voted" | "waiting" | "counted" | "used_elsewhere" }>) => void;
  /** Chair: the frozen tally once voting is closed, published or not. */
  "voting:results": (ack: Ack<Tally>) => void;
  /** Chair and tellers: paper ballot entry (`paper:entry`/`paper:counts` only from a 甲 or 乙 link, as that side). */
  "paper:state": (ack: Ack<PaperState>) => void;
  "paper:entry": (input: unknown, ack: Ack<PaperState>) => void;
  "paper:counts": (input: unknown, ack: Ack<PaperState>) => void;
  "paper:void": (ack: Ack<PaperState>) => void;
  /** Tellers: which side this socket's link keys (甲 "A" / 乙 "B"), or null for a read-only link. */
  "paper:side": (ack: Ack<{ teller: "A" | "B" | null }>) => void;
  /** Chair: 开始彩排 `{ speed: 1 | 10 }` / 结束彩排 (see domain/rehearsal.ts). */
  "rehearsal:start": (input: unknown, ack: Ack<MeetingSnapshot>) => void;
  "rehearsal:end": (ack: Ack<MeetingSnapshot>) => void;
  /** Chair: how many screens follow the meeting now (counts only). */
  "presence:get": (ack: Ack<PresenceCounts>) => void;
  /** Chair: 设备检查 — every tablet and projector shows the sign; answers how many were reached. */
  "devices:check": (ack: Ack<{ tablets: number; projectors: number }>) => void;
}

export interface ServerToClientEvents {
  /** The whole meeting: on connect, and when the roster, its texts or the published results change. */
  "meeting:updated": (snapshot: MeetingSnapshot) => void;
  /** What a command changed in the live state (see live-delta.ts); a gap in versions asks for "meeting:sync". */
  "meeting:patched": (delta: LiveDelta) => void;
  "comment:saved": (comment: CommentView) => void;
  "comment:deleted": (ref: { id: string }) => void;
  /** Counts only (应到 / 已提交 / paper), throttled. */
  "voting:progressed": (progress: VotingProgress) => void;
  /** To the chair and tellers. */
  "paper:updated": (state: PaperState) => void;
  /** To the tablet that sent the ballot with this key: it is now written, with others. */
  "ballot:counted": (ballot: { key: string }) => void;
  /** To the chair: counts of the screens following the meeting, soon after one joins or leaves. */
  "presence:changed": (counts: PresenceCounts) => void;
  /** To every screen: show the 设备检查 sign for `durationMs`. */
  "devices:checked": (check: DeviceCheck) => void;
  /** To the chair: wrong 会议码, tokens or seat codes beyond the meeting's budget (at most once a minute). */
  "security:alerted": (alert: GuessingAlert) => void;
}

/** What the chair console shows when someone is guessing a secret of the meeting (or the server's 会议码). */
export interface GuessingAlert {
  kind: "code" | "token" | "seat";
  /** Wrong tries counted in the last minute, all addresses together. */
  failures: number;
  at: number;
  /** e.g. "有人在尝试猜测会议码：1 分钟内 75 次错误尝试，已放慢所有出错的尝试。" */
  message: string;
}

export interface SocketData {
  role: Role;
  meetingId: string;
  /**
   * Teller sockets only: the side (甲 "A" / 乙 "B") the link's token belongs to. Absent for the
   * meeting's plain teller token and the chair token, which may only read the paper round.
   */
  teller?: "A" | "B";
}

/** What each role puts in the Socket.IO handshake `auth`. */
export type HandshakeAuth =
  | { role: "chair"; meetingId: string; token: string }
  | { role: "display"; meetingId: string; token: string }
  | { role: "teller"; meetingId: string; token: string }
  | { role: "attendee"; code: string };
