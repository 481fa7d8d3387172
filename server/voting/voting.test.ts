// Integration: 民主测评 over real sockets. Tablets vote at once while the chair closes;
// replays and duplicates are refused; only the chair opens, closes and publishes; the
// tally counts every acknowledged ballot exactly once.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Result } from "../domain/result";
import type { MeetingSnapshot } from "../domain/snapshot";
import type { Tally } from "../domain/tally";
import { listSeats } from "./seat-data";
import type { PaperState } from "../domain/paper-ballots";
import { submitBallot } from "../test-support/ballots";
import { call, clientPool, connectClient, nextSnapshot, startInProcessServer, tellerAuth, type InProcessServer, type TestClient } from "../test-support/servers";

let server: InProcessServer;
const pool = clientPool(() => server.url);
const join = pool.join;


const command = (client: TestClient, type: string) => call<MeetingSnapshot>(client, "meeting:command", { type });

async function chairInItem2(): Promise<{ chair: TestClient; snapshot: MeetingSnapshot }> {
  const chair = await join({ role: "chair", meetingId: server.meeting.id, token: server.chairToken });
  const moved = await call<MeetingSnapshot>(chair, "meeting:command", { type: "agenda.goto", item: "evaluation" });
  if (!moved.ok) throw new Error(moved.error.message);
  return { chair, snapshot: moved.data };
}

/** A ballot rating every evaluated secretary `level`, except the last row left blank (弃权). */
function ballot(snapshot: MeetingSnapshot, level: string): Record<string, string | null> {
  const evaluated = snapshot.roster.filter((s) => s.evaluated);
  return Object.fromEntries(evaluated.map((s, i) => [s.id, i === evaluated.length - 1 ? null : level]));
}

beforeEach(async () => {
  server = await startInProcessServer();
});

afterEach(async () => {
  pool.disconnectAll();
  await server.close();
});

describe("民主测评", () => {
  it("counts a burst of tablets racing the close exactly once: accepted + refused = submitted", async () => {
    const { chair, snapshot } = await chairInItem2();
    expect((await command(chair, "voting.open")).ok).toBe(true);
    const seats = await listSeats(server.db, server.meeting.id);
    expect(seats).toHaveLength(40);
    const tablets = await Promise.all(seats.map(() => join({ role: "attendee", code: server.meeting.attendeeCode })));

    const submit = (i: number) =>
      submitBallot(tablets[i]!, { seatCode: seats[i]!.code, key: `key-${i}-abcdef`, marks: ballot(snapshot, i % 3 === 0 ? "fair" : "good") });
    // The close goes out in the middle of the burst, with no waiting in between.
    const firstHalf = tablets.slice(0, 20).map((_, i) => submit(i));
    const closed = command(chair, "voting.close");
    const secondHalf = tablets.slice(20).map((_, i) => submit(20 + i));
    const sent = await Promise.all([...firstHalf, ...secondHalf]);
    const results = sent.map((s) => s.answer);
    expect((await closed).ok).toBe(true);
    // Every ballot received before the close was written by then (the close writes the rest) and its tablet told so.
    await Promise.all(sent.filter((s) => s.answer.ok).map((s) => s.counted));

    const accepted = results.filter((r) => r.ok).length;
    const refused = results.filter((r) => !r.ok);
    expect(accepted + refused.length).toBe(40);
    expect(accepted).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(!r.ok && r.error.message).toMatch(/测评已结束/);

    const tally = await call<Tally>(chair, "voting:results");
    if (!tally.ok) throw new Error(tally.error.message);
    expect(tally.data.validBallots).toBe(accepted);
    expect(tally.data.ballots.electronic).toBe(accepted);
    const first = tally.data.speakers[0]!;
    const expectedFair = results.filter((r, i) => r.ok && i % 3 === 0).length;
    expect(first.levels.find((l) => l.label === "较好")?.count).toBe(expectedFair);
    expect(first.levels.find((l) => l.label === "好")?.count).toBe(accepted - expectedFair);
    const last = tally.data.speakers.at(-1)!;
    expect(last.abstain.count).toBe(accepted);

    // After the close nothing more is counted, and the tally stays frozen.
    const late = await call(tablets[0]!, "ballot:submit", { seatCode: seats[0]!.code, key: "another-key-1", marks: ballot(snapshot, "poor") });
    expect(late.ok).toBe(false);
    const again = await call<Tally>(chair, "voting:results");
    expect(again.ok && again.data.validBallots).toBe(accepted);
  });

  it("gives one ballot per seat: replays learn it counted, other devices and unknown seats are refused", async () => {
    const { chair, snapshot } = await chairInItem2();
    const [seat, other] = await listSeats(server.db, server.meeting.id);
    const tablet = await join({ role: "attendee", code: server.meeting.attendeeCode });
    const secondDevice = await join({ role: "attendee", code: server.meeting.attendeeCode });
    const vote = { seatCode: seat!.code, key: "tablet-key-0001", marks: ballot(snapshot, "good") };

    const early = await call(tablet, "ballot:submit", vote);
    expect(early).toMatchObject({ ok: false });
    if (!early.ok) expect(early.error.message).toMatch(/尚未开始/);
    await command(chair, "voting.open");

    // Received, and waiting for k - 1 others to be written with (or for the close).
    const sent = await submitBallot(tablet, vote);
    expect(sent.answer).toEqual({ ok: true, data: { status: "waiting" } });
    expect(await call(tablet, "ballot:submit", vote)).toEqual({ ok: true, data: { status: "waiting" } });
    expect(await call(tablet, "ballot:check", { seatCode: seat!.code, key: vote.key })).toMatchObject({ ok: true, data: { status: "waiting" } });
    const stolen = await call(secondDevice, "ballot:submit", { ...vote, key: "other-device-01" });
    expect(stolen).toMatchObject({ ok: false, error: { code: "illegal" } });
    expect(await call(secondDevice, "ballot:submit", { ...vote, seatCode: "ZZZZZZZZ" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    const badLevel = await call(secondDevice, "ballot:submit", { seatCode: other!.code, key: "other-device-02", marks: { [snapshot.roster[0]!.id]: "excellent" } });
    expect(badLevel.ok).toBe(false);
    expect(await call(secondDevice, "ballot:check", { seatCode: other!.code, key: "other-device-02" })).toMatchObject({ ok: true, data: { status: "not_voted" } });

    expect((await command(chair, "voting.close")).ok).toBe(true);
    await sent.counted;
    expect(await call(tablet, "ballot:submit", vote)).toEqual({ ok: true, data: { status: "already_counted" } });
    expect(await call(tablet, "ballot:check", { seatCode: seat!.code, key: vote.key })).toMatchObject({ ok: true, data: { status: "counted" } });
    const tally = await call<Tally>(chair, "voting:results");
    expect(tally.ok && tally.data.validBallots).toBe(1);
    // The close wrote that one ballot alone, and says so.
    expect(tally.ok && tally.data.lastBatch).toEqual({ ballots: 1, minimum: 5 });
  });

  it("lets only the chair open, close and publish; results reach the projector only when published", async () => {
    const { chair, snapshot } = await chairInItem2();
    const display = await join({ role: "display", meetingId: server.meeting.id, token: server.meeting.displayToken });
    const tablet = await join({ role: "attendee", code: server.meeting.attendeeCode });
    for (const client of [display, tablet]) {
      for (const type of ["voting.open", "voting.close", "results.publish"]) {
        expect(await command(client, type)).toMatchObject({ ok: false, error: { code: "unauthorized" } });
      }
      expect((await call(client, "voting:results")).ok).toBe(false);
      expect((await call(client, "paper:entry", { ballotNo: 1, teller: "A", marks: {}, invalid: true })).ok).toBe(false);
    }
    await command(chair, "voting.open");
    const [seat] = await listSeats(server.db, server.meeting.id);
    await call(tablet, "ballot:submit", { seatCode: seat!.code, key: "publish-key-01", marks: ballot(snapshot, "good") });
    const closed = await command(chair, "voting.close");
    expect(closed.ok && closed.data.results).toBeNull();

    const shown = nextSnapshot(display, (s) => s.results !== null);
    expect((await command(chair, "results.publish")).ok).toBe(true);
    const onProjector = await shown;
    expect(onProjector.results?.validBallots).toBe(1);
    expect(onProjector.results?.speakers[0]?.goodRate).toBe(100);
    const hidden = nextSnapshot(display, (s) => s.results === null);
    await command(chair, "results.hide");
    await hidden;
  });

  it("merges agreed paper ballots and refuses to close while the tellers disagree", async () => {
    const { chair, snapshot } = await chairInItem2();
    const tellers = { A: await join(tellerAuth(server, "A")), B: await join(tellerAuth(server, "B")) };
    await command(chair, "voting.open");
    const marks = ballot(snapshot, "average");
    const enter = (ballotNo: number, who: "A" | "B", m: Record<string, string | null>, invalid = false) =>
      call<PaperState>(tellers[who], "paper:entry", { ballotNo, teller: who, marks: m, invalid });

    expect((await call<PaperState>(tellers.A, "paper:counts", { teller: "A", issued: 3, returned: 2 })).ok).toBe(true);
    expect((await call<PaperState>(tellers.B, "paper:counts", { teller: "B", issued: 3, returned: 2 })).ok).toBe(true);
    expect((await enter(1, "A", marks)).ok).toBe(true);
    expect((await enter(1, "B", marks)).ok).toBe(true);
    const differing = { ...marks, [snapshot.roster[0]!.id]: "poor" };
    await enter(2, "A", marks);
    const disputed = await enter(2, "B", differing);
    expect(disputed.ok && disputed.data.reconciliation.disputes).toEqual([
      { ballotNo: 2, speakerIds: [snapshot.roster[0]!.id], invalidMismatch: false },
    ]);
    const refused = await command(chair, "voting.close");
    expect(refused).toMatchObject({ ok: false, error: { code: "illegal" } });
    if (!refused.ok) expect(refused.error.message).toMatch(/不一致/);

    await enter(2, "B", marks); // the tellers look at the ballot again and agree
    expect((await command(chair, "voting.close")).ok).toBe(true);
    const tally = await call<Tally>(chair, "voting:results");
    if (!tally.ok) throw new Error(tally.error.message);
    expect(tally.data.ballots).toEqual({ electronic: 0, paper: 2 });
    expect(tally.data.speakers[0]!.bySource.paper.levels.find((l) => l.label === "一般")?.count).toBe(2);
  });

  it("voids a round with more ballots returned than issued and counts only the new round", async () => {
    const { chair, snapshot } = await chairInItem2();
    await command(chair, "voting.open");
    const marks = ballot(snapshot, "good");
    const tellers = { A: await join(tellerAuth(server, "A")), B: await join(tellerAuth(server, "B")) };
    await call(tellers.A, "paper:counts", { teller: "A", issued: 1, returned: 2 });
    await call(tellers.B, "paper:counts", { teller: "B", issued: 1, returned: 2 });
    await call(tellers.A, "paper:entry", { ballotNo: 1, teller: "A", marks, invalid: false });
    const voidState = await call<PaperState>(tellers.B, "paper:entry", { ballotNo: 1, teller: "B", marks, invalid: false });
    expect(voidState.ok && voidState.data.status.void).toBe(true);
    const next = await call<PaperState>(chair, "paper:void");
    expect(next.ok && next.data.round.number).toBe(2);
    expect(next.ok && next.data.voidRounds.map((r) => r.number)).toEqual([1]);
    await call(tellers.A, "paper:counts", { teller: "A", issued: 2, returned: 1 });
    await call(tellers.B, "paper:counts", { teller: "B", issued: 2, returned: 1 });
    await call(tellers.A, "paper:entry", { ballotNo: 1, teller: "A", marks, invalid: true });
    await call(tellers.B, "paper:entry", { ballotNo: 1, teller: "B", marks: {}, invalid: true });
    expect((await command(chair, "voting.close")).ok).toBe(true);
    const tally = await call<Tally>(chair, "voting:results");
    expect(tally.ok && tally.data.ballots).toEqual({ electronic: 0, paper: 0 });
  });

  it("weights by voter category: opens only when every seat has one, refuses paper, and tallies per category", async () => {
    const categories = [
      { id: "standing", label: "区委常委", weight: 0.4 },
      { id: "delegates", label: "党代表和群众代表", weight: 0.6 },
    ];
    const meetingId = server.meeting.id;
    await server.db.meeting.update({ where: { id: meetingId }, data: { voterCategories: JSON.stringify(categories) } });
    const { chair, snapshot } = await chairInItem2();
    const seats = await listSeats(server.db, meetingId);

    const refused = await command(chair, "voting.open");
    expect(refused).toMatchObject({ ok: false, error: { code: "illegal" } });
    if (!refused.ok) expect(refused.error.message).toMatch(/40 个座位未分配类别/);

    await server.db.seat.updateMany({ where: { meetingId }, data: { categoryId: "delegates" } });
    await server.db.seat.update({ where: { code: seats[0]!.code }, data: { categoryId: "standing" } });
    expect((await command(chair, "voting.open")).ok).toBe(true);

    const paper = await call(await join(tellerAuth(server, "A")), "paper:entry", { ballotNo: 1, teller: "A", marks: ballot(snapshot, "good"), invalid: false });
    expect(paper.ok).toBe(false);
    if (!paper.ok) expect(paper.error.message).toMatch(/类别/);

    const tablet = await join({ role: "attendee", code: server.meeting.attendeeCode });
    const first = snapshot.roster.find((s) => s.evaluated)!.id;
    // 区委常委 rates the first secretary 好 (100); two delegates rate 一般 (60).
    await call(tablet, "ballot:submit", { seatCode: seats[0]!.code, key: "cat-key-0001", marks: { ...ballot(snapshot, "good"), [first]: "good" } });
    await call(tablet, "ballot:submit", { seatCode: seats[1]!.code, key: "cat-key-0002", marks: { ...ballot(snapshot, "good"), [first]: "average" } });
    await call(tablet, "ballot:submit", { seatCode: seats[2]!.code, key: "cat-key-0003", marks: { ...ballot(snapshot, "good"), [first]: "average" } });

    expect((await command(chair, "voting.close")).ok).toBe(true);
    const tally = await call<Tally>(chair, "voting:results");
    if (!tally.ok) throw new Error(tally.error.message);
    expect(tally.data.weightedByCategory).toBe(true);
    const row = tally.data.speakers.find((s) => s.speakerId === first)!;
    // 0.4 × 100 + 0.6 × 60 = 76, not the plain average 73.33.
    expect(row.score).toBeCloseTo(76, 6);
    expect(row.byCategory.map((c) => [c.label, c.ballots])).toEqual([
      ["区委常委", 1],
      ["党代表和群众代表", 2],
    ]);
  });
});
