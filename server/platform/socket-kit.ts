// What every Socket.IO event handler needs: the typed server and socket, and one wrapper
// that turns a handler into a listener answering with a Result — whatever the client sent,
// a missing ack, a thrown error or a role that may not send the event.
import type { Server, Socket } from "socket.io";
import type { PresenceCounts } from "../domain/presence";
import type { ClientToServerEvents, Role, ServerToClientEvents, SocketData } from "../domain/events";
import { fail, type Result } from "../domain/result";

/** What instances tell each other through the Redis adapter (several instances, one meeting). */
export interface InterServerEvents {
  /** The meeting is at `version` now: an instance holding an older one reads it afresh. */
  "meeting:changed": (meetingId: string, version: number) => void;
  /** Ballots were counted: each instance sends its own sockets the progress (once per interval). */
  "voting:counted": (meetingId: string, expectedVoters: number) => void;
  /** Voting is closing on another instance: write the ballots waiting here, then answer. */
  "voting:flush": (meetingId: string, done: (written: number) => void) => void;
  /** 结束彩排 on another instance (which holds the meeting's lock): drop the rehearsal's ballots waiting here, then answer. */
  "voting:rehearsal-ended": (meetingId: string, done: (dropped: number) => void) => void;
  /** This instance's device counts of the meeting (counts only: never which socket or seat). */
  "presence:count": (meetingId: string, answer: (counts: PresenceCounts) => void) => void;
  /** Screens joined or left the meeting on another instance: chair tabs here hear the new sum. */
  "presence:changed": (meetingId: string) => void;
}

export type DebriefServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type DebriefSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export type EventName = keyof ClientToServerEvents;
/** One handler per event: gets the socket and the payload (undefined when the event carries none). */
export type EventHandler = (socket: DebriefSocket, payload: unknown) => Promise<Result<unknown>>;
export interface EventRule {
  roles: Role[];
  /** Why the other roles are refused, for the ack. */
  refusal: string;
  handle: EventHandler;
}
export type EventTable = Partial<Record<EventName, EventRule>>;

type Listener = (this: DebriefSocket, ...args: unknown[]) => void;

/**
 * One listener per event for all sockets (the socket is `this`), not a closure per socket:
 * 3000 tablets would otherwise hold 3000 copies of every handler.
 */
function listenerFor(rule: EventRule): Listener {
  return function (this: DebriefSocket, ...args: unknown[]) {
    const last = args[args.length - 1];
    const ack = typeof last === "function" ? (last as (result: Result<unknown>) => void) : () => {};
    const payload = typeof args[0] === "function" ? undefined : args[0];
    if (!rule.roles.includes(this.data.role)) {
      ack(fail("unauthorized", rule.refusal));
      return;
    }
    rule.handle(this, payload).then(ack, (error: unknown) => {
      console.error("socket handler failed:", error);
      ack(fail("internal", "服务器内部错误，操作未生效。"));
    });
  };
}

/** Registers the tables' listeners on every socket that connects. */
export function listenOn(tables: EventTable[]): (socket: DebriefSocket) => void {
  const listeners = tables.flatMap((table) =>
    (Object.entries(table) as Array<[EventName, EventRule]>).map(([event, rule]) => [event, listenerFor(rule)] as const),
  );
  return (socket) => {
    for (const [event, listener] of listeners) socket.on(event, listener as ClientToServerEvents[typeof event]);
  };
}
