// Integration: the real server (HTTP API + Socket.IO) on an ephemeral port with a temp
// database, and real socket.io-client connections as chair, projector and tablet.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Result } from "../domain/result";
import type { MeetingSnapshot } from "../domain/snapshot";
import type { CommentView } from "../domain/comments";
import { call, clientPool, connectClient, nextSnapshot, startInProcessServer, type InProcessServer, type TestClient } from "../test-support/servers";

let server: InProcessServer;
const pool = clientPool(() => server.url);
const join = pool.join;



function sync(client: TestClient): Promise<Result<MeetingSnapshot>> {
  return new Promise((resolve) => client.emit("meeting:sync", resolve));
}

beforeEach(async () => {
  server = await startInProcessServer();
});

afterEach(async () => {
  pool.disconnectAll();
  await server.close();
});

describe("realtime", () => {
  it("a chair command reaches the projector and the tablet", async () => {
    const { meeting, chairToken } = server;
    const chair = await join({ role: "chair", meetingId: meeting.id, token: chairToken });
    const display = await join({ role: "display", meetingId: meeting.id, token: meeting.displayToken });
    const tablet = await join({ role: "attendee", code: meeting.attendeeCode });

    const displaySees = nextSnapshot(display, (s) => s.live.timer.status === "running");
    const tabletSees = nextSnapshot(tablet, (s) => s.live.timer.status === "running");
    expect((await call<MeetingSnapshot>(chair, "meeting:command", { type: "agenda.next" })).ok).toBe(true);
    const started = await call<MeetingSnapshot>(chair, "meeting:command", { type: "timer.start" });
    expect(started.ok).toBe(true);

    const [onDisplay, onTablet] = await Promise.all([displaySees, tabletSees]);
    for (const snapshot of [onDisplay, onTablet]) {
      expect(snapshot.live.cursor).toMatchObject({ item: "reports", stage: "reporting" });
      const cursor = snapshot.live.cursor;
      const speaker = snapshot.roster.find((e) => cursor.item === "reports" && e.id === cursor.speakerId);
      expect(speaker?.unit).toBe("城东街道党工委");
    }
    expect(onDisplay.version).toBe(onTablet.version);
  });

  it("refuses any change from a projector or a tablet, and the meeting stays as it was", async () => {
    const { meeting } = server;
    const display = await join({ role: "display", meetingId: meeting.id, token: meeting.displayToken });
    const tablet = await join({ role: "attendee", code: meeting.attendeeCode });
    const before = await sync(display);

    for (const client of [display, tablet]) {
      const refused = await call<MeetingSnapshot>(client, "meeting:command", { type: "agenda.next" });
      expect(refused).toMatchObject({ ok: false, error: { code: "unauthorized" } });
      const comment = await call<CommentView>(client, "comment:save", { id: "abcdefgh1", speakerId: "x", tag: "problem", text: "x" });
      expect(comment.ok).toBe(false);
    }
    const after = await sync(tablet);
    expect(after.ok && before.ok && after.data.version).toBe(before.ok && before.data.version);
    expect(after.ok && after.data.live.cursor).toEqual({ item: "pending" });
  });

  it("refuses connections with a wrong token or code", async () => {
    const { meeting } = server;
    await expect(connectClient(server.url, { role: "chair", meetingId: meeting.id, token: "wrong" })).rejects.toThrow(/口令/);
    await expect(connectClient(server.url, { role: "display", meetingId: meeting.id, token: server.chairToken + "x" })).rejects.toThrow();
    await expect(connectClient(server.url, { role: "attendee", code: "000000" })).rejects.toThrow(/会议码/);
    await expect(connectClient(server.url, { role: "nobody" } as never)).rejects.toThrow(/连接信息无效/);
  });

  it("answers malformed and illegal socket events with an error and changes nothing", async () => {
    const { meeting, chairToken } = server;
    const chair = await join({ role: "chair", meetingId: meeting.id, token: chairToken });
    const bad: unknown[] = [null, 42, "agenda.next", { type: "agenda.jump" }, { type: "timer.adjust", deltaMs: "60000" }, { type: "timer.adjust", deltaMs: 1e12 }, { type: "speaker.open", speakerId: "nope" }, { type: "timer.pause" }];
    for (const payload of bad) {
      const result = await call<MeetingSnapshot>(chair, "meeting:command", payload);
      expect(result.ok, JSON.stringify(payload)).toBe(false);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
    }
    // No ack function at all: must not crash the server.
    (chair.emit as (e: string, p: unknown) => void)("meeting:command", { type: "agenda.next" });
    (chair.emit as (e: string) => void)("comment:save");
    const state = await sync(chair);
    expect(state.ok).toBe(true);
    if (state.ok) expect(state.data.version).toBeLessThanOrEqual(1);
  });

  it("drops a client that sends an oversized message, and goes on serving the others", async () => {
    const { meeting, chairToken } = server;
    const chair = await join({ role: "chair", meetingId: meeting.id, token: chairToken });
    const attacker = await join({ role: "attendee", code: meeting.attendeeCode });
    const dropped = new Promise<string>((resolve) => attacker.on("disconnect", resolve));
    attacker.io.opts.reconnection = false;
    attacker.emit("comment:save", { id: "huge-payload-1", speakerId: "x", tag: "problem", text: "长".repeat(400_000) }, () => {});
    expect(await dropped).toBeTruthy();
    const state = await sync(chair);
    expect(state.ok).toBe(true);
    expect((await call<MeetingSnapshot>(chair, "meeting:command", { type: "agenda.next" })).ok).toBe(true);
  });

  it("keeps 点评 per speaker, upserts by id and tells other chair tabs", async () => {
    const { meeting, chairToken } = server;
    const chair = await join({ role: "chair", meetingId: meeting.id, token: chairToken });
    const otherTab = await join({ role: "chair", meetingId: meeting.id, token: chairToken });
    const snap = await sync(chair);
    if (!snap.ok) throw new Error("no snapshot");
    const speakerId = snap.data.roster[0]!.id;
    const seen = new Promise<CommentView>((resolve) => otherTab.on("comment:saved", (c) => c.text === "亮点突出，党建引领有力" && resolve(c)));
    const entry = { id: "comment-0001", speakerId, tag: "highlight", text: "亮点突出" };
    expect((await call<CommentView>(chair, "comment:save", entry)).ok).toBe(true);
    expect((await call<CommentView>(chair, "comment:save", { ...entry, text: "亮点突出，党建引领有力" })).ok).toBe(true);
    expect((await seen).speakerId).toBe(speakerId);
    const list = await new Promise<Result<CommentView[]>>((resolve) => chair.emit("comment:list", resolve));
    expect(list.ok && list.data.map((c) => c.text)).toEqual(["亮点突出，党建引领有力"]);
    const tooLong = await call<CommentView>(chair, "comment:save", { ...entry, text: "长".repeat(6000) });
    expect(tooLong.ok).toBe(false);
    const unknownSpeaker = await call<CommentView>(chair, "comment:save", { ...entry, id: "comment-0002", speakerId: "nope" });
    expect(unknownSpeaker).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});

describe("HTTP API", () => {
  it("serves health, meetings, state and commands, refusing bad requests", async () => {
    const { url, meeting, chairToken } = server;
    const auth = { authorization: `Bearer ${chairToken}` };
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/meetings`)).status).toBe(401);
    const meetings = (await (await fetch(`${url}/api/meetings`, { headers: auth })).json()) as Array<{ id: string; title: string }>;
    expect(meetings).toEqual([expect.objectContaining({ id: meeting.id, title: meeting.title })]);

    const post = (body: string, headers: Record<string, string> = auth) =>
      fetch(`${url}/api/meetings/${meeting.id}/commands`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    expect((await post('{"type":"agenda.next"}', {})).status).toBe(401);
    expect((await post("{not json")).status).toBe(400);
    expect((await post('{"type":"agenda.fly"}')).status).toBe(400);
    expect((await post("x".repeat(100_000))).status).toBe(413);
    expect((await post('{"type":"timer.pause"}')).status).toBe(409);

    expect((await post('{"type":"agenda.next"}')).status).toBe(200);
    const started = await post('{"type":"timer.start"}');
    const state = (await started.json()) as { speaker: { name: string; unit: string }; timer: { status: string; remainingMs: number } };
    expect(state.speaker).toMatchObject({ name: "张XX", unit: "城东街道党工委" });
    expect(state.timer.status).toBe("running");
    const adjusted = (await (await post('{"type":"timer.adjust","deltaMs":60000}')).json()) as { timer: { limitMs: number } };
    expect(adjusted.timer.limitMs).toBe(7 * 60_000);

    const fetched = (await (await fetch(`${url}/api/meetings/${meeting.id}/state`)).json()) as { version: number; timer: { remainingMs: number; computedAt: number } };
    expect(fetched.version).toBe(3);
    expect(fetched.timer.remainingMs).toBeLessThanOrEqual(7 * 60_000);
    expect(fetched.timer.remainingMs).toBeGreaterThan(6 * 60_000);
    expect((await fetch(`${url}/api/meetings/nope/state`)).status).toBe(404);
  });
});
