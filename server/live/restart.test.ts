// Integration: durability. The real entry point (as `npm start` runs it) is killed with
// SIGKILL mid-countdown and started again on the same database and port.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Result } from "../domain/result";
import type { Tally } from "../domain/tally";
import { databaseProvider, sqliteFilePath } from "../platform/config";
import { openDatabase } from "../platform/db";
import { afterEach, describe, expect, it } from "vitest";
import type { HallState } from "../domain/snapshot";
import { call, connectClient, nextSnapshot, spawnServer, freshDatabaseUrl, type ChildServer, type TestClient } from "../test-support/servers";
import { freePort } from "../test-support/free-port";


const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const running: ChildServer[] = [];

afterEach(() => {
  for (const server of running.splice(0)) server.process.kill("SIGKILL");
});

describe("restart recovery", () => {
  it("resumes the same speaker and countdown after kill -9, and open clients resync", async () => {
    const port = String(await freePort());
    const env = { DATABASE_URL: await freshDatabaseUrl(), PORT: port, CHAIR_TOKEN: "restart-chair-token" };
    const first = await spawnServer(env);
    running.push(first);
    const auth = { authorization: "Bearer restart-chair-token", "content-type": "application/json" };
    const [meeting] = (await (await fetch(`${first.url}/api/meetings`, { headers: auth })).json()) as Array<{ id: string }>;
    const command = (url: string, type: string, extra: object = {}) =>
      fetch(`${url}/api/meetings/${meeting!.id}/commands`, { method: "POST", headers: auth, body: JSON.stringify({ type, ...extra }) });

    await command(first.url, "agenda.next"); // first speaker ready
    await command(first.url, "agenda.next"); // reporting
    await command(first.url, "agenda.next"); // reported, in 点评
    await command(first.url, "agenda.next"); // second speaker ready
    await command(first.url, "timer.start");
    await command(first.url, "timer.adjust", { deltaMs: -60_000 });

    const display = await connectClient(first.url, { role: "display", meetingId: meeting!.id, token: "unused" }).catch(() => null);
    expect(display).toBeNull(); // a display needs its own token, not any string
    const chair = await connectClient(first.url, { role: "chair", meetingId: meeting!.id, token: "restart-chair-token" });
    const speakerId = (await new Promise<Result<{ roster: Array<{ id: string }> }>>((resolve) => chair.emit("meeting:sync", resolve)));
    const comment = { id: "restart-comment-1", speakerId: speakerId.ok ? speakerId.data.roster[1]!.id : "", tag: "problem", text: "网格化管理还不够精细" };
    expect((await call(chair, "comment:save", comment)).ok).toBe(true);

    await sleep(1_500);
    const before = (await (await fetch(`${first.url}/api/meetings/${meeting!.id}/state`)).json()) as HallState;
    first.process.kill("SIGKILL");
    await new Promise((resolve) => first.process.once("exit", resolve));
    const killedAt = Date.now();

    await sleep(500);
    const resynced = nextSnapshot(chair, () => true, 60_000);
    const second = await spawnServer(env);
    running.push(second);
    const after = (await (await fetch(`${second.url}/api/meetings/${meeting!.id}/state`)).json()) as HallState;

    expect(after.speaker?.unit).toBe("城西街道党工委");
    expect(after.stage).toBe("reporting");
    expect(after.timer.status).toBe("running");
    expect(after.timer.limitMs).toBe(5 * 60_000);
    // What it would have shown without the restart, within a second.
    const expected = before.timer.remainingMs - (after.timer.computedAt - before.timer.computedAt);
    expect(Math.abs(after.timer.remainingMs - expected)).toBeLessThan(1_000);
    expect(after.timer.remainingMs).toBeLessThan(before.timer.remainingMs - (Date.now() - killedAt) + 1_000);
    expect(after.version).toBe(before.version);

    // The chair's open connection comes back by itself and gets the full snapshot.
    const snapshot = await resynced;
    expect(snapshot.version).toBe(before.version);
    expect(snapshot.live.timer.status).toBe("running");
    // The 点评 acknowledged before the kill is still there.
    const comments = await call<Array<{ id: string; text: string; tag: string }>>(chair, "comment:list");
    expect(comments.ok && comments.data).toEqual([expect.objectContaining({ id: comment.id, text: comment.text, tag: "problem" })]);
    chair.disconnect();
  }, 240_000);
});


describe("a server killed in the middle of a ballot burst", () => {
  it("loses no ballot a tablet was told counted; each tablet still waiting sends again under its key and counts", async () => {
    const port = String(await freePort());
    const databaseUrl = await freshDatabaseUrl();
    const env = { DATABASE_URL: databaseUrl, PORT: port, CHAIR_TOKEN: "burst-chair-token-1" };
    const first = await spawnServer(env);
    running.push(first);
    const headers = { authorization: "Bearer burst-chair-token-1", "content-type": "application/json" };
    const [meeting] = (await (await fetch(`${first.url}/api/meetings`, { headers })).json()) as Array<{ id: string; attendeeCode: string }>;
    const post = (body: object) => fetch(`${first.url}/api/meetings/${meeting!.id}/commands`, { method: "POST", headers, body: JSON.stringify(body) });
    await post({ type: "agenda.goto", item: "evaluation" });
    expect((await post({ type: "voting.open" })).status).toBe(200);

    const db = await openDatabase(databaseUrl);
    const seats = await db.seat.findMany({ where: { meetingId: meeting!.id }, select: { code: true } });
    const speakers = await db.speaker.findMany({ where: { meetingId: meeting!.id, evaluated: true }, select: { id: true } });
    await db.$disconnect();
    const marks = Object.fromEntries(speakers.map((s) => [s.id, "good"]));
    const keyOf = (i: number) => `burst-key-${i}`;

    const tablets = await Promise.all(seats.map(() => connectClient(first.url, { role: "attendee", code: meeting!.attendeeCode })));
    const counted = new Set<number>();
    const waiting = new Set<number>();
    tablets.forEach((tablet, i) => tablet.on("ballot:counted", ({ key }) => key === keyOf(i) && counted.add(i)));
    const send = (i: number) =>
      call<{ status: string }>(tablets[i]!, "ballot:submit", { seatCode: seats[i]!.code, key: keyOf(i), marks }).then((r) => {
        if (r.ok && r.data.status === "waiting") waiting.add(i);
        if (r.ok && r.data.status === "already_counted") counted.add(i);
        return r;
      });
    const half = Math.floor(seats.length / 2);
    const burst = seats.slice(0, half).map((_, i) => send(i));
    while (counted.size < 5) await sleep(1);
    // The second half goes out and the server is killed at once: some were received, none written.
    burst.push(...seats.slice(half).map((_, i) => send(half + i)));
    first.process.kill("SIGKILL");
    await new Promise((resolve) => first.process.once("exit", resolve));
    const countedAtKill = new Set(counted);
    expect(countedAtKill.size).toBeLessThan(seats.length);
    for (const tablet of tablets) tablet.disconnect();
    void Promise.allSettled(burst);

    const second = await spawnServer(env);
    running.push(second);
    const chair = await connectClient(second.url, { role: "chair", meetingId: meeting!.id, token: "burst-chair-token-1" });
    const tablet = await connectClient(second.url, { role: "attendee", code: meeting!.attendeeCode });
    let resent = 0;
    for (const [i, seat] of seats.entries()) {
      const status = await call<{ status: string }>(tablet, "ballot:check", { seatCode: seat.code, key: keyOf(i) });
      expect(status.ok).toBe(true);
      if (countedAtKill.has(i)) expect(status.ok && status.data.status).toBe("counted");
      if (status.ok && status.data.status === "not_voted") {
        // As the tablet page does when its waiting (or unanswered) ballot is not on the server.
        expect(await call(tablet, "ballot:submit", { seatCode: seat.code, key: keyOf(i), marks })).toEqual({ ok: true, data: { status: "waiting" } });
        resent++;
      }
    }
    expect(resent).toBeGreaterThan(0);
    expect((await call(chair, "meeting:command", { type: "voting.close" })).ok).toBe(true);
    const tally = await call<Tally>(chair, "voting:results");
    // Every seat counted exactly once: before the kill, or sent again after it.
    expect(tally.ok && tally.data.validBallots).toBe(seats.length);
    for (const [i, seat] of seats.entries()) {
      expect(await call(tablet, "ballot:check", { seatCode: seat.code, key: keyOf(i) })).toMatchObject({ ok: true, data: { status: "counted" } });
    }
    chair.disconnect();
    tablet.disconnect();
  }, 240_000);
});

describe("a hall of open tablets across a restart", () => {
  it("brings all 200 back: each reconnects by itself and holds the meeting as the restarted server has it", async () => {
    const port = String(await freePort());
    const env = { DATABASE_URL: await freshDatabaseUrl(), PORT: port, CHAIR_TOKEN: "hall-chair-token-01" };
    const first = await spawnServer(env);
    running.push(first);
    const headers = { authorization: "Bearer hall-chair-token-01", "content-type": "application/json" };
    const [meeting] = (await (await fetch(`${first.url}/api/meetings`, { headers })).json()) as Array<{ id: string; attendeeCode: string }>;
    const post = (url: string, body: object) => fetch(`${url}/api/meetings/${meeting!.id}/commands`, { method: "POST", headers, body: JSON.stringify(body) });
    await post(first.url, { type: "agenda.next" });

    const tablets = await Promise.all(Array.from({ length: 200 }, () => connectClient(first.url, { role: "attendee", code: meeting!.attendeeCode })));
    await post(first.url, { type: "timer.start" });
    const before = (await (await fetch(`${first.url}/api/meetings/${meeting!.id}/state`)).json()) as HallState;

    first.process.kill("SIGKILL");
    await new Promise((resolve) => first.process.once("exit", resolve));
    const resynced = tablets.map((tablet) => nextSnapshot(tablet, () => true, 60_000));
    const second = await spawnServer(env);
    running.push(second);

    const snapshots = await Promise.all(resynced);
    expect(snapshots).toHaveLength(200);
    for (const snapshot of snapshots) {
      expect(snapshot.version).toBe(before.version);
      expect(snapshot.live.timer.status).toBe("running");
    }
    // And they follow what happens next.
    const paused = tablets.map((tablet) => nextSnapshot(tablet, (s) => s.live.timer.status === "paused", 30_000));
    expect((await post(second.url, { type: "timer.pause" })).status).toBe(200);
    expect((await Promise.all(paused)).every((s) => s.version === before.version + 1)).toBe(true);
    for (const tablet of tablets) tablet.disconnect();
  }, 240_000);
});

describe("a server killed during a 彩排", () => {
  it("comes back in the rehearsal at the rehearsal clock's time, and 结束彩排 still removes what it wrote", async () => {
    const port = String(await freePort());
    const databaseUrl = await freshDatabaseUrl();
    const env = { DATABASE_URL: databaseUrl, PORT: port, CHAIR_TOKEN: "rehearsal-chair-token" };
    const first = await spawnServer(env);
    running.push(first);
    const headers = { authorization: "Bearer rehearsal-chair-token", "content-type": "application/json" };
    const [meeting] = (await (await fetch(`${first.url}/api/meetings`, { headers })).json()) as Array<{ id: string }>;
    const at = (url: string, pathname: string, init: { method?: string; body?: object } = {}) =>
      fetch(`${url}/api/meetings/${meeting!.id}/${pathname}`, { method: init.method ?? "GET", headers, body: init.body && JSON.stringify(init.body) });

    expect((await at(first.url, "rehearsal", { method: "POST", body: { speed: 10 } })).status).toBe(201);
    await at(first.url, "commands", { method: "POST", body: { type: "agenda.next" } });
    await at(first.url, "commands", { method: "POST", body: { type: "timer.start" } });
    const chair = await connectClient(first.url, { role: "chair", meetingId: meeting!.id, token: "rehearsal-chair-token" });
    const synced = await call<{ roster: Array<{ id: string }> }>(chair, "meeting:sync");
    const marker = "重启前的彩排点评-c41e";
    const note = { id: "rehearsal-restart-01", speakerId: synced.ok ? synced.data.roster[0]!.id : "", tag: "problem", text: marker };
    expect((await call(chair, "comment:save", note)).ok).toBe(true);
    chair.disconnect();
    const before = (await (await at(first.url, "state")).json()) as HallState;

    first.process.kill("SIGKILL");
    await new Promise((resolve) => first.process.once("exit", resolve));
    const second = await spawnServer(env);
    running.push(second);
    const after = (await (await at(second.url, "state")).json()) as HallState;
    expect(after.rehearsal).toEqual(before.rehearsal);
    expect(after.timer.status).toBe("running");
    // Ten times the wall-clock time that passed, within a second of rehearsal time.
    const expected = before.timer.elapsedMs + 10 * (after.timer.computedAt - before.timer.computedAt);
    expect(Math.abs(after.timer.elapsedMs - expected)).toBeLessThan(1_000);

    // On SQLite the files themselves (database, WAL) are searched for the 点评's bytes; on PostgreSQL its rows.
    const sqlite = databaseProvider(databaseUrl) === "sqlite";
    const dir = sqlite ? path.dirname(sqliteFilePath(databaseUrl)) : "";
    const holding = async () => {
      if (sqlite) return readdirSync(dir).filter((name) => readFileSync(path.join(dir, name)).includes(Buffer.from(marker)));
      const db = await openDatabase(databaseUrl);
      try {
        return (await db.comment.findMany({ where: { text: marker } })).map((c) => c.id);
      } finally {
        await db.$disconnect();
      }
    };
    expect((await holding()).length).toBeGreaterThan(0);
    const ended = await at(second.url, "rehearsal", { method: "DELETE" });
    expect(ended.status).toBe(200);
    expect(((await ended.json()) as HallState).item.key).toBe("pending");
    expect(await holding()).toEqual([]);
  }, 240_000);
});
