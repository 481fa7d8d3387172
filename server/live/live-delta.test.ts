// Integration: the live-state delta protocol on the real server. A timer or agenda command
// reaches screens as a small versioned delta; a screen that misses one asks for a snapshot
// and ends exactly where a freshly connected screen starts.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { followMeeting, type LiveDelta } from "../domain/live-delta";
import type { MeetingSnapshot } from "../domain/snapshot";
import { call, clientPool, heldSnapshot, nextSnapshot, startInProcessServer, type InProcessServer, type TestClient } from "../test-support/servers";

let server: InProcessServer;
const pool = clientPool(() => server.url);

beforeEach(async () => {
  server = await startInProcessServer();
});

afterEach(async () => {
  pool.disconnectAll();
  await server.close();
});

const command = (chair: TestClient, type: string, extra: object = {}) => call<MeetingSnapshot>(chair, "meeting:command", { type, ...extra });

describe("live-state deltas", () => {
  it("sends a timer or agenda command as a small delta, and a tablet that missed one resyncs to a fresh snapshot", async () => {
    const { meeting, chairToken } = server;
    const chair = await pool.join({ role: "chair", meetingId: meeting.id, token: chairToken });
    // A tablet that follows by hand, dropping the second delta it receives as a lost packet would.
    const tablet = await pool.join({ role: "attendee", code: meeting.attendeeCode }, { follow: false });
    const deltas: LiveDelta[] = [];
    let syncs = 0;
    const follower = followMeeting({
      onChange: () => {},
      requestSync: () =>
        new Promise((resolve) => {
          syncs++;
          tablet.emit("meeting:sync", (result) => resolve(result.ok ? result.data : null));
        }),
    });
    tablet.on("meeting:updated", follower.snapshot);
    tablet.on("meeting:patched", (delta) => {
      deltas.push(delta);
      if (deltas.length !== 2) follower.delta(delta);
    });
    const first = await call<MeetingSnapshot>(tablet, "meeting:sync");
    if (!first.ok) throw new Error(first.error.message);
    follower.snapshot(first.data);

    expect((await command(chair, "agenda.next")).ok).toBe(true); // speaker ready
    expect((await command(chair, "timer.start")).ok).toBe(true); // reporting: the delta the tablet "loses"
    expect((await command(chair, "timer.adjust", { deltaMs: 60_000 })).ok).toBe(true); // reveals the gap
    const last = await command(chair, "timer.pause");
    expect(last.ok).toBe(true);

    await expect.poll(() => follower.current()?.version).toBe(last.ok ? last.data.version : -1);
    expect(syncs).toBe(1);
    // Each delta is small: the live part only, never the roster or the texts.
    for (const delta of deltas) expect(JSON.stringify(delta).length).toBeLessThan(1024);
    expect(deltas.some((delta) => "roster" in delta || "meeting" in delta)).toBe(false);

    const fresh = await pool.join({ role: "display", meetingId: meeting.id, token: meeting.displayToken });
    await expect.poll(() => heldSnapshot(fresh)).not.toBeNull();
    expect(follower.current()).toEqual(heldSnapshot(fresh));
    expect(follower.current()?.live.timer).toMatchObject({ status: "paused", limitMs: 7 * 60_000 });
  });

  it("ignores a delta it has already applied (stale), and a new screen gets the whole meeting", async () => {
    const { meeting, chairToken } = server;
    const chair = await pool.join({ role: "chair", meetingId: meeting.id, token: chairToken });
    const display = await pool.join({ role: "display", meetingId: meeting.id, token: meeting.displayToken });
    const replayed: LiveDelta[] = [];
    display.on("meeting:patched", (delta) => replayed.push(delta));
    const reporting = nextSnapshot(display, (s) => s.live.timer.status === "running");
    await command(chair, "agenda.next");
    await command(chair, "timer.start");
    const held = await reporting;

    let syncs = 0;
    const follower = followMeeting({ onChange: () => {}, requestSync: async () => (syncs++, null) });
    follower.snapshot(held);
    for (const delta of replayed) follower.delta(delta);
    expect(follower.current()).toBe(held);
    expect(syncs).toBe(0);
    expect(held.roster.length).toBeGreaterThan(0);
  });
});
