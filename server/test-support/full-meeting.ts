// The demo meeting run to the end the way a hall runs it, for the document checks (the
// LibreOffice test and `npm run sample-exports`): every unit reports (the on-site ones for
// 5–7 minutes on the server's clock, one over time), 点评 on several units (亮点 / 问题 / 建议,
// some long), tablets vote, two tellers key a paper round (one 废票), voting closes, results are
// published and the chair's points close the meeting.
import type { MeetingSnapshot } from "../domain/snapshot";
import { listSeats } from "../voting/seat-data";
import { tellerTokens } from "../live/meeting-directory";
import { call, clientPool, startInProcessServer, type InProcessServer, type TestClient } from "./servers";

/** A clock the script moves by hand, so times spoken read like a real meeting's. */
export function steppedClock() {
  let shift = 0;
  return { now: () => Date.now() + shift, advance: (ms: number) => void (shift += ms) };
}

type Tag = "highlight" | "problem" | "suggestion";

/** 点评 by unit, in the demo roster's order (the 反馈单 pages follow it), in the seed's register. Units not named get none. */
export const FULL_MEETING_COMMENTS: Record<string, Array<[Tag, string]>> = {
  城东街道党工委: [
    ["highlight", "“红色物业”融合党建做法有特色，把党组织建在小区上，群众认可度高，物业矛盾纠纷同比下降三成。"],
    ["highlight", "书记带头领办重点项目，以上年度述职评议问题整改为导向，上年度 5 项问题已整改销号 4 项。"],
    ["problem", "软弱涣散党组织整顿进度偏慢，个别社区支部“三会一课”记录不全、组织生活不规范，党员教育管理存在宽松软现象。"],
    ["problem", "社区工作者队伍结构老化，35 岁以下占比不足两成，后备力量储备不足。"],
    ["suggestion", "建立问题清单、责任清单、整改清单，逐项明确时限，定期对账销号；把整顿成效纳入社区书记年度考核。"],
  ],
  城西街道党工委: [
    ["highlight", "区域化党建联盟运转有力，驻区单位共驻共建项目 23 个。"],
    ["problem", "“两新”组织党建覆盖质量不高，部分楼宇党组织“有形覆盖”多、“有效覆盖”少。"],
    ["suggestion", "推行楼宇党建指导员制度，每季度开展一次联合主题党日。"],
  ],
  城南街道党工委: [["problem", "网格化管理不够精细，部分网格员兼职过多，入户走访流于形式。"]],
  临河镇党委: [
    ["highlight", "实施“领头雁”工程，村党组织书记中致富带头人占比提升到 62%。"],
    ["problem", "村级集体经济发展不均衡，仍有 3 个村集体经营性收入低于 10 万元。"],
    ["suggestion", "培育“领头羊”项目，一村一策制定集体经济增收方案。"],
  ],
  区直机关工委: [["problem", "机关党建与业务融合不够紧密，部分支部“三会一课”质量不高。"], ["suggestion", "深化“四强”党支部创建，推动机关党建与中心工作同谋划、同部署、同考核。"]],
  区教育局党委: [["suggestion", "加强学校党组织书记培训，推动党建与教育教学深度融合。"]],
};

/** Electronic ballots (tablets), and the paper round the tellers key (one of them a 废票). */
export const FULL_MEETING_TABLETS = 12;
export const FULL_MEETING_PAPER = { issued: 6, returned: 6, invalid: 1 };

async function command(chair: TestClient, type: string, extra: object = {}): Promise<MeetingSnapshot> {
  const result = await call<MeetingSnapshot>(chair, "meeting:command", { type, ...extra });
  if (!result.ok) throw new Error(`${type}: ${result.error.message}`);
  return result.data;
}

async function ok(promise: Promise<{ ok: boolean; error?: { message: string } }>, what: string): Promise<void> {
  const result = await promise;
  if (!result.ok) throw new Error(`${what}: ${result.error?.message}`);
}

/** Runs the server's (demo) meeting to 会议结束. The server must run on `clock`. */
export async function runFullMeeting(server: InProcessServer, clock: ReturnType<typeof steppedClock>): Promise<MeetingSnapshot> {
  const pool = clientPool(() => server.url);
  try {
    const meetingId = server.meeting.id;
    const chair = await pool.join({ role: "chair", meetingId, token: server.chairToken });
    let snapshot = await command(chair, "agenda.next");
    const spoken = [5 * 60_000 + 42_000, 6 * 60_000 + 31_000, 4 * 60_000 + 58_000, 5 * 60_000 + 55_000, 6 * 60_000, 5 * 60_000 + 12_000];
    let onsite = 0;
    const commented = new Set<string>();
    while (snapshot.live.cursor.item === "reports") {
      const cursor = snapshot.live.cursor;
      const speaker = snapshot.roster.find((s) => s.id === cursor.speakerId)!;
      if (cursor.stage === "ready") {
        snapshot = await command(chair, "agenda.next"); // reporting, the timer runs
        clock.advance(spoken[onsite++ % spoken.length]!);
        continue;
      }
      if (cursor.stage === "review" && !commented.has(speaker.id)) {
        commented.add(speaker.id);
        for (const [i, [tag, text]] of (FULL_MEETING_COMMENTS[speaker.unit] ?? []).entries()) {
          await ok(call(chair, "comment:save", { id: `comment-${speaker.id}-${i}-full`, speakerId: speaker.id, tag, text }), "comment:save");
        }
      }
      snapshot = await command(chair, "agenda.next");
    }
    if (snapshot.live.cursor.item !== "evaluation") snapshot = await command(chair, "agenda.goto", { item: "evaluation" });
    await command(chair, "voting.open");
    const evaluated = snapshot.roster.filter((s) => s.evaluated);
    const seats = await listSeats(server.db, meetingId);
    const code = (await server.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).attendeeCode;
    const levels = ["good", "good", "fair", "good", "average", "fair"];
    for (let i = 0; i < FULL_MEETING_TABLETS; i++) {
      const tablet = await pool.join({ role: "attendee", code });
      // Each voter rates the units differently; the last unit's row is sometimes left blank (弃权).
      const marks = Object.fromEntries(evaluated.map((s, n) => [s.id, i % 5 === 4 && n === evaluated.length - 1 ? null : levels[(i + n) % levels.length]!]));
      await ok(call(tablet, "ballot:submit", { seatCode: seats[i]!.code, key: `full-meeting-tablet-${i}-key`, marks }), "ballot:submit");
    }
    const tokens = tellerTokens(await server.db.meeting.findUniqueOrThrow({ where: { id: meetingId } }), server.chairToken);
    const tellers = { A: await pool.join({ role: "teller", meetingId, token: tokens.A }), B: await pool.join({ role: "teller", meetingId, token: tokens.B }) };
    const { issued, returned, invalid } = FULL_MEETING_PAPER;
    for (const teller of ["A", "B"] as const) {
      await ok(call(tellers[teller], "paper:counts", { teller, issued, returned }), "paper:counts");
      for (let ballotNo = 1; ballotNo <= returned; ballotNo++) {
        const isInvalid = ballotNo > returned - invalid;
        const marks = isInvalid ? {} : Object.fromEntries(evaluated.map((s, n) => [s.id, levels[(ballotNo + 2 * n) % levels.length]!]));
        await ok(call(tellers[teller], "paper:entry", { ballotNo, teller, marks, invalid: isInvalid }), "paper:entry");
      }
    }
    await command(chair, "voting.close");
    await command(chair, "results.publish");
    snapshot = await command(chair, "agenda.next");
    while (snapshot.live.cursor.item !== "closed") snapshot = await command(chair, "agenda.next");
    return snapshot;
  } finally {
    pool.disconnectAll();
  }
}

export const DOCUMENT_EXPORTS = ["minutes.docx", "rectification.xlsx", "rectification.docx", "results.xlsx", "results.docx"] as const;

/** The five documents of a closed meeting, over the HTTP API with the chair token. */
export async function downloadDocuments(server: InProcessServer): Promise<Record<(typeof DOCUMENT_EXPORTS)[number], Buffer>> {
  const out = {} as Record<(typeof DOCUMENT_EXPORTS)[number], Buffer>;
  for (const name of DOCUMENT_EXPORTS) {
    const res = await fetch(`${server.url}/api/meetings/${server.meeting.id}/exports/${name}`, { headers: { authorization: `Bearer ${server.chairToken}` } });
    if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${await res.text()}`);
    out[name] = Buffer.from(await res.arrayBuffer());
  }
  return out;
}

/** A server with the demo meeting run to the end, and its five documents. */
export async function fullMeetingDocuments() {
  const clock = steppedClock();
  const server = await startInProcessServer(clock);
  try {
    await runFullMeeting(server, clock);
    return await downloadDocuments(server);
  } finally {
    await server.close();
  }
}
