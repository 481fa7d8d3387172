// Integration: the two-teller rule as the server enforces it, through real sockets (not the
// page): counts keyed by both tellers decide only when they agree, a void needs agreed
// returned > issued and the chair's confirmation, and every dispute, resolution and void is
// kept in the record with who and when — never a mark.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PaperState } from "../domain/paper-ballots";
import type { MeetingSnapshot } from "../domain/snapshot";
import { listPaperEvents } from "./paper-data";
import { tellerTokens } from "../live/meeting-directory";
import { call, clientPool, startInProcessServer, type InProcessServer, type TestClient } from "../test-support/servers";

let server: InProcessServer;
let now = Date.UTC(2026, 11, 3, 2, 0, 0);
const clock = { now: () => now };
const pool = clientPool(() => server.url);

beforeEach(async () => {
  server = await startInProcessServer(clock);
});

afterEach(async () => {
  pool.disconnectAll();
  await server.close();
});

interface Desk {
  chair: TestClient;
  /** Teller 甲 and 乙, each on the link of their own side. */
  a: TestClient;
  b: TestClient;
  marks: Record<string, string | null>;
}

async function desk(): Promise<Desk> {
  const chair = await pool.join({ role: "chair", meetingId: server.meeting.id, token: server.chairToken });
  const moved = await call<MeetingSnapshot>(chair, "meeting:command", { type: "agenda.goto", item: "evaluation" });
  if (!moved.ok) throw new Error(moved.error.message);
  expect((await call(chair, "meeting:command", { type: "voting.open" })).ok).toBe(true);
  const tokens = tellerTokens(await server.db.meeting.findUniqueOrThrow({ where: { id: server.meeting.id } }), server.chairToken);
  const a = await pool.join({ role: "teller", meetingId: server.meeting.id, token: tokens.A });
  const b = await pool.join({ role: "teller", meetingId: server.meeting.id, token: tokens.B });
  const marks = Object.fromEntries(moved.data.roster.filter((s) => s.evaluated).map((s) => [s.id, "good"]));
  return { chair, a, b, marks };
}

const counts = (client: TestClient, teller: "A" | "B", issued: number, returned: number) => call<PaperState>(client, "paper:counts", { teller, issued, returned });

describe("two tellers", () => {
  it("one teller alone can neither void a valid round nor make one void; the chair confirms only an agreed void", async () => {
    const { chair, a, b } = await desk();

    // A teller may not void at all, whatever the counts.
    expect(await call(a, "paper:void")).toMatchObject({ ok: false, error: { code: "unauthorized", message: "只有主持人可以在控制台确认作废本轮。" } });

    // 甲 alone keys more returned than issued: nothing is void, the chair cannot void.
    const alone = await counts(a, "A", 52, 53);
    expect(alone).toMatchObject({ ok: true, data: { status: { void: false, countsIssue: "发出、收回张数待乙填写（须两人填写一致）。" }, round: { issued: 0, returned: 0 } } });
    const early = await call<PaperState>(chair, "paper:void");
    expect(early).toMatchObject({ ok: false, error: { code: "illegal" } });
    if (!early.ok) expect(early.error.message).toContain("待乙填写");

    // 乙 counts 52 returned: the two differ; still nothing void, and the close is refused.
    now += 1_000;
    const differ = await counts(b, "B", 52, 52);
    expect(differ.ok && differ.data.counts.state).toBe("dispute");
    expect(differ.ok && differ.data.status.void).toBe(false);
    expect(await call(chair, "paper:void")).toMatchObject({ ok: false, error: { code: "illegal" } });
    const close = await call(chair, "meeting:command", { type: "voting.close" });
    expect(close).toMatchObject({ ok: false, error: { code: "illegal" } });
    if (!close.ok) expect(close.error.message).toContain("两人不一致：甲 发出 52 收回 53，乙 发出 52 收回 52");

    // They recount: 53 came back. Agreed returned > issued: void, but only once the chair confirms.
    now += 1_000;
    const agreed = await counts(b, "B", 52, 53);
    expect(agreed).toMatchObject({ ok: true, data: { status: { void: true }, round: { number: 1, issued: 52, returned: 53 } } });
    const notYet = await call(chair, "meeting:command", { type: "voting.close" });
    expect(notYet.ok).toBe(false);
    if (!notYet.ok) expect(notYet.error.message).toContain("请主持人先确认作废本轮");
    expect(await call(a, "paper:void")).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    now += 1_000;
    const voided = await call<PaperState>(chair, "paper:void");
    expect(voided).toMatchObject({ ok: true, data: { round: { number: 2, issued: 0, returned: 0 }, voidRounds: [{ number: 1, issued: 52, returned: 53, status: "void" }] } });

    // Round 2 is valid (agreed 30 of 30): the chair cannot void it.
    await counts(a, "A", 30, 30);
    await counts(b, "B", 30, 30);
    const valid = await call<PaperState>(chair, "paper:void");
    expect(valid).toMatchObject({ ok: false, error: { code: "illegal", message: "不能作废本轮：两人一致的收回票数(30)未多于发出票数(30)，本轮有效。" } });
    const still = await call<PaperState>(b, "paper:state");
    expect(still.ok && still.data.round.number).toBe(2);

    // Bad input changes nothing: no teller named, or a negative count.
    expect(await call(a, "paper:counts", { issued: 30, returned: 31 })).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await counts(a, "A", -1, 31)).toMatchObject({ ok: false, error: { code: "invalid" } });
    const unchanged = await call<PaperState>(b, "paper:state");
    expect(unchanged.ok && unchanged.data.round.keyed).toEqual({ A: { issued: 30, returned: 30 }, B: { issued: 30, returned: 30 } });

    const record = await listPaperEvents(server.db, server.meeting.id);
    expect(record.map((e) => [e.roundNumber, e.kind, e.actor])).toEqual([
      [1, "counts_dispute", "B"],
      [1, "counts_resolved", "B"],
      [1, "void_required", "B"],
      [1, "void_confirmed", "chair"],
    ]);
    expect(record.map((e) => e.at)).toEqual([now - 2_000, now - 1_000, now - 1_000, now]);
    expect(record[3]!.detail).toBe("主持人确认第 1 轮作废（两人一致：发出 52，收回 53）");
  });

  it("records a disputed ballot and its resolution with the teller who keyed it, and no mark", async () => {
    const { a, b, marks } = await desk();
    await counts(a, "A", 1, 1);
    await counts(b, "B", 1, 1);
    const [first] = Object.keys(marks);
    await call(a, "paper:entry", { ballotNo: 1, teller: "A", marks, invalid: false });
    now += 5_000;
    await call(b, "paper:entry", { ballotNo: 1, teller: "B", marks: { ...marks, [first!]: "poor" }, invalid: false });
    now += 5_000;
    const resolved = await call<PaperState>(b, "paper:entry", { ballotNo: 1, teller: "B", marks, invalid: false });
    expect(resolved.ok && resolved.data.events.map((e) => [e.kind, e.actor, e.ballotNo, e.detail])).toEqual([
      ["ballot_dispute", "B", 1, "第 1 号票两人录入不一致（1 行不同）"],
      ["ballot_resolved", "B", 1, "第 1 号票已核对一致"],
    ]);
    const stored = JSON.stringify(await server.db.paperEvent.findMany());
    for (const label of ["good", "poor", "好", "差", first!]) expect(stored).not.toContain(label);
  });

  it("keys as the side of the link, never the side the page names: one 甲 link alone can never decide or void a round", async () => {
    const { chair, a, b, marks } = await desk();
    const tokens = tellerTokens(server.meeting, server.chairToken);
    // A second tab (or a second person) on the same 甲 link is 甲 too.
    const a2 = await pool.join({ role: "teller", meetingId: server.meeting.id, token: tokens.A });
    expect(await call(a, "paper:side")).toEqual({ ok: true, data: { teller: "A" } });
    expect(await call(a2, "paper:side")).toEqual({ ok: true, data: { teller: "A" } });
    expect(await call(b, "paper:side")).toEqual({ ok: true, data: { teller: "B" } });

    // 甲 keys more returned than issued, then tries to agree with itself as 乙, from either tab.
    expect((await counts(a, "A", 52, 53)).ok).toBe(true);
    const asB = { ok: false, error: { code: "unauthorized", message: "本页是计票人甲的链接，不能以计票人乙的身份录入。" } };
    expect(await counts(a, "B", 52, 53)).toMatchObject(asB);
    expect(await counts(a2, "B", 52, 53)).toMatchObject(asB);
    // Its ballots likewise: 甲 keys ballot 1, and cannot key 乙's copy of it.
    expect((await call(a, "paper:entry", { ballotNo: 1, teller: "A", marks, invalid: false })).ok).toBe(true);
    expect(await call(a2, "paper:entry", { ballotNo: 1, teller: "B", marks, invalid: false })).toMatchObject(asB);

    // Nothing decided: counts wait for 乙, no ballot is agreed, the chair has nothing to void and cannot close.
    const state = await call<PaperState>(b, "paper:state");
    expect(state).toMatchObject({ ok: true, data: { counts: { state: "waiting", missingTeller: "B" }, round: { number: 1, issued: 0, returned: 0 }, status: { void: false } } });
    expect(state.ok && state.data.round.keyed).toEqual({ A: { issued: 52, returned: 53 } });
    expect(state.ok && state.data.entries.map((e) => [e.ballotNo, e.teller])).toEqual([[1, "A"]]);
    expect(state.ok && state.data.reconciliation.agreed).toEqual([]);
    expect(await call(chair, "paper:void")).toMatchObject({ ok: false, error: { code: "illegal" } });
    expect((await call(chair, "meeting:command", { type: "voting.close" })).ok).toBe(false);
    expect(await listPaperEvents(server.db, server.meeting.id)).toEqual([]);

    // Only a real 乙 link makes the round void (for the chair to confirm).
    expect(await call(b, "paper:counts", { teller: "A", issued: 52, returned: 53 })).toMatchObject({ ok: false, error: { message: "本页是计票人乙的链接，不能以计票人甲的身份录入。" } });
    expect(await counts(b, "B", 52, 53)).toMatchObject({ ok: true, data: { counts: { state: "agreed" }, status: { void: true } } });
  });

  it("the plain teller link and the chair token only watch: they read the round and key nothing", async () => {
    const { chair, marks } = await desk();
    const tokens = tellerTokens(server.meeting, server.chairToken);
    expect(new Set([tokens.A, tokens.B, tokens.read]).size).toBe(3);
    const plain = await pool.join({ role: "teller", meetingId: server.meeting.id, token: tokens.read });
    const chairPage = await pool.join({ role: "teller", meetingId: server.meeting.id, token: server.chairToken });
    const readOnly = { ok: false, error: { code: "unauthorized", message: "此链接只能查看，不能录入：请使用计票人甲或乙各自的计票链接。" } };
    for (const watcher of [plain, chairPage]) {
      expect(await call(watcher, "paper:side")).toEqual({ ok: true, data: { teller: null } });
      expect((await call<PaperState>(watcher, "paper:state")).ok).toBe(true);
      expect(await counts(watcher, "A", 1, 1)).toMatchObject(readOnly);
      expect(await call(watcher, "paper:entry", { ballotNo: 1, teller: "B", marks, invalid: false })).toMatchObject(readOnly);
    }
    // The chair console keys nothing either: the two tellers do.
    expect(await counts(chair, "A", 1, 1)).toMatchObject({ ok: false, error: { code: "unauthorized", message: "纸质票只能由计票人甲、乙在各自的计票链接中录入。" } });
    const state = await call<PaperState>(chair, "paper:state");
    expect(state).toMatchObject({ ok: true, data: { counts: { state: "none" }, entries: [] } });
  });
});
