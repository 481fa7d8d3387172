// Integration: 彩排 on the real meeting, over the HTTP API and real sockets. A 10× rehearsal
// with 点评, a tablet ballot, a paper round and published results, then 结束彩排: the meeting
// is back exactly as before, the seat votes again, the rehearsal's 点评 is in no file, and the
// 会议纪实 notes only that it ran.
import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import type { CommentView } from "../domain/comments";
import type { PresenceCounts } from "../domain/presence";
import type { HallState, MeetingSnapshot } from "../domain/snapshot";
import { sqliteFilePath } from "../platform/config";
import { testPostgres } from "../test-support/databases";
import { call, clientPool, nextSnapshot, startInProcessServer, tellerAuth, type InProcessServer, type TestClient } from "../test-support/servers";
import { sha256, verifyRecordFile, type RecordFile } from "../records/record-chain";
import { listSeats } from "../voting/seat-data";

let server: InProcessServer;
const pool = clientPool(() => server.url);
const join = pool.join;

/** A clock the test moves by hand (the server's wall clock). */
function manualClock() {
  let t = Date.parse("2026-12-03T14:00:00+08:00");
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

afterEach(async () => {
  pool.disconnectAll();
  await server?.close();
});

function api(pathname: string, init: { method?: string; body?: unknown; token?: string | null } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (init.token !== null) headers.authorization = `Bearer ${init.token ?? server.chairToken}`;
  return fetch(`${server.url}/api/meetings/${pathname}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

const command = (chair: TestClient, type: string, extra: object = {}) => call<MeetingSnapshot>(chair, "meeting:command", { type, ...extra });

/** Every file in the database's folder (the db, its -wal and -shm) holding `text`. */
/** On SQLite the database files (file, WAL) holding `text`; on PostgreSQL the 点评 rows holding it. */
async function filesHolding(text: string): Promise<string[]> {
  if (testPostgres) return (await server.db.comment.findMany({ where: { text: { contains: text } } })).map((c) => c.id);
  const dir = path.dirname(sqliteFilePath(server.dbUrl));
  const needle = Buffer.from(text, "utf8");
  return readdirSync(dir).filter((name) => readFileSync(path.join(dir, name)).includes(needle));
}

describe("彩排 (rehearsal)", () => {
  it("runs at 10× on the rehearsal clock, in the HTTP state and in every command", async () => {
    const clock = manualClock();
    server = await startInProcessServer(clock);
    const id = server.meeting.id;
    const started = await api(`${id}/rehearsal`, { method: "POST", body: { speed: 10 } });
    expect(started.status).toBe(201);
    expect(((await started.json()) as HallState).rehearsal).toEqual({ speed: 10, startedAt: clock.now() });

    const chair = await join({ role: "chair", meetingId: id, token: server.chairToken });
    await command(chair, "agenda.next");
    await command(chair, "timer.start");
    clock.advance(10_000);
    const state = (await (await api(`${id}/state`)).json()) as HallState;
    expect(state.timer.elapsedMs).toBe(100_000);
    expect(state.timer.remainingMs).toBe(state.timer.limitMs - 100_000);
    // The demo's 6-minute limit: 36 s of wall clock at 10× and the speaker is out of time.
    clock.advance(26_000);
    const over = (await (await api(`${id}/state`)).json()) as HallState;
    expect(over.timer.remainingMs).toBe(0);
    expect(over.timer.phase).toBe("overtime");
    // Ending the speech records 6 minutes spoken, in rehearsal time.
    const ended = await command(chair, "timer.end");
    expect(ended.ok && ended.data.live.records[ended.data.roster[0]!.id]?.spokenMs).toBe(360_000);

    expect((await api(`${id}/rehearsal`, { method: "DELETE" })).status).toBe(200);
    // Back in the real meeting: the wall clock again.
    await command(chair, "agenda.next");
    await command(chair, "timer.start");
    clock.advance(10_000);
    const real = (await (await api(`${id}/state`)).json()) as HallState;
    expect(real.rehearsal).toBeNull();
    expect(real.timer.elapsedMs).toBe(10_000);
  });

  it("结束彩排 restores the meeting as it was, lets every seat vote again, and leaves no rehearsal 点评 on disk", async () => {
    server = await startInProcessServer();
    const id = server.meeting.id;
    const chair = await join({ role: "chair", meetingId: id, token: server.chairToken });
    const tablet = await join({ role: "attendee", code: server.meeting.attendeeCode });
    const tellers = { A: await join(tellerAuth(server, "A")), B: await join(tellerAuth(server, "B")) };
    const before = await call<MeetingSnapshot>(chair, "meeting:sync");
    if (!before.ok) throw new Error(before.error.message);
    const original = before.data;
    // A 点评 written while preparing survives the rehearsal unchanged.
    const kept = { id: "prepared-note-01", speakerId: original.roster[1]!.id, tag: "highlight", text: "会前准备的点评" };
    expect((await call(chair, "comment:save", kept)).ok).toBe(true);

    const tabletSeesRehearsal = nextSnapshot(tablet, (s) => s.live.rehearsal?.speed === 10);
    expect((await call<MeetingSnapshot>(chair, "rehearsal:start", { speed: 10 })).ok).toBe(true);
    const rehearsing = await tabletSeesRehearsal;
    expect(rehearsing.meeting.id).toBe(id);

    // The rehearsal: a speech, a 点评 with a unique text, a unit moved later, a ballot, a paper round, results shown.
    const marker = "彩排点评-独一无二-7f3a9c";
    await command(chair, "agenda.next");
    await command(chair, "timer.start");
    await command(chair, "timer.end");
    expect((await call(chair, "comment:save", { id: "rehearsal-note-01", speakerId: original.roster[0]!.id, tag: "problem", text: marker })).ok).toBe(true);
    expect((await call(chair, "comment:save", { ...kept, text: "彩排中改过的点评" })).ok).toBe(true);
    expect((await command(chair, "speaker.moveLater", { speakerId: original.roster[1]!.id })).ok).toBe(true);
    await command(chair, "agenda.goto", { item: "evaluation" });
    expect((await command(chair, "voting.open")).ok).toBe(true);
    const [seat] = await listSeats(server.db, id);
    const marks = Object.fromEntries(original.roster.filter((s) => s.evaluated).map((s) => [s.id, "good"]));
    const vote = { seatCode: seat!.code, key: "tablet-key-0001", marks };
    // Fewer than k ballots wait in memory; the close writes them.
    expect(await call(tablet, "ballot:submit", vote)).toEqual({ ok: true, data: { status: "waiting" } });
    for (const side of ["A", "B"] as const) expect((await call(tellers[side], "paper:counts", { teller: side, issued: 1, returned: 1 })).ok).toBe(true);
    expect((await call(tellers.A, "paper:entry", { ballotNo: 1, teller: "A", marks, invalid: false })).ok).toBe(true);
    expect((await call(tellers.B, "paper:entry", { ballotNo: 1, teller: "B", marks, invalid: false })).ok).toBe(true);
    expect((await command(chair, "voting.close")).ok).toBe(true);
    expect((await command(chair, "results.publish")).ok).toBe(true);
    if (!testPostgres) await server.db.$queryRawUnsafe("PRAGMA wal_checkpoint(PASSIVE)");
    // The test can fail: the rehearsal's 点评 is on disk now.
    expect((await filesHolding(marker)).length).toBeGreaterThan(0);

    const tabletSeesEnd = nextSnapshot(tablet, (s) => !s.live.rehearsal);
    const ended = await api(`${id}/rehearsal`, { method: "DELETE" });
    expect(ended.status).toBe(200);
    const state = (await ended.json()) as HallState;
    expect(state.item.key).toBe("pending");
    expect(state.rehearsal).toBeNull();

    const after = await tabletSeesEnd;
    expect(after.live).toEqual(original.live);
    expect(after.roster.map((e) => e.id)).toEqual(original.roster.map((e) => e.id));
    expect(after.results).toBeNull();
    expect(after.progress).toEqual(original.progress);
    expect(after.version).toBeGreaterThan(rehearsing.version);
    const comments = await call<CommentView[]>(chair, "comment:list");
    expect(comments.ok && comments.data.map((c) => [c.id, c.text])).toEqual([[kept.id, kept.text]]);
    expect(await call(chair, "voting:results")).toMatchObject({ ok: false });
    const paper = await call<{ round: { number: number; issued: number; returned: number }; entries: unknown[] }>(tellers.A, "paper:state");
    expect(paper.ok && paper.data).toMatchObject({ round: { number: 1, issued: 0, returned: 0 }, entries: [] });
    // The seat votes again, from the same tablet with the same key.
    expect(await call(tablet, "ballot:check", { seatCode: seat!.code, key: vote.key })).toMatchObject({ ok: true, data: { status: "not_voted" } });

    // Gone from the tables, the database file, its WAL and every other file beside it.
    expect(await server.db.comment.count({ where: { text: marker } })).toBe(0);
    expect(await server.db.voteCounter.count({ where: { meetingId: id } })).toBe(0);
    expect(await filesHolding(marker)).toEqual([]);
    expect(await filesHolding("彩排中改过的点评")).toEqual([]);

    // The real meeting then runs with the same seat.
    await command(chair, "agenda.goto", { item: "evaluation" });
    expect((await command(chair, "voting.open")).ok).toBe(true);
    expect(await call(tablet, "ballot:submit", vote)).toEqual({ ok: true, data: { status: "waiting" } });
  });

  it("leaves only 彩排开始 and 彩排结束 in the 会议纪实: none of its commands, 点评, ballots or paper rounds; the chain verifies", async () => {
    server = await startInProcessServer();
    const id = server.meeting.id;
    const chair = await join({ role: "chair", meetingId: id, token: server.chairToken });
    const tablet = await join({ role: "attendee", code: server.meeting.attendeeCode });
    const tellers = { A: await join(tellerAuth(server, "A")), B: await join(tellerAuth(server, "B")) };
    const before = await call<MeetingSnapshot>(chair, "meeting:sync");
    if (!before.ok) throw new Error(before.error.message);
    const roster = before.data.roster;
    // A 问题 written while preparing, with its 整改 follow-up begun: both survive the rehearsal.
    const prepared = { id: "prepared-problem-01", speakerId: roster[1]!.id, tag: "problem", text: "会前准备的问题" };
    expect((await call(chair, "comment:save", prepared)).ok).toBe(true);
    expect((await api(`${id}/rectification/${prepared.id}/notes`, { method: "POST", body: { date: "2026-12-01", text: "会前已着手整改" } })).status).toBe(201);

    expect((await api(`${id}/rehearsal`, { method: "POST", body: { speed: 10 } })).status).toBe(201);
    const marker = "彩排问题-只在彩排-4b2e";
    await command(chair, "agenda.next");
    await command(chair, "timer.start");
    await command(chair, "timer.end");
    expect((await call(chair, "comment:save", { id: "rehearsal-problem-01", speakerId: roster[0]!.id, tag: "problem", text: marker })).ok).toBe(true);
    expect((await call(chair, "comment:save", { id: "rehearsal-gone-01", speakerId: roster[0]!.id, tag: "suggestion", text: "彩排删掉的建议" })).ok).toBe(true);
    expect((await call(chair, "comment:delete", { id: "rehearsal-gone-01" })).ok).toBe(true);
    // While it runs, no export and no 整改 entry can take in what it wrote.
    expect((await api(`${id}/exports/minutes.docx`)).status).toBe(409);
    expect((await api(`${id}/archive`)).status).toBe(409);
    expect((await api(`${id}/rectification/rehearsal-problem-01`, { method: "PATCH", body: { status: "done" } })).status).toBe(409);
    await command(chair, "agenda.goto", { item: "evaluation" });
    expect((await command(chair, "voting.open")).ok).toBe(true);
    const [seat] = await listSeats(server.db, id);
    const marks = Object.fromEntries(roster.filter((s) => s.evaluated).map((s) => [s.id, "good"]));
    expect((await call(tablet, "ballot:submit", { seatCode: seat!.code, key: "tablet-key-0003", marks })).ok).toBe(true);
    // A dispute over a paper ballot and over the counts, both resolved; then both tellers
    // agree more came back than were issued, and the chair confirms the void.
    expect((await call(tellers.A, "paper:entry", { ballotNo: 1, teller: "A", marks, invalid: false })).ok).toBe(true);
    expect((await call(tellers.B, "paper:entry", { ballotNo: 1, teller: "B", marks, invalid: true })).ok).toBe(true);
    expect((await call(tellers.B, "paper:entry", { ballotNo: 1, teller: "B", marks, invalid: false })).ok).toBe(true);
    expect((await call(tellers.A, "paper:counts", { teller: "A", issued: 1, returned: 2 })).ok).toBe(true);
    expect((await call(tellers.B, "paper:counts", { teller: "B", issued: 1, returned: 3 })).ok).toBe(true);
    expect((await call(tellers.B, "paper:counts", { teller: "B", issued: 1, returned: 2 })).ok).toBe(true);
    expect((await call(chair, "paper:void")).ok).toBe(true);
    expect((await command(chair, "voting.close")).ok).toBe(true);
    expect((await command(chair, "results.publish")).ok).toBe(true);
    expect(await server.db.paperEvent.count({ where: { meetingId: id } })).toBe(6);
    expect((await api(`${id}/rehearsal`, { method: "DELETE" })).status).toBe(200);
    // The tellers' log of the rehearsal's paper count goes with it.
    expect(await server.db.paperEvent.count({ where: { meetingId: id } })).toBe(0);

    // The real meeting: a speech and a 点评.
    await command(chair, "agenda.next");
    await command(chair, "timer.start");
    await command(chair, "timer.end");
    const real = { id: "real-problem-01", speakerId: roster[0]!.id, tag: "problem", text: "正式会议的问题" };
    expect((await call(chair, "comment:save", real)).ok).toBe(true);

    const exported = await api(`${id}/exports/record.json`);
    expect(exported.status).toBe(200);
    const text = await exported.text();
    const record = JSON.parse(text) as RecordFile;
    const types = record.entries.map((e) => e.type);
    expect(types.filter((t) => t.startsWith("rehearsal."))).toEqual(["rehearsal.started", "rehearsal.ended"]);
    const started = types.indexOf("rehearsal.started");
    // Nothing between them, and each carries only the speed (its time is the entry's own).
    expect(types[started + 1]).toBe("rehearsal.ended");
    expect(record.entries.slice(started, started + 2).map((e) => e.data)).toEqual([{ speed: 10 }, { speed: 10 }]);
    // Before: the prepared 点评; after: the real meeting only (it never voted).
    expect(types.slice(0, started)).toEqual(["comment.saved"]);
    expect(types.slice(started + 2)).toEqual(["item.started", "speaker.ready", "speaker.started", "timer.started", "speaker.review", "speaker.ended", "timer.paused", "comment.saved"]);
    expect(text).not.toContain("rehearsal-problem-01");
    expect(text).not.toContain("rehearsal-gone-01");
    expect(text).not.toContain(sha256(marker));
    expect(text).toContain(sha256(real.text));
    expect(verifyRecordFile(text)).toMatchObject({ ok: true, count: record.entries.length });
    // And as the operator checks it: `npm run verify-record -- record.json`.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "rehearsal-record-")), "record.json");
    writeFileSync(file, text);
    const { stdout } = await promisify(execFile)(path.resolve("node_modules/.bin/tsx"), ["server/records/verify-record.ts", file]);
    expect(stdout).toContain(`OK 会议纪实完整：${record.entries.length} 条记录`);

    // 整改: the prepared item keeps its note; nothing of the rehearsal's 问题 is left.
    const board = (await (await api(`${id}/rectification`)).json()) as { items: Array<{ commentId: string; notes: Array<{ text: string }> }> };
    expect(board.items.map((i) => [i.commentId, i.notes.map((n) => n.text)])).toEqual([
      [real.id, []],
      [prepared.id, ["会前已着手整改"]],
    ]);
    expect(await server.db.rectification.count({ where: { commentId: { startsWith: "rehearsal-" } } })).toBe(0);
    const minutes = await api(`${id}/exports/minutes.docx`);
    expect(minutes.status).toBe(200);
  });

  it("drops a rehearsal ballot still waiting for its batch: never counted in the real meeting", async () => {
    server = await startInProcessServer();
    const id = server.meeting.id;
    const chair = await join({ role: "chair", meetingId: id, token: server.chairToken });
    const tablet = await join({ role: "attendee", code: server.meeting.attendeeCode });
    const before = await call<MeetingSnapshot>(chair, "meeting:sync");
    if (!before.ok) throw new Error(before.error.message);
    const evaluated = before.data.roster.filter((s) => s.evaluated);
    expect((await call<MeetingSnapshot>(chair, "rehearsal:start", { speed: 10 })).ok).toBe(true);
    await command(chair, "agenda.goto", { item: "evaluation" });
    expect((await command(chair, "voting.open")).ok).toBe(true);
    const [seat] = await listSeats(server.db, id);
    const vote = { seatCode: seat!.code, key: "tablet-key-0002", marks: Object.fromEntries(evaluated.map((s) => [s.id, "good"])) };
    expect(await call(tablet, "ballot:submit", vote)).toEqual({ ok: true, data: { status: "waiting" } });

    // 结束彩排 while the ballot waits in memory (voting still open in the rehearsal).
    expect((await api(`${id}/rehearsal`, { method: "DELETE" })).status).toBe(200);
    expect(await call(tablet, "ballot:check", { seatCode: seat!.code, key: vote.key })).toMatchObject({ ok: true, data: { status: "not_voted" } });

    // The real vote: nobody votes, the close counts nothing of the rehearsal.
    await command(chair, "agenda.goto", { item: "evaluation" });
    expect((await command(chair, "voting.open")).ok).toBe(true);
    expect((await command(chair, "voting.close")).ok).toBe(true);
    expect(await server.db.voteCounter.count({ where: { meetingId: id, count: { gt: 0 } } })).toBe(0);
  });

  it("refuses bad input and the wrong moment with a clear 4xx, changing nothing", async () => {
    server = await startInProcessServer();
    const id = server.meeting.id;
    const version = async () => ((await (await api(`${id}/state`)).json()) as HallState).version;
    const v0 = await version();
    const expectRefusal = async (response: Response, status: number, message: RegExp) => {
      expect(response.status).toBe(status);
      const body = (await response.json()) as { message: string };
      expect(body.message).toMatch(message);
    };
    await expectRefusal(await api(`${id}/rehearsal`, { method: "POST", body: { speed: 3 } }), 400, /speed/);
    await expectRefusal(await api(`${id}/rehearsal`, { method: "POST", body: {} }), 400, /speed/);
    await expectRefusal(await api(`${id}/rehearsal`, { method: "POST", body: { speed: 10 }, token: null }), 401, /.+/);
    await expectRefusal(await api(`${id}/rehearsal`, { method: "POST", body: { speed: 10 }, token: "wrong" }), 401, /.+/);
    await expectRefusal(await api(`no-such-meeting/rehearsal`, { method: "POST", body: { speed: 10 } }), 404, /没有这个会议/);
    await expectRefusal(await api(`${id}/rehearsal`, { method: "DELETE" }), 409, /没有正在进行的彩排/);
    await expectRefusal(await api(`${id}/rehearsal`, { method: "DELETE", token: null }), 401, /.+/);
    await expectRefusal(await api(`no-such-meeting/rehearsal`, { method: "DELETE" }), 404, /没有这个会议/);
    expect(await version()).toBe(v0);

    expect((await api(`${id}/rehearsal`, { method: "POST", body: { speed: 1 } })).status).toBe(201);
    await expectRefusal(await api(`${id}/rehearsal`, { method: "POST", body: { speed: 10 } }), 409, /彩排正在进行/);
    expect((await api(`${id}/rehearsal`, { method: "DELETE" })).status).toBe(200);

    // Once the real meeting has started, no rehearsal.
    await api(`${id}/commands`, { method: "POST", body: { type: "agenda.next" } });
    const v1 = await version();
    await expectRefusal(await api(`${id}/rehearsal`, { method: "POST", body: { speed: 10 } }), 409, /会议已开始/);
    expect(await version()).toBe(v1);
  });
});

describe("device check (会前设备调试)", () => {
  it("counts tablets, seated tablets, projectors and tellers within 2 s, and shows 设备检查 on every screen", async () => {
    server = await startInProcessServer();
    const id = server.meeting.id;
    const chair = await join({ role: "chair", meetingId: id, token: server.chairToken });
    const counts: PresenceCounts[] = [];
    chair.on("presence:changed", (c) => counts.push(c));
    const awaitCounts = async (expected: PresenceCounts) => {
      const deadline = Date.now() + 2_000;
      while (Date.now() < deadline) {
        if (JSON.stringify(counts.at(-1)) === JSON.stringify(expected)) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(counts.at(-1)).toEqual(expected);
    };

    const display = await join({ role: "display", meetingId: id, token: server.meeting.displayToken });
    const tablets = await Promise.all([1, 2, 3].map(() => join({ role: "attendee", code: server.meeting.attendeeCode })));
    await join({ role: "teller", meetingId: id, token: server.meeting.tellerToken! });
    await awaitCounts({ tablets: 3, seated: 0, projectors: 1, tellers: 1 });

    const [seat] = await listSeats(server.db, id);
    expect((await call(tablets[0]!, "ballot:check", { seatCode: seat!.code, key: "tablet-key-0002" })).ok).toBe(true);
    expect((await call(tablets[1]!, "ballot:check", { seatCode: "ZZZZZZZZ", key: "tablet-key-0003" })).ok).toBe(false);
    await awaitCounts({ tablets: 3, seated: 1, projectors: 1, tellers: 1 });

    tablets[0]!.disconnect();
    await awaitCounts({ tablets: 2, seated: 0, projectors: 1, tellers: 1 });
    const http = await api(`${id}/presence`);
    expect(http.status).toBe(200);
    expect(await http.json()).toEqual({ tablets: 2, seated: 0, projectors: 1, tellers: 1 });
    expect((await api(`${id}/presence`, { token: null })).status).toBe(401);
    expect((await api(`no-such-meeting/presence`)).status).toBe(404);
    expect(await call(tablets[1]!, "presence:get")).toMatchObject({ ok: false, error: { code: "unauthorized" } });

    const signs = [display, tablets[1]!, tablets[2]!].map(
      (client) => new Promise<{ title: string; durationMs: number }>((resolve) => client.once("devices:checked", resolve)),
    );
    expect(await call(chair, "devices:check")).toEqual({ ok: true, data: { tablets: 2, projectors: 1 } });
    for (const sign of await Promise.all(signs)) expect(sign).toEqual({ title: server.meeting.title, durationMs: 10_000 });
    expect(await call(tablets[1]!, "devices:check")).toMatchObject({ ok: false, error: { code: "unauthorized" } });
  });
});
