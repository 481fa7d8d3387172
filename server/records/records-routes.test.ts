// Integration: the after-meeting records over the real HTTP API (in-process server, temp
// database), with the meeting run by a real chair socket and real tablets voting.
import { deflateRawSync, constants as zlib } from "node:zlib";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import mammoth from "mammoth";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MeetingSnapshot } from "../domain/snapshot";
import { listSeats } from "../voting/seat-data";
import { call, clientPool, startInProcessServer, type InProcessServer, type TestClient } from "../test-support/servers";
import { verifyRecordFile, type RecordFile } from "./record-chain";
import { tellerTokens } from "../live/meeting-directory";

let server: InProcessServer;
const pool = clientPool(() => server.url);

beforeEach(async () => {
  server = await startInProcessServer();
});

afterEach(async () => {
  pool.disconnectAll();
  await server.close();
});

type Body = { error?: string; message?: string; id?: string } & Record<string, unknown>;

async function http(path: string, options: { method?: string; json?: unknown; raw?: Uint8Array; token?: string | null } = {}) {
  const headers: Record<string, string> = {};
  const bearer = options.token === undefined ? server.chairToken : options.token;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.raw) {
    headers["content-type"] = "application/zip";
    body = Buffer.from(options.raw);
  }
  const res = await fetch(server.url + path, { method: options.method ?? "GET", headers, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get("content-type") ?? "").startsWith("application/json") && !path.endsWith("record.json") ? (JSON.parse(bytes.toString("utf8")) as Body) : ({} as Body);
  return { status: res.status, headers: res.headers, bytes, body: json };
}

const EXPORTS = ["minutes.docx", "rectification.xlsx", "rectification.docx", "results.xlsx", "results.docx", "record.json"];

async function command(chair: TestClient, type: string, extra: object = {}): Promise<MeetingSnapshot> {
  const result = await call<MeetingSnapshot>(chair, "meeting:command", { type, ...extra });
  if (!result.ok) throw new Error(`${type}: ${result.error.message}`);
  return result.data;
}

const COMMENTS = {
  highlight: "“红色物业”融合党建做法有特色，群众认可度高",
  problem: "软弱涣散党组织整顿进度偏慢，个别支部组织生活不规范",
  suggestion: "以上年度述职评议问题整改为导向，建立问题清单、责任清单",
};

/** Runs the demo meeting through: one unit reports (+1 minute) and is commented on, 3 tablets vote, results published, closed. */
async function runMeeting(meetingId = server.meeting.id, options: { paperInvalid?: boolean } = {}) {
  const chair = await pool.join({ role: "chair", meetingId, token: server.chairToken });
  let snapshot = await command(chair, "agenda.next"); // item 1, first unit ready
  snapshot = await command(chair, "agenda.next"); // reporting
  await command(chair, "timer.adjust", { deltaMs: 60_000 });
  snapshot = await command(chair, "agenda.next"); // 点评
  const first = snapshot.roster[0]!;
  const written = snapshot.roster.find((s) => s.mode === "written")!;
  for (const [tag, text] of Object.entries(COMMENTS)) {
    const saved = await call(chair, "comment:save", { id: `comment-${tag}-0001`, speakerId: first.id, tag, text });
    expect(saved.ok).toBe(true);
  }
  await call(chair, "comment:save", { id: "comment-written-0001", speakerId: written.id, tag: "problem", text: "机关党建与业务融合不够" });
  snapshot = await command(chair, "agenda.goto", { item: "evaluation" });
  await command(chair, "voting.open");
  const seats = await listSeats(server.db, meetingId);
  const evaluated = snapshot.roster.filter((s) => s.evaluated);
  const code = (await server.db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).attendeeCode;
  for (const [i, level] of ["good", "good", "fair"].entries()) {
    const tablet = await pool.join({ role: "attendee", code });
    const marks = Object.fromEntries(evaluated.map((s) => [s.id, level]));
    const cast = await call(tablet, "ballot:submit", { seatCode: seats[i]!.code, key: `tablet-key-${i}-abcdef`, marks });
    expect(cast.ok).toBe(true);
  }
  // A paper round with more ballots returned than issued is voided (kept in the record).
  // Each teller keys on their own link (甲 / 乙).
  const tokens = tellerTokens(await server.db.meeting.findUniqueOrThrow({ where: { id: meetingId } }), server.chairToken);
  const tellerA = await pool.join({ role: "teller", meetingId, token: tokens.A });
  const tellerB = await pool.join({ role: "teller", meetingId, token: tokens.B });
  // Paper ballot 1: the tellers key it differently (a dispute), then 乙 corrects it (resolved).
  const paperMarks = (level: string) => Object.fromEntries(evaluated.map((s) => [s.id, level]));
  expect((await call(tellerA, "paper:entry", { ballotNo: 1, teller: "A", marks: paperMarks("good"), invalid: false })).ok).toBe(true);
  expect((await call(tellerB, "paper:entry", { ballotNo: 1, teller: "B", marks: paperMarks("fair"), invalid: false })).ok).toBe(true);
  expect((await call(tellerB, "paper:entry", { ballotNo: 1, teller: "B", marks: paperMarks("good"), invalid: false })).ok).toBe(true);
  // Both tellers key the counts (乙 first keys 3, a dispute, then 2); the chair confirms the void they agree on.
  expect((await call(tellerA, "paper:counts", { teller: "A", issued: 1, returned: 2 })).ok).toBe(true);
  expect((await call(tellerB, "paper:counts", { teller: "B", issued: 1, returned: 3 })).ok).toBe(true);
  expect((await call(tellerB, "paper:counts", { teller: "B", issued: 1, returned: 2 })).ok).toBe(true);
  expect((await call(chair, "paper:void")).ok).toBe(true);
  if (options.paperInvalid) {
    // Round 2: one paper ballot issued and returned, both tellers find it a 废票.
    for (const [teller, socket] of [["A", tellerA], ["B", tellerB]] as const) {
      expect((await call(socket, "paper:counts", { teller, issued: 1, returned: 1 })).ok).toBe(true);
      expect((await call(socket, "paper:entry", { ballotNo: 1, teller, marks: {}, invalid: true })).ok).toBe(true);
    }
  }
  await command(chair, "voting.close");
  await command(chair, "results.publish");
  snapshot = await command(chair, "agenda.next"); // item 3
  while (snapshot.live.cursor.item !== "closed") snapshot = await command(chair, "agenda.next");
  return { chair, snapshot, first, written, seats };
}

async function docxText(bytes: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer: bytes })).value;
}

function unzip(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, name.endsWith(".json") ? strFromU8(data) : Buffer.from(data).toString("base64")]));
}

/** An archive's content minus the export time (which is all that differs between two exports). */
function comparable(bytes: Uint8Array): Record<string, unknown> {
  const files = unzip(bytes);
  const record = JSON.parse(files["record.json"]!) as RecordFile;
  const manifest = JSON.parse(files["manifest.json"]!) as Record<string, unknown>;
  return { ...files, "manifest.json": { ...manifest, exportedAt: null }, "record.json": { ...record, exportedAt: null } };
}

async function meetingCount(): Promise<number> {
  return server.db.meeting.count();
}

describe("会后 exports", () => {
  it("refuses without the chair token (401), for an unknown meeting (404), and results before voting closed (409)", async () => {
    const id = server.meeting.id;
    const paths = [...EXPORTS.map((e) => `/api/meetings/${id}/exports/${e}`), `/api/meetings/${id}/archive`, `/api/meetings/${id}/records`, `/api/meetings/${id}/rectification`];
    for (const path of paths) {
      expect((await http(path, { token: null })).status, path).toBe(401);
      expect((await http(path, { token: "wrong-token" })).status, path).toBe(401);
      expect((await http(path.replace(id, "no-such-meeting"))).status, path).toBe(404);
    }
    expect((await http("/api/meetings/import", { method: "POST", raw: new Uint8Array([1, 2, 3]), token: null })).status).toBe(401);
    expect((await http(`/api/meetings/${id}/carried-over`, { token: null })).status).toBe(401);
    expect((await http(`/api/meetings/${id}/exports/nonsense.pdf`)).status).toBe(404);
    for (const name of ["results.xlsx", "results.docx"]) {
      const early = await http(`/api/meetings/${id}/exports/${name}`);
      expect(early.status).toBe(409);
      expect(early.body.message).toContain("测评结束后");
    }
    // Everything else is there before the meeting (an empty record, a 纪要 without 点评).
    for (const name of ["minutes.docx", "rectification.xlsx", "rectification.docx", "record.json"]) expect((await http(`/api/meetings/${id}/exports/${name}`)).status, name).toBe(200);
  });

  it("after 会议结束: every file, named in Chinese with RFC 6266 filename*, holding the meeting's 点评 and counts", async () => {
    const { first } = await runMeeting();
    const id = server.meeting.id;
    const minutes = await http(`/api/meetings/${id}/exports/minutes.docx`);
    expect(minutes.status).toBe(200);
    expect(minutes.headers.get("content-type")).toContain("wordprocessingml");
    const disposition = minutes.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="[ -~]+"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe("2023年度党(工)委书记抓基层党建工作述职评议会-会议纪要.docx");
    const text = await docxText(minutes.bytes);
    expect(text).toContain(first.unit);
    for (const comment of Object.values(COMMENTS)) expect(text).toContain(comment);
    expect(text).toMatch(/用时 \d+:\d\d/);
    expect(text).toContain("应到 40 人，实到 3 人");
    // The paper count's disputes, resolutions and void, from the 会议纪实, with the teller role.
    expect(text).toMatch(/\d\d:\d\d:\d\d　纸质票录入不一致（乙）：第 1 号票两人录入不一致/);
    expect(text).toContain("纸质票核对一致（乙）：第 1 号票已核对一致");
    expect(text).toContain("发出收回张数一致（乙）：发出、收回张数两人已一致：发出 1，收回 2");
    expect(text).toContain("纸质票轮次作废（主持人）：主持人确认第 1 轮作废");

    const xlsx = new ExcelJS.Workbook();
    await xlsx.xlsx.load((await http(`/api/meetings/${id}/exports/rectification.xlsx`)).bytes as unknown as ArrayBuffer);
    const rows = xlsx.getWorksheet("整改清单")!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r[5])).toEqual([COMMENTS.problem, COMMENTS.suggestion, "机关党建与业务融合不够"]);

    const results = new ExcelJS.Workbook();
    const resultsFile = await http(`/api/meetings/${id}/exports/results.xlsx`);
    expect(decodeURIComponent(resultsFile.headers.get("content-disposition")!.split("''")[1]!)).toBe("2023年度党(工)委书记抓基层党建工作述职评议会-民主测评汇总表.xlsx");
    await results.xlsx.load(resultsFile.bytes as unknown as ArrayBuffer);
    const sheet = results.getWorksheet("测评汇总表")!;
    expect(String(sheet.getCell("A2").value)).toBe("应到 40 人，实到 3 人；有效票 3 张（电子 3 张，纸质 0 张）；废票 0 张。");
    expect((sheet.getRow(4).values as unknown[]).slice(2, 6)).toEqual([first.unit, first.name, 2, "66.7%"]);
    expect(sheet.getColumn(1).values.map(String).join("\n")).toContain("纸质票第 1 轮：发出 1 张，收回 2 张，收回多于发出，本轮作废");
    // The close wrote its 3 waiting ballots together, fewer than k = 5: the 汇总表 says so, as the console does.
    const lastBatch = "结束测评时还有 3 张电子票在等待，已一并计入。这一批少于 5 张";
    expect(sheet.getColumn(1).values.map(String).join("\n")).toContain(lastBatch);
    const resultsDocx = await docxText((await http(`/api/meetings/${id}/exports/results.docx`)).bytes);
    expect(resultsDocx).toContain("计票人：");
    expect(resultsDocx).toContain(lastBatch);

    const feedback = await docxText((await http(`/api/meetings/${id}/exports/rectification.docx`)).bytes);
    expect(feedback).toContain(COMMENTS.highlight);
  });

  it("the record: every change chained, no ballot content or seat; one changed byte is found", async () => {
    const { seats, first } = await runMeeting();
    const res = await http(`/api/meetings/${server.meeting.id}/exports/record.json`);
    const text = res.bytes.toString("utf8");
    const record = JSON.parse(text) as RecordFile;
    const types = record.entries.map((e) => e.type);
    for (const type of ["item.started", "speaker.ready", "speaker.started", "timer.adjusted", "speaker.review", "speaker.ended", "comment.saved", "voting.opened", "paper.round_voided", "voting.closed", "results.published", "point.started", "meeting.closed"]) {
      expect(types, type).toContain(type);
    }
    // The paper count's disputes, resolutions and the void, in order, with the teller role and time.
    const paper = record.entries.filter((e) => e.type.startsWith("paper."));
    expect(paper.map((e) => [e.type, e.data.role, e.data.ballotNo])).toEqual([
      ["paper.ballot_dispute", "乙", 1],
      ["paper.ballot_resolved", "乙", 1],
      ["paper.counts_dispute", "乙", null],
      ["paper.counts_resolved", "乙", null],
      ["paper.void_required", "乙", null],
      ["paper.round_voided", "主持人", null],
    ]);
    expect(paper.every((e) => e.data.round === 1 && !Number.isNaN(Date.parse(e.at)))).toBe(true);
    expect(record.entries.find((e) => e.type === "paper.round_voided")!.data).toMatchObject({ round: 1, issued: 1, returned: 2 });
    expect(paper[3]!.data.detail).toContain("发出 1，收回 2");
    expect(record.entries.find((e) => e.type === "voting.closed")!.data.tallySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.entries.find((e) => e.type === "timer.adjusted")!.data).toMatchObject({ deltaMs: 60_000, limitMs: 420_000 });
    expect(record.entries.find((e) => e.type === "speaker.ended")!.data).toMatchObject({ speakerId: first.id, unit: first.unit });
    expect(verifyRecordFile(text)).toMatchObject({ ok: true, count: record.entries.length });
    // Never a seat code, a tablet's key, a 点评's words or a level anyone chose.
    for (const seat of seats) expect(text).not.toContain(seat.code);
    expect(text).not.toContain("tablet-key");
    expect(text).not.toContain(COMMENTS.problem);
    expect(text).not.toMatch(/"(good|fair|poor|average)"/);

    // One byte changed inside entry 5's time: the chain breaks exactly there.
    const fifth = record.entries[4]!;
    const at = text.indexOf(`"at": "${fifth.at}"`) + `"at": "`.length + 3;
    const altered = text.slice(0, at) + (text[at] === "1" ? "2" : "1") + text.slice(at + 1);
    expect(altered.length).toBe(text.length);
    expect(verifyRecordFile(altered)).toMatchObject({ ok: false, seq: 5 });
  });
});

describe("整改 follow-up", () => {
  it("tracks status, owner, deadline and dated notes; a copied meeting shows last year's items beside the unit", async () => {
    const { first } = await runMeeting();
    const id = server.meeting.id;
    const list = await http(`/api/meetings/${id}/rectification`);
    const items = list.body.items as Array<{ commentId: string; unit: string; status: string; text: string }>;
    expect(items.map((i) => i.text)).toEqual([COMMENTS.problem, COMMENTS.suggestion, "机关党建与业务融合不够"]);
    const item = items[0]!;
    expect((await http(`/api/meetings/${id}/rectification/${item.commentId}`, { method: "PATCH", json: { status: "sideways" } })).status).toBe(400);
    expect((await http(`/api/meetings/${id}/rectification/nope`, { method: "PATCH", json: { status: "done" } })).status).toBe(404);
    const highlight = "comment-highlight-0001";
    expect((await http(`/api/meetings/${id}/rectification/${highlight}`, { method: "PATCH", json: { status: "done" } })).status).toBe(404);
    const patched = await http(`/api/meetings/${id}/rectification/${item.commentId}`, { method: "PATCH", json: { status: "done", owner: "张XX", dueDate: "2024-06-30", measures: "逐村整顿" } });
    expect(patched.status).toBe(200);
    const noted = await http(`/api/meetings/${id}/rectification/${item.commentId}/notes`, { method: "POST", json: { date: "2024-03-01", text: "已完成 3 个村的整顿" } });
    expect(noted.status).toBe(201);
    expect((noted.body.items as Array<{ notes: unknown[]; status: string }>)[0]).toMatchObject({ status: "done", notes: [{ date: "2024-03-01", text: "已完成 3 个村的整顿" }] });
    const rows = new ExcelJS.Workbook();
    await rows.xlsx.load((await http(`/api/meetings/${id}/exports/rectification.xlsx`)).bytes as unknown as ArrayBuffer);
    expect((rows.getWorksheet("整改清单")!.getRow(2).values as unknown[]).slice(6)).toEqual(["逐村整顿", "张XX", "2024-06-30", "已完成", "2024-03-01 已完成 3 个村的整顿"]);

    const copy = await http(`/api/meetings/${id}/copy`, { method: "POST", json: { title: "2024年度党(工)委书记抓基层党建工作述职评议会" } });
    expect(copy.status).toBe(201);
    const carried = await http(`/api/meetings/${copy.body.id}/carried-over`);
    expect(carried.body).toMatchObject({ title: "2023年度党(工)委书记抓基层党建工作述职评议会" });
    const mine = (carried.body.items as Array<{ unit: string; text: string; status: string }>).filter((i) => i.unit === first.unit);
    expect(mine).toEqual([expect.objectContaining({ text: COMMENTS.problem, status: "done" }), expect.objectContaining({ text: COMMENTS.suggestion, status: "not_started" })]);
    // The tablets read them with the meeting code.
    const code = (await server.db.meeting.findUniqueOrThrow({ where: { id: copy.body.id! } })).attendeeCode;
    expect((await http(`/api/meetings/${copy.body.id}/carried-over?code=${code}`, { token: null })).status).toBe(200);
    expect((await http(`/api/meetings/${copy.body.id}/carried-over?code=000000`, { token: null })).status).toBe(401);
    // And the new meeting's 纪要 lists them.
    expect(await docxText((await http(`/api/meetings/${copy.body.id}/exports/minutes.docx`)).bytes)).toContain(`上年度整改事项：${COMMENTS.problem}（已完成）`);
  });
});

describe("archive", () => {
  it("round trip: export → import (new id, codes and tokens) → export gives the same content", async () => {
    const { first } = await runMeeting(server.meeting.id, { paperInvalid: true });
    const id = server.meeting.id;
    const summary = async (meetingId: string) => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await http(`/api/meetings/${meetingId}/exports/results.xlsx`)).bytes as unknown as ArrayBuffer);
      return String(book.getWorksheet("测评汇总表")!.getCell("A2").value);
    };
    const counts = "应到 40 人，实到 4 人；有效票 3 张（电子 3 张，纸质 0 张）；废票 1 张。";
    expect(await summary(id)).toBe(counts);
    const item = ((await http(`/api/meetings/${id}/rectification`)).body.items as Array<{ commentId: string }>)[0]!;
    await http(`/api/meetings/${id}/rectification/${item.commentId}/notes`, { method: "POST", json: { date: "2024-03-01", text: "整改推进中" } });
    const exported = await http(`/api/meetings/${id}/archive`);
    expect(exported.status).toBe(200);
    expect(decodeURIComponent(exported.headers.get("content-disposition")!.split("''")[1]!)).toBe("2023年度党(工)委书记抓基层党建工作述职评议会-归档.zip");
    const before = await meetingCount();
    const imported = await http("/api/meetings/import", { method: "POST", raw: exported.bytes });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(await meetingCount()).toBe(before + 1);
    const newId = imported.body.id!;
    expect(newId).not.toBe(id);
    const [source, copy] = await Promise.all([server.db.meeting.findUniqueOrThrow({ where: { id } }), server.db.meeting.findUniqueOrThrow({ where: { id: newId } })]);
    expect(copy.attendeeCode).not.toBe(source.attendeeCode);
    expect(copy.displayToken).not.toBe(source.displayToken);
    const again = await http(`/api/meetings/${newId}/archive`);
    expect(comparable(again.bytes)).toEqual(comparable(exported.bytes));
    // The restored meeting's record still verifies, and its documents are the same meeting's.
    expect(verifyRecordFile((await http(`/api/meetings/${newId}/exports/record.json`)).bytes.toString("utf8")).ok).toBe(true);
    expect(await docxText((await http(`/api/meetings/${newId}/exports/minutes.docx`)).bytes)).toContain(COMMENTS.highlight);
    // The 废票 came along: the restored meeting's 测评汇总表 counts it as the original did.
    expect(await summary(newId)).toBe(counts);
    expect(await docxText((await http(`/api/meetings/${newId}/exports/minutes.docx`)).bytes)).toContain("废票 1 张");
    expect(JSON.stringify(unzip(exported.bytes)["meeting.json"])).toContain(first.unit);
  });

  it("hostile archives get a clear 4xx and change nothing", async () => {
    await runMeeting();
    const good = (await http(`/api/meetings/${server.meeting.id}/archive`)).bytes;
    const files = unzipSync(good);
    const rezip = (change: (f: Record<string, Uint8Array>) => void) => {
      const copy = { ...files };
      change(copy);
      return zipSync(copy);
    };
    const json = (f: Record<string, Uint8Array>, name: string) => JSON.parse(strFromU8(f[name]!)) as Record<string, unknown>;

    // A zip bomb: 320 MB of zeros in 320 KB, its size declared as 1 KB.
    const zeros = deflateRawSync(Buffer.alloc(16 * 1024 * 1024), { finishFlush: zlib.Z_SYNC_FLUSH });
    const bomb = bombZip("meeting.json", Buffer.concat([...Array.from({ length: 20 }, () => zeros), Buffer.from([0x03, 0x00])]), 1024);

    const wrongVersion = rezip((f) => {
      f["manifest.json"] = strToU8(JSON.stringify({ ...json(f, "manifest.json"), version: 99 }));
    });
    const tampered = rezip((f) => {
      const record = json(f, "record.json") as unknown as RecordFile;
      record.entries[2]!.at = "2020-01-01T00:00:00.000Z";
      f["record.json"] = strToU8(JSON.stringify(record));
    });
    const foreignRecord = rezip((f) => {
      const record = json(f, "record.json") as unknown as RecordFile;
      record.meetingId = "another-meeting-id";
      f["record.json"] = strToU8(JSON.stringify(record));
    });
    const foreignSpeaker = rezip((f) => {
      const meeting = json(f, "meeting.json") as { comments: Array<{ speaker: string }> };
      meeting.comments[0]!.speaker = "s999";
      f["meeting.json"] = strToU8(JSON.stringify(meeting));
    });
    const foreignTally = rezip((f) => {
      const meeting = json(f, "meeting.json") as { frozenTally: { speakers: Array<{ speakerId: string }> } };
      meeting.frozenTally.speakers[0]!.speakerId = "ckotherMeetingSpeakerId";
      f["meeting.json"] = strToU8(JSON.stringify(meeting));
    });
    const cases: Array<[string, Uint8Array, number, RegExp]> = [
      ["zip bomb", bomb, 400, /解压后过大/],
      ["not a zip", strToU8("PK but not really a zip file at all"), 400, /不是有效的 \.zip/],
      ["wrong version", wrongVersion, 400, /不支持的归档版本：99/],
      ["tampered hash chain", tampered, 400, /哈希链不完整：第 3 条/],
      ["another meeting's record", foreignRecord, 400, /另一个会议/],
      ["a 点评 naming a unit outside the archive", foreignSpeaker, 400, /名单之外/],
      ["a tally naming another meeting's speaker", foreignTally, 400, /名单之外/],
    ];
    const before = await meetingCount();
    const rows = await server.db.speaker.count();
    for (const [label, bytes, status, message] of cases) {
      const res = await http("/api/meetings/import", { method: "POST", raw: bytes });
      expect(res.status, label).toBe(status);
      expect(res.body.message, label).toMatch(message);
    }
    // Oversize: refused from its declared length, before it is read.
    const oversize = await http("/api/meetings/import", { method: "POST", raw: new Uint8Array(64 * 1024 * 1024 + 1) });
    expect(oversize.status).toBe(413);
    expect(oversize.body.message).toMatch(/过大/);
    expect(await meetingCount()).toBe(before);
    expect(await server.db.speaker.count()).toBe(rows);
  });
});

/** A one-entry zip whose deflated data is given as is, and whose declared size may lie. */
function bombZip(name: string, deflated: Buffer, declaredSize: number): Uint8Array {
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.byteLength, 18);
  local.writeUInt32LE(declaredSize, 22);
  local.writeUInt16LE(fileName.byteLength, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.byteLength, 20);
  central.writeUInt32LE(declaredSize, 24);
  central.writeUInt16LE(fileName.byteLength, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.byteLength + fileName.byteLength, 12);
  end.writeUInt32LE(local.byteLength + fileName.byteLength + deflated.byteLength, 16);
  return new Uint8Array(Buffer.concat([local, fileName, deflated, central, fileName, end]));
}
