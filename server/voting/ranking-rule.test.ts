// Integration: the one ranking rule, set in the evaluation setup over HTTP, followed by every
// figure of the tally frozen at the close, and frozen with it. Both settings, one meeting each.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MeetingSnapshot } from "../domain/snapshot";
import { describeRankingRule, formatPercent, formatScore, type RankingRule, type Tally } from "../domain/tally";
import { listSeats } from "./seat-data";
import { call, clientPool, startInProcessServer, type InProcessServer } from "../test-support/servers";

let server: InProcessServer;
const pool = clientPool(() => server.url);

beforeEach(async () => {
  server = await startInProcessServer();
});

afterEach(async () => {
  pool.disconnectAll();
  await server.close();
});

async function putEvaluation(snapshot: MeetingSnapshot, rankingRule: unknown): Promise<{ status: number; body: { message?: string } }> {
  const res = await fetch(`${server.url}/api/meetings/${server.meeting.id}/evaluation`, {
    method: "PUT",
    headers: { authorization: `Bearer ${server.chairToken}`, "content-type": "application/json" },
    body: JSON.stringify({ ratingLevels: snapshot.meeting.ratingLevels, voterCategories: [], rankingRule, expectedVoters: 3, evaluated: {} }),
  });
  return { status: res.status, body: (await res.json()) as { message?: string } };
}

/**
 * Three tablets. Every secretary gets 好 / 较好 / 较好 (100%, 86.67), except the last, who gets
 * 好 and two 弃权: 33.3% and 33.33 with 弃权 in the denominator, 100% and 100.00 without.
 */
async function voteAndClose(rule: RankingRule): Promise<{ tally: Tally; lastId: string }> {
  const chair = await pool.join({ role: "chair", meetingId: server.meeting.id, token: server.chairToken });
  const before = await call<MeetingSnapshot>(chair, "meeting:sync");
  if (!before.ok) throw new Error(before.error.message);
  const saved = await putEvaluation(before.data, rule);
  expect(saved.status).toBe(200);
  const moved = await call<MeetingSnapshot>(chair, "meeting:command", { type: "agenda.goto", item: "evaluation" });
  if (!moved.ok) throw new Error(moved.error.message);
  expect(moved.data.meeting.rankingRule).toEqual(rule);
  expect((await call(chair, "meeting:command", { type: "voting.open" })).ok).toBe(true);
  const evaluated = moved.data.roster.filter((s) => s.evaluated);
  const lastId = evaluated[evaluated.length - 1]!.id;
  const seats = await listSeats(server.db, server.meeting.id);
  for (let t = 0; t < 3; t++) {
    const tablet = await pool.join({ role: "attendee", code: server.meeting.attendeeCode });
    const marks = Object.fromEntries(evaluated.map((s) => [s.id, s.id === lastId ? (t === 0 ? "good" : null) : t === 0 ? "good" : "fair"]));
    expect(await call(tablet, "ballot:submit", { seatCode: seats[t]!.code, key: `rule-tablet-${t}-key`, marks })).toMatchObject({ ok: true });
  }
  expect((await call(chair, "meeting:command", { type: "voting.close" })).ok).toBe(true);
  const tally = await call<Tally>(chair, "voting:results");
  if (!tally.ok) throw new Error(tally.error.message);
  return { tally: tally.data, lastId };
}

describe("one ranking rule", () => {
  it("弃权 in the denominator, ranked by 得分: the secretary with two 弃权 reads 33.3% and 33.33 and ranks last", async () => {
    const { tally, lastId } = await voteAndClose({ abstainCounts: true, rankBy: "score" });
    const last = tally.speakers.find((s) => s.speakerId === lastId)!;
    expect([formatPercent(last.goodRate), formatScore(last.score), last.rank]).toEqual(["33.3%", "33.33", tally.speakers.length]);
    const others = tally.speakers.filter((s) => s.speakerId !== lastId);
    expect(new Set(others.map((s) => `${formatPercent(s.goodRate)} ${formatScore(s.score)} ${s.rank}`))).toEqual(new Set(["100.0% 86.67 1"]));
    expect(describeRankingRule(tally.rule)).toContain("弃权计入分母");
  });

  it("弃权 left out, ranked by 好评率: all read 100%, and 得分 breaks the tie in the last one's favour", async () => {
    const { tally, lastId } = await voteAndClose({ abstainCounts: false, rankBy: "goodRate" });
    const last = tally.speakers.find((s) => s.speakerId === lastId)!;
    expect([formatPercent(last.goodRate), formatScore(last.score), last.rank, formatPercent(last.levels[0]!.percent)]).toEqual(["100.0%", "100.00", 1, "100.0%"]);
    expect(formatPercent(last.abstain.percent)).toBe("66.7%");
    const others = tally.speakers.filter((s) => s.speakerId !== lastId);
    expect(new Set(others.map((s) => `${formatPercent(s.goodRate)} ${formatScore(s.score)} ${s.rank}`))).toEqual(new Set(["100.0% 86.67 2"]));
    expect(tally.rule).toEqual({ abstainCounts: false, rankBy: "goodRate" });
  });

  it("refuses a rule that is not one of the settings, and changes nothing", async () => {
    const chair = await pool.join({ role: "chair", meetingId: server.meeting.id, token: server.chairToken });
    const before = await call<MeetingSnapshot>(chair, "meeting:sync");
    if (!before.ok) throw new Error(before.error.message);
    for (const bad of [{ abstainCounts: "yes", rankBy: "score" }, { abstainCounts: true, rankBy: "votes" }, { abstainCounts: true }]) {
      const refused = await putEvaluation(before.data, bad);
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const after = await call<MeetingSnapshot>(chair, "meeting:sync");
    expect(after.ok && after.data.version).toBe(before.data.version);
    expect(after.ok && after.data.meeting.rankingRule).toEqual({ abstainCounts: true, rankBy: "score" });
  });
});
