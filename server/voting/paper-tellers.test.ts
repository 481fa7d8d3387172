// Integration: the two-teller rule as the server enforces it, through real sockets (not the
// page): counts keyed by both tellers decide only when they agree, a void needs agreed
// returned > issued and the chair's confirmation, and every dispute, resolution and void is
// kept in the record with who and when — never a mark.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { PaperState } from "../domain/paper-ballots";
import type { MeetingSnapshot } from "../domain/snapshot";
import { listPaperEvents } from "./paper-data";
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

async function desk(): Promise<{ chair: TestClient; teller: TestClient; marks: Record<string, string | null> }> {
  const chair = await pool.join({ role: "chair", meetingId: server.meeting.id, token: server.chairToken });
  const moved = await call<MeetingSnapshot>(chair, "meeting:command", { type: "agenda.goto", item: "evaluation" });
  if (!moved.ok) throw new Error(moved.error.message);
  expect((await call(chair, "meeting:command", { type: "voting.open" })).ok).toBe(true);
  const tellerToken = (await server.db.meeting.findUniqueOrThrow({ where: { id: server.meeting.id } })).tellerToken!;
  const teller = await pool.join({ role: "teller", meetingId: server.meeting.id, token: tellerToken });
  const marks = Object.fromEntries(moved.data.roster.filter((s) => s.evaluated).map((s) => [s.id, "good"]));
  return { chair, teller, marks };
}

const counts = (client: TestClient, teller: "A" | "B", issued: number, returned: number) => call<PaperState>(client, "paper:counts", { teller, issued, returned });

describe("two tellers", () => {
  it("one teller alone can neither void a valid round nor make one void; the chair confirms only an agreed void", async () => {
    const { chair, teller } = await desk();

    // A teller may not void at all, whatever the counts.
    expect(await call(teller, "paper:void")).toMatchObject({ ok: false, error: { code: "unauthorized", message: "只有主持人可以在控制台确认作废本轮。" } });

    // 甲 alone keys more returned than issued: nothing is void, the chair cannot void.
    const alone = await counts(teller, "A", 52, 53);
    expect(alone).toMatchObject({ ok: true, data: { status: { void: false, countsIssue: "发出、收回张数待乙填写（须两人填写一致）。" }, round: { issued: 0, returned: 0 } } });
    const early = await call<PaperState>(chair, "paper:void");
    expect(early).toMatchObject({ ok: false, error: { code: "illegal" } });
    if (!early.ok) expect(early.error.message).toContain("待乙填写");

    // 乙 counts 52 returned: the two differ; still nothing void, and the close is refused.
    now += 1_000;
    const differ = await counts(teller, "B", 52, 52);
    expect(differ.ok && differ.data.counts.state).toBe("dispute");
    expect(differ.ok && differ.data.status.void).toBe(false);
    expect(await call(chair, "paper:void")).toMatchObject({ ok: false, error: { code: "illegal" } });
    const close = await call(chair, "meeting:command", { type: "voting.close" });
    expect(close).toMatchObject({ ok: false, error: { code: "illegal" } });
    if (!close.ok) expect(close.error.message).toContain("两人不一致：甲 发出 52 收回 53，乙 发出 52 收回 52");

    // They recount: 53 came back. Agreed returned > issued: void, but only once the chair confirms.
    now += 1_000;
    const agreed = await counts(teller, "B", 52, 53);
    expect(agreed).toMatchObject({ ok: true, data: { status: { void: true }, round: { number: 1, issued: 52, returned: 53 } } });
    const notYet = await call(chair, "meeting:command", { type: "voting.close" });
    expect(notYet.ok).toBe(false);
    if (!notYet.ok) expect(notYet.error.message).toContain("请主持人先确认作废本轮");
    expect(await call(teller, "paper:void")).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    now += 1_000;
    const voided = await call<PaperState>(chair, "paper:void");
    expect(voided).toMatchObject({ ok: true, data: { round: { number: 2, issued: 0, returned: 0 }, voidRounds: [{ number: 1, issued: 52, returned: 53, status: "void" }] } });

    // Round 2 is valid (agreed 30 of 30): the chair cannot void it.
    await counts(teller, "A", 30, 30);
    await counts(teller, "B", 30, 30);
    const valid = await call<PaperState>(chair, "paper:void");
    expect(valid).toMatchObject({ ok: false, error: { code: "illegal", message: "不能作废本轮：两人一致的收回票数(30)未多于发出票数(30)，本轮有效。" } });
    const still = await call<PaperState>(teller, "paper:state");
    expect(still.ok && still.data.round.number).toBe(2);

    // Bad input changes nothing: no teller named, or a negative count.
    expect(await call(teller, "paper:counts", { issued: 30, returned: 31 })).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(await counts(teller, "A", -1, 31)).toMatchObject({ ok: false, error: { code: "invalid" } });
    const unchanged = await call<PaperState>(teller, "paper:state");
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
    const { teller, marks } = await desk();
    await counts(teller, "A", 1, 1);
    await counts(teller, "B", 1, 1);
    const [first] = Object.keys(marks);
    await call(teller, "paper:entry", { ballotNo: 1, teller: "A", marks, invalid: false });
    now += 5_000;
    await call(teller, "paper:entry", { ballotNo: 1, teller: "B", marks: { ...marks, [first!]: "poor" }, invalid: false });
    now += 5_000;
    const resolved = await call<PaperState>(teller, "paper:entry", { ballotNo: 1, teller: "B", marks, invalid: false });
    expect(resolved.ok && resolved.data.events.map((e) => [e.kind, e.actor, e.ballotNo, e.detail])).toEqual([
      ["ballot_dispute", "B", 1, "第 1 号票两人录入不一致（1 行不同）"],
      ["ballot_resolved", "B", 1, "第 1 号票已核对一致"],
    ]);
    const stored = JSON.stringify(await server.db.paperEvent.findMany());
    for (const label of ["good", "poor", "好", "差", first!]) expect(stored).not.toContain(label);
  });
});
