// Integration: secrecy at rest (issue 7). Someone copies debrief.db, -wal and -shm during a
// burst of ballots, just before the close and after it, then rebuilds the database commit by
// commit from the WAL. No commit may mark fewer than k seats together with the ballot content
// it adds; the close writes the rest and says how many; after it the WAL is empty.
// A control run with k = 1 shows the same replay does link each seat to its ballot.
import { statSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { MeetingSnapshot } from "../domain/snapshot";
import type { Tally } from "../domain/tally";
import { directSqlite } from "../platform/db";
import { submitBallot, type Submitted } from "../test-support/ballots";
import { call, clientPool, startInProcessServer, type InProcessServer, type TestClient } from "../test-support/servers";
import { copyDatabaseFiles, replayCommits, seatCommits, type CommitLink } from "../test-support/wal-replay";
import { addSeats, listSeats } from "./seat-data";

const K = 5;
let server: InProcessServer;
const pool = clientPool(() => server.url);
const LEVELS = ["good", "fair", "average", "poor", null] as const;

afterEach(async () => {
  pool.disconnectAll();
  await server.close();
});

async function openVoting(seatCount: number) {
  const chair = await pool.join({ role: "chair", meetingId: server.meeting.id, token: server.chairToken });
  await call(chair, "meeting:command", { type: "agenda.goto", item: "evaluation" });
  const opened = await call<MeetingSnapshot>(chair, "meeting:command", { type: "voting.open" });
  if (!opened.ok) throw new Error(opened.error.message);
  await addSeats(server.db, server.meeting.id, seatCount - 40);
  const seats = await listSeats(server.db, server.meeting.id);
  const speakers = opened.data.roster.filter((s) => s.evaluated).map((s) => s.id);
  return { chair, seats, speakers };
}

/** A different ballot per seat number: the content a replay would have to tie to the seat. */
function ballotFor(i: number, speakers: string[]): Record<string, string | null> {
  return Object.fromEntries(speakers.map((id, row) => [id, LEVELS[(i * 7 + row * (i % 4 + 1)) % LEVELS.length]!]));
}

/** What a counter key (categoryId|speakerId|levelId) gains from one ballot. */
function contentOf(marks: Record<string, string | null>): Map<string, number> {
  return new Map(Object.entries(marks).map(([speakerId, levelId]) => [`|${speakerId}|${levelId ?? ""}`, 1]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function expectNoSmallBatch(links: CommitLink[], speakers: string[]): number {
  let seats = 0;
  for (const link of links) {
    // Counters never change without their seats in the same commit, nor seats without counters.
    expect(link.seats.length).toBeGreaterThanOrEqual(K);
    for (const speaker of speakers) {
      const rows = [...link.added].filter(([id]) => id.split("|")[1] === speaker);
      expect(rows.reduce((sum, [, n]) => sum + n, 0)).toBe(link.seats.length);
    }
    seats += link.seats.length;
  }
  return seats;
}

describe("secrecy at rest: ballots are written k at a time", () => {
  it("a ballot is answered 已收到 and written only once k are waiting; then every one of them is told counted", async () => {
    server = await startInProcessServer();
    const { seats, speakers } = await openVoting(40);
    const tablet = await pool.join({ role: "attendee", code: server.meeting.attendeeCode });
    const sqlite = directSqlite(server.db);
    const usedSeats = () => (sqlite.prepare('SELECT COUNT(*) AS n FROM "Seat" WHERE "usedKey" IS NOT NULL').get() as { n: number }).n;

    const sent: Submitted[] = [];
    for (let i = 0; i < K - 1; i++) sent.push(await submitBallot(tablet, { seatCode: seats[i]!.code, key: `wait-key-${i}`, marks: ballotFor(i, speakers) }));
    for (const s of sent) expect(s.answer).toEqual({ ok: true, data: { status: "waiting" } });
    await sleep(200);
    expect(sent.some((s) => s.isCounted())).toBe(false);
    expect(usedSeats()).toBe(0);
    // The same tablet asking again learns it is still waiting; another key on that seat is refused.
    expect(await call(tablet, "ballot:check", { seatCode: seats[0]!.code, key: "wait-key-0" })).toMatchObject({ ok: true, data: { status: "waiting" } });
    expect((await submitBallot(tablet, { seatCode: seats[0]!.code, key: "wait-key-0", marks: ballotFor(0, speakers) })).answer).toEqual({ ok: true, data: { status: "waiting" } });
    expect(await call(tablet, "ballot:submit", { seatCode: seats[0]!.code, key: "other-device-key", marks: ballotFor(0, speakers) })).toMatchObject({ ok: false, error: { code: "illegal" } });

    sent.push(await submitBallot(tablet, { seatCode: seats[K - 1]!.code, key: `wait-key-${K - 1}`, marks: ballotFor(K - 1, speakers) }));
    await Promise.all(sent.map((s) => s.counted));
    expect(usedSeats()).toBe(K);
    expect(await call(tablet, "ballot:submit", { seatCode: seats[0]!.code, key: "wait-key-0", marks: ballotFor(0, speakers) })).toEqual({ ok: true, data: { status: "already_counted" } });
  });

  it("no commit in files copied during a burst or before the close links fewer than k seats to content; after the close the WAL is empty", async () => {
    server = await startInProcessServer();
    const { chair, seats, speakers } = await openVoting(80);
    const meetingId = server.meeting.id;
    const tablets: TestClient[] = await Promise.all(Array.from({ length: 51 }, () => pool.join({ role: "attendee", code: server.meeting.attendeeCode })));
    // Waves of tablets at once; some waves alone are fewer than k and wait for the next.
    const waves = [3, 4, 12, 1, 17, 2, 9, 3];
    let next = 0;
    let waiting: Submitted[] = [];
    const copies: string[] = [];
    for (const [w, size] of waves.entries()) {
      const wave = await Promise.all(
        Array.from({ length: size }, () => {
          const i = next++;
          return submitBallot(tablets[i]!, { seatCode: seats[i]!.code, key: `burst-key-${i}`, marks: ballotFor(i, speakers) });
        }),
      );
      for (const s of wave) expect(s.answer).toEqual({ ok: true, data: { status: "waiting" } });
      waiting.push(...wave);
      if (waiting.length >= K) {
        await Promise.all(waiting.map((s) => s.counted));
        waiting = [];
      }
      if (w === 2) copies.push(copyDatabaseFiles(server.dbFile)); // in the middle of the burst
    }
    expect(waiting).toHaveLength(3);
    copies.push(copyDatabaseFiles(server.dbFile)); // just before the close: the whole vote is in the WAL

    const closed = await call(chair, "meeting:command", { type: "voting.close" });
    expect(closed.ok).toBe(true);
    await Promise.all(waiting.map((s) => s.counted));
    const tally = await call<Tally>(chair, "voting:results");
    if (!tally.ok) throw new Error(tally.error.message);
    expect(tally.data.validBallots).toBe(51);
    // The close wrote the 3 left, fewer than k, and says so.
    expect(tally.data.lastBatch).toEqual({ ballots: 3, minimum: K });

    const [during, beforeClose] = copies.map((copy) => seatCommits(replayCommits(copy, meetingId)));
    expect(expectNoSmallBatch(during!, speakers)).toBeGreaterThanOrEqual(7);
    // Every batch of the vote is in that WAL: 48 seats, none of them in a commit of fewer than k.
    expect(expectNoSmallBatch(beforeClose!, speakers)).toBe(48);

    // After the close: the WAL is truncated to nothing; only the final counts remain.
    expect(statSync(`${server.dbFile}-wal`).size).toBe(0);
    const after = replayCommits(copyDatabaseFiles(server.dbFile), meetingId);
    expect(after).toHaveLength(1);
    expect([...after[0]!.seats.values()].filter((key) => key !== null)).toHaveLength(51);
  });

  it("control: with k = 1 the same replay ties each seat to its exact ballot (what batching prevents)", async () => {
    server = await startInProcessServer(undefined, undefined, { ballotMinBatch: 1 });
    const { seats, speakers } = await openVoting(40);
    const tablet = await pool.join({ role: "attendee", code: server.meeting.attendeeCode });
    const marksBySeat = new Map<string, Record<string, string | null>>();
    for (let i = 0; i < 6; i++) {
      const marks = ballotFor(i, speakers);
      marksBySeat.set(seats[i]!.code, marks);
      await (await submitBallot(tablet, { seatCode: seats[i]!.code, key: `single-key-${i}`, marks })).counted;
    }
    const links = seatCommits(replayCommits(copyDatabaseFiles(server.dbFile), server.meeting.id));
    expect(links).toHaveLength(6);
    for (const link of links) {
      expect(link.seats).toHaveLength(1);
      expect(link.added).toEqual(contentOf(marksBySeat.get(link.seats[0]!)!));
    }
  });

  it("turns on secure_delete on both database connections", async () => {
    server = await startInProcessServer();
    expect(directSqlite(server.db).prepare("PRAGMA secure_delete").get()).toEqual({ secure_delete: 1 });
    const [prisma] = await server.db.$queryRawUnsafe<Array<{ secure_delete: bigint | number }>>("PRAGMA secure_delete");
    expect(Number(prisma!.secure_delete)).toBe(1);
  });
});
