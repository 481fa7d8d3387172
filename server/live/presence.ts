// Who follows each meeting, as counts: sockets are tracked from connect to disconnect, and a
// tablet counts as seated once the server has confirmed its seat code (ballot:check). The
// chair's tabs hear the new counts within PRESENCE_BROADCAST_MS of a change.
//
// Several instances (REDIS_URL): each instance counts its own sockets; the counts of the whole
// meeting are the sum of every instance's answer to "presence:count" over the adapter (counts
// only, never which socket or seat). A change on any instance is announced to the others, and
// each instance sends the sum to the chair tabs connected to it.
import { countPresence, sumPresence, DEVICE_CHECK_MS, type Connected, type PresenceCounts } from "../domain/presence";
import { ok } from "../domain/result";
import type { DebriefServer, DebriefSocket, EventTable } from "../platform/socket-kit";
import { throttlePerKey } from "../platform/throttle";
import type { MeetingService } from "./meeting-service";
import { chairRoom, meetingRoom } from "./rooms";

/** Counts reach the chair at most this long after a tablet joins or leaves (the issue allows 2 s). */
const PRESENCE_BROADCAST_MS = 300;

export type Presence = ReturnType<typeof createPresence>;

export function createPresence(io: () => DebriefServer, options: { cluster: boolean } = { cluster: false }) {
  const { cluster } = options;
  const byMeeting = new Map<string, Map<string, Connected>>();
  /** The latest sum asked for per meeting: an older answer arriving later is not sent. */
  const asked = new Map<string, number>();
  let asks = 0;

  // A change here: this instance's chair tabs hear the new sum, and the other instances are told.
  const changed = throttlePerKey(PRESENCE_BROADCAST_MS, (meetingId: string, _changed: true) => {
    if (cluster) io().serverSideEmit("presence:changed", meetingId);
    void sendToChairsHere(meetingId);
  });
  // A change on another instance: only this instance's chair tabs.
  const changedElsewhere = throttlePerKey(PRESENCE_BROADCAST_MS, (meetingId: string, _changed: true) => void sendToChairsHere(meetingId));

  /** This instance's sockets of the meeting. */
  function countsHere(meetingId: string): PresenceCounts {
    return countPresence(byMeeting.get(meetingId)?.values() ?? []);
  }

  /**
   * The whole meeting's counts: this instance's plus every other instance's. An instance that
   * does not answer within the adapter's time limit (killed) counts for nothing: its sockets are gone.
   */
  async function counts(meetingId: string): Promise<PresenceCounts> {
    const here = countsHere(meetingId);
    if (!cluster) return here;
    let elsewhere: PresenceCounts[];
    try {
      elsewhere = await io().serverSideEmitWithAck("presence:count", meetingId);
    } catch (error) {
      elsewhere = (error as { responses?: PresenceCounts[] }).responses ?? [];
      console.error("device counts: an instance did not answer:", error instanceof Error ? error.message : error);
    }
    return sumPresence([here, ...elsewhere]);
  }

  async function sendToChairsHere(meetingId: string): Promise<void> {
    if (!cluster) {
      io().to(chairRoom(meetingId)).emit("presence:changed", countsHere(meetingId));
      return;
    }
    // Asking the other instances is only worth it for a chair tab connected here.
    if (!io().of("/").adapter.rooms.get(chairRoom(meetingId))?.size) return;
    const ticket = ++asks;
    asked.set(meetingId, ticket);
    const sum = await counts(meetingId);
    if (asked.get(meetingId) !== ticket) return;
    asked.delete(meetingId);
    io().local.to(chairRoom(meetingId)).emit("presence:changed", sum);
  }

  /** Counts the socket until it disconnects. */
  function track(socket: DebriefSocket): void {
    const { meetingId, role } = socket.data;
    let sockets = byMeeting.get(meetingId);
    if (!sockets) byMeeting.set(meetingId, (sockets = new Map()));
    sockets.set(socket.id, { role, seated: false });
    changed(meetingId, true);
    socket.once("disconnect", () => {
      const current = byMeeting.get(meetingId);
      current?.delete(socket.id);
      if (current?.size === 0) byMeeting.delete(meetingId);
      changed(meetingId, true);
    });
  }

  /** The tablet's seat code was confirmed by the server. */
  function seated(socket: DebriefSocket): void {
    const entry = byMeeting.get(socket.data.meetingId)?.get(socket.id);
    if (!entry || entry.seated) return;
    entry.seated = true;
    changed(socket.data.meetingId, true);
  }

  /** Listens to the other instances: their question for this instance's counts, and their changes. */
  function listenToInstances(server: DebriefServer): void {
    server.on("presence:count", (meetingId, answer) => answer(countsHere(meetingId)));
    server.on("presence:changed", (meetingId) => changedElsewhere(meetingId, true));
  }

  return {
    track,
    seated,
    counts,
    listenToInstances,
    dispose: () => {
      changed.dispose();
      changedElsewhere.dispose();
    },
  };
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
    "presence:get": { roles: ["chair"], refusal: CHAIR_ONLY, handle: async (socket) => ok(await presence.counts(socket.data.meetingId)) },
    // 设备检查: every tablet and projector of the meeting shows the sign; the chair learns how many were reached.
    "devices:check": {
      roles: ["chair"],
      refusal: CHAIR_ONLY,
      handle: async (socket) => {
        const meetingId = socket.data.meetingId;
        const held = await service.snapshot(meetingId);
        if (!held.ok) return held;
        io().to(meetingRoom(meetingId)).emit("devices:checked", { title: held.data.meeting.title, durationMs: DEVICE_CHECK_MS });
        const { tablets, projectors } = await presence.counts(meetingId);
        return ok({ tablets, projectors });
      },
    },
  };
}
