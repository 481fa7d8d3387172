// Who follows each meeting, as counts: sockets are tracked from connect to disconnect, and a
// tablet counts as seated once the server has confirmed its seat code (ballot:check). The
// chair's tabs hear the new counts within PRESENCE_BROADCAST_MS of a change.
import { countPresence, DEVICE_CHECK_MS, type Connected, type PresenceCounts } from "../domain/presence";
import { ok } from "../domain/result";
import type { DebriefServer, DebriefSocket, EventTable } from "../platform/socket-kit";
import { throttlePerKey } from "../platform/throttle";
import type { MeetingService } from "./meeting-service";
import { chairRoom, meetingRoom } from "./rooms";

/** Counts reach the chair at most this long after a tablet joins or leaves (the issue allows 2 s). */
const PRESENCE_BROADCAST_MS = 300;

export type Presence = ReturnType<typeof createPresence>;

export function createPresence(io: () => DebriefServer) {
  const byMeeting = new Map<string, Map<string, Connected>>();
  const broadcast = throttlePerKey(PRESENCE_BROADCAST_MS, (meetingId: string, _changed: true) => {
    io().to(chairRoom(meetingId)).emit("presence:changed", counts(meetingId));
  });

  function counts(meetingId: string): PresenceCounts {
    return countPresence(byMeeting.get(meetingId)?.values() ?? []);
  }

  /** Counts the socket until it disconnects. */
  function track(socket: DebriefSocket): void {
    const { meetingId, role } = socket.data;
    let sockets = byMeeting.get(meetingId);
    if (!sockets) byMeeting.set(meetingId, (sockets = new Map()));
    sockets.set(socket.id, { role, seated: false });
    broadcast(meetingId, true);
    socket.once("disconnect", () => {
      const current = byMeeting.get(meetingId);
      current?.delete(socket.id);
      if (current?.size === 0) byMeeting.delete(meetingId);
      broadcast(meetingId, true);
    });
  }

  /** The tablet's seat code was confirmed by the server. */
  function seated(socket: DebriefSocket): void {
    const entry = byMeeting.get(socket.data.meetingId)?.get(socket.id);
    if (!entry || entry.seated) return;
    entry.seated = true;
    broadcast(socket.data.meetingId, true);
  }

  return { track, seated, counts, dispose: () => broadcast.dispose() };
}

/** Wraps the voting table's `ballot:check` so a confirmed seat code counts the tablet as seated. */
export function withSeatPresence(table: EventTable, presence: Presence): EventTable {
  const check = table["ballot:check"];
  if (!check) return table;
  return {
    ...table,
    "ballot:check": {
      ...check,
      handle: async (socket, input) => {
        const result = await check.handle(socket, input);
        if (result.ok) presence.seated(socket);
        return result;
      },
    },
  };
}

const CHAIR_ONLY = "只有主持人可以操作会议。";

export function presenceEvents(presence: Presence, service: MeetingService, io: () => DebriefServer): EventTable {
  return {
    "presence:get": { roles: ["chair"], refusal: CHAIR_ONLY, handle: async (socket) => ok(presence.counts(socket.data.meetingId)) },
    // 设备检查: every tablet and projector of the meeting shows the sign; the chair learns how many were reached.
    "devices:check": {
      roles: ["chair"],
      refusal: CHAIR_ONLY,
      handle: async (socket) => {
        const meetingId = socket.data.meetingId;
        const held = await service.snapshot(meetingId);
        if (!held.ok) return held;
        io().to(meetingRoom(meetingId)).emit("devices:checked", { title: held.data.meeting.title, durationMs: DEVICE_CHECK_MS });
        const { tablets, projectors } = presence.counts(meetingId);
        return ok({ tablets, projectors });
      },
    },
  };
}
