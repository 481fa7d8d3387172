// The one event map shared by the Socket.IO server and every browser client.
// Names read `entity:verb`; broadcasts are in the past tense.
import type { MeetingSnapshot } from "./snapshot";
import type { Result } from "./result";
import type { CommentView } from "./comments";

export type Role = "chair" | "display" | "attendee";

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
}

export interface ServerToClientEvents {
  "meeting:updated": (snapshot: MeetingSnapshot) => void;
  "comment:saved": (comment: CommentView) => void;
  "comment:deleted": (ref: { id: string }) => void;
}

export interface SocketData {
  role: Role;
  meetingId: string;
}

/** What each role puts in the Socket.IO handshake `auth`. */
export type HandshakeAuth =
  | { role: "chair"; meetingId: string; token: string }
  | { role: "display"; meetingId: string; token: string }
  | { role: "attendee"; code: string };
