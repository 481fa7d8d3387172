// Integration: meeting preparation over the real HTTP API (in-process server, temp database)
// with real socket.io clients for the projector and the tablets.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MeetingSnapshot } from "../domain/snapshot";
import type { ImportPreview } from "./setup-service";
import type { AccessView, LotDrawView, SetupMeetingRow, SetupView } from "./setup-schemas";
import { docxFile, gbkCsv, handMadeZip, pdfFile, wordParagraph, xlsxFile } from "../test-support/files";
import { connectClient, nextSnapshot, startInProcessServer, type InProcessServer, type TestClient } from "../test-support/servers";

let server: InProcessServer;
const clients: TestClient[] = [];

beforeEach(async () => {
  // These tests try many wrong tokens and 会议码 from one address on purpose, to check each
  // refusal; the guessing limits (server/live/guessing.test.ts) would answer them 429 first.
  server = await startInProcessServer(undefined, undefined, { guessLimits: { freeFailuresPerMinute: 1_000, budgetPerMinute: 1_000 } });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await server.close();
});

interface Call {
  method?: string;
  json?: unknown;
  raw?: Uint8Array;
  token?: string | null;
}

/** A JSON answer: `{ error, message }` on refusal, the route's data otherwise. */
type Body = { error?: string; message?: string; id?: string } & Record<string, unknown>;

async function call(path: string, { method = "GET", json, raw, token }: Call = {}): Promise<{ status: number; body: Body; headers: Headers; bytes: Buffer }> {
  const headers: Record<string, string> = {};
  const bearer = token === undefined ? server.chairToken : token;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  let body: BodyInit | undefined;
  if (json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(json);
  } else if (raw) {
    headers["content-type"] = "application/octet-stream";
    body = Buffer.from(raw);
  }
  const res = await fetch(server.url + path, { method, headers, body });
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString("utf8");
  const parsed = ((res.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : { text }) as Body;
  return { status: res.status, body: parsed, headers: res.headers, bytes };
}

async function setupView(meetingId = server.meeting.id): Promise<SetupView> {
  const res = await call(`/api/meetings/${meetingId}/setup`);
  expect(res.status).toBe(200);
  return res.body as unknown as SetupView;
}

async function command(type: string, extra: object = {}): Promise<MeetingSnapshot> {
  const res = await call(`/api/meetings/${server.meeting.id}/commands`, { method: "POST", json: { type, ...extra } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (await setupView()).snapshot;
}

async function join(auth: Parameters<typeof connectClient>[1]): Promise<TestClient> {
  const client = await connectClient(server.url, auth);
  clients.push(client);
  return client;
}

const units = (view: SetupView) => view.snapshot.roster.map((e) => e.unit);

describe("meetings", () => {
  it("creates a meeting with the seed's agenda, edits its fields, and refuses bad input without changing anything", async () => {
    const created = await call("/api/meetings", { method: "POST", json: { title: "2024年度党(工)委书记抓基层党建工作述职评议会", date: "2025-01-16", venue: "区委第一会议室", expectedVoters: 12 } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    const list = (await call("/api/setup/meetings")).body as unknown as SetupMeetingRow[];
    expect(list[0]).toMatchObject({ id, title: "2024年度党(工)委书记抓基层党建工作述职评议会", speakerCount: 0, status: "pending" });
    let view = await setupView(id);
    expect(view.snapshot.meeting.agenda.evaluation.title).toBe("民主测评");
    expect(view.seatCount).toBe(12);

    const patch = {
      chairName: "王XX同志",
      guests: "市委组织部XXX同志",
      limitMs: 5 * 60_000,
      warningMs: 30_000,
      closingPoints: [{ title: "要始终坚持政治引领", body: "坚定不移听党话、跟党走。" }],
      agenda: {
        reports: { title: "述职", text: "一述一评" },
        evaluation: { title: "民主测评", text: "填写测评票" },
        closing: { title: "书记讲话", text: "提几点要求" },
      },
    };
    expect((await call(`/api/meetings/${id}`, { method: "PATCH", json: patch })).status).toBe(200);
    view = await setupView(id);
    expect(view.snapshot.meeting).toMatchObject({ chairName: "王XX同志", limitMs: 300_000, warningMs: 30_000, closingPoints: patch.closingPoints });
    expect(view.snapshot.live.timer.limitMs).toBe(300_000);
    const version = view.snapshot.version;

    for (const bad of [{ title: "" }, { warningMs: 400_000 }, { limitMs: "six" }, { date: "明天" }, { unknownField: 1 }]) {
      const refused = await call(`/api/meetings/${id}`, { method: "PATCH", json: bad });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe("invalid");
      expect(refused.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await setupView(id)).snapshot.version).toBe(version);
  });

  it("copies last year's meeting: roster, texts and settings, with fresh codes and nothing of the live meeting", async () => {
    const source = server.meeting.id;
    await command("agenda.next");
    const first = (await setupView()).snapshot.roster[0]!;
    await call(`/api/meetings/${source}/evaluation`, {
      method: "PUT",
      json: {
        ratingLevels: [
          { id: "good", label: "好", weight: 100 },
          { id: "poor", label: "差", weight: 0 },
        ],
        voterCategories: [{ id: "leaders", label: "区委常委", weight: 3 }],
        expectedVoters: 40,
        evaluated: { [first.id]: false },
      },
    });
    await server.db.comment.create({ data: { id: "comment-1", meetingId: source, speakerId: first.id, tag: "problem", text: "问题" } });

    const copy = await call(`/api/meetings/${source}/copy`, { method: "POST", json: { title: "2024年度述职评议会", date: "2025-01-16" } });
    expect(copy.status).toBe(201);
    const original = await setupView(source);
    const copied = await setupView(copy.body.id);
    expect(units(copied)).toEqual(units(original));
    expect(copied.snapshot.roster[0]!.evaluated).toBe(false);
    expect(copied.snapshot.roster.every((e) => e.reportText === "")).toBe(true);
    expect(copied.snapshot.meeting).toMatchObject({
      title: "2024年度述职评议会",
      date: "2025-01-16",
      venue: original.snapshot.meeting.venue,
      agenda: original.snapshot.meeting.agenda,
      closingPoints: original.snapshot.meeting.closingPoints,
      ratingLevels: original.snapshot.meeting.ratingLevels,
      voterCategories: original.snapshot.meeting.voterCategories,
    });
    expect(copied.snapshot.live.cursor).toEqual({ item: "pending" });
    expect(copied.commentCounts).toEqual({});
    expect(copied.seatCount).toBe(original.seatCount);
    const [links, copiedLinks] = await Promise.all([call(`/api/meetings/${source}/links`), call(`/api/meetings/${copy.body.id}/links`)]);
    expect(copiedLinks.body.attendeeCode).not.toBe(links.body.attendeeCode);
    expect(copiedLinks.body.displayPath).not.toBe(links.body.displayPath);
    const seatCodes = new Set(((await call(`/api/meetings/${source}/seats`)).body as unknown as Array<{ code: string }>).map((s) => s.code));
    expect(((await call(`/api/meetings/${copy.body.id}/seats`)).body as unknown as Array<{ code: string }>).some((s) => seatCodes.has(s.code))).toBe(false);

    const withReports = await call(`/api/meetings/${source}/copy`, { method: "POST", json: { title: "带材料", includeReports: true } });
    const written = (await setupView(withReports.body.id)).snapshot.roster.find((e) => e.mode === "written")!;
    expect(written.reportText).toContain("区直机关工委");
  });

  it("refuses every setup route to anyone without the chair token, and nothing changes", async () => {
    const id = server.meeting.id;
    const speaker = (await setupView()).snapshot.roster[0]!.id;
    const before = await setupView();
    const routes: Array<[string, Call]> = [
      ["/api/setup/meetings", {}],
      ["/api/setup/roster-template", {}],
      ["/api/meetings", { method: "POST", json: { title: "x" } }],
      [`/api/meetings/${id}/setup`, {}],
      [`/api/meetings/${id}/access`, {}],
      [`/api/meetings/${id}`, { method: "PATCH", json: { title: "被篡改" } }],
      [`/api/meetings/${id}/copy`, { method: "POST", json: { title: "x" } }],
      [`/api/meetings/${id}/speakers`, { method: "POST", json: { unit: "冒名单位", name: "某某" } }],
      [`/api/meetings/${id}/speakers/${speaker}`, { method: "DELETE" }],
      [`/api/meetings/${id}/speakers/${speaker}`, { method: "PATCH", json: { name: "某某" } }],
      [`/api/meetings/${id}/speakers/${speaker}/attachment?name=a.pdf`, { method: "PUT", raw: pdfFile() }],
      [`/api/meetings/${id}/order`, { method: "PUT", json: { order: [speaker] } }],
      [`/api/meetings/${id}/lots`, { method: "POST" }],
      [`/api/meetings/${id}/import/preview?name=a.csv`, { method: "POST", raw: gbkCsv(["单位,姓名", "甲,乙"]) }],
      [`/api/meetings/${id}/import?mode=replace`, { method: "POST", raw: gbkCsv(["单位,姓名", "甲,乙"]) }],
      [`/api/meetings/${id}/evaluation`, { method: "PUT", json: {} }],
      [`/api/meetings/${id}/seats`, { method: "PUT", json: { count: 1, regenerate: true } }],
    ];
    for (const token of [null, "wrong", server.meeting.displayToken, server.meeting.attendeeCode]) {
      for (const [path, options] of routes) {
        const res = await call(path, { ...options, token });
        expect(res.status, `${options.method ?? "GET"} ${path} with ${token}`).toBe(401);
        expect(res.body.error).toBe("unauthorized");
      }
    }
    const after = await setupView();
    expect(after.snapshot.version).toBe(before.snapshot.version);
    expect(units(after)).toEqual(units(before));
    expect(after.snapshot.meeting.title).toBe(before.snapshot.meeting.title);
    expect(after.seatCount).toBe(before.seatCount);
  });
});

describe("roster import", () => {
  it("previews an .xlsx with every row and its problems, writes nothing, then replaces the roster on confirmation", async () => {
    const id = server.meeting.id;
    const before = await setupView();
    const xlsx = await xlsxFile([
      ["单位", "姓名", "职务", "述职方式", "顺序", "时限(分钟)"],
      ["临江街道党工委", "周XX", "书记", "现场述职", 2, 5],
      ["滨湖街道党工委", "吴XX", "书记", "现场述职", 1, null],
      ["", "郑XX", "书记", "现场述职", 3, null],
      ["区教育局党委", "钱XX", "书记", "书面", 4, null],
      ["滨湖街道党工委", "冯XX", "书记", "现场述职", 5, null],
      ["区卫健局党委", "陈XX", "书记", "视频述职", 6, null],
    ]);
    const preview = await call(`/api/meetings/${id}/import/preview?name=${encodeURIComponent("2024名单.xlsx")}`, { method: "POST", raw: xlsx });
    expect(preview.status).toBe(200);
    const { preview: p, appendConflicts } = preview.body as unknown as ImportPreview;
    expect(p.rows).toHaveLength(6);
    expect(p.rows.map((r) => r.problems.map((x) => x.message).join(""))).toEqual([
      "",
      "",
      "缺少单位",
      "",
      expect.stringContaining("单位重复"),
      expect.stringContaining("述职方式无法识别"),
    ]);
    // The demo roster already has these two: an append would leave them out.
    expect(appendConflicts.map((c) => c.line)).toEqual([5, 7]);
    const unchanged = await setupView();
    expect(unchanged.snapshot.version).toBe(before.snapshot.version);
    expect(units(unchanged)).toEqual(units(before));

    const stale = await call(`/api/meetings/${id}/import?mode=replace&expected=5`, { method: "POST", raw: xlsx });
    expect(stale.status).toBe(409);
    expect(units(await setupView())).toEqual(units(before));

    const confirmed = await call(`/api/meetings/${id}/import?mode=replace&expected=3&name=a.xlsx`, { method: "POST", raw: xlsx });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toEqual({ imported: 3, skipped: 3 });
    const after = await setupView();
    expect(units(after)).toEqual(["滨湖街道党工委", "临江街道党工委", "区教育局党委"]);
    expect(after.snapshot.roster[1]).toMatchObject({ limitMs: 300_000, mode: "onsite", evaluated: true });
    expect(after.snapshot.roster[2]!.mode).toBe("written");
    expect(after.snapshot.version).toBe(before.snapshot.version + 1);
  });

  it("appends a GBK .csv saved by Excel, skipping units already on the roster, and takes pasted text", async () => {
    const id = server.meeting.id;
    const csv = gbkCsv(["单位,姓名,职务,述职方式", "城东街道党工委,张XX,书记,现场述职", "新城街道党工委,何XX,党工委书记,现场述职"]);
    const preview = (await call(`/api/meetings/${id}/import/preview?name=roster.csv`, { method: "POST", raw: csv })).body as unknown as ImportPreview;
    expect(preview.preview.source).toMatchObject({ format: "csv", encoding: "gb18030" });
    expect(preview.preview.rows.map((r) => r.unit)).toEqual(["城东街道党工委", "新城街道党工委"]);
    expect(preview.appendConflicts.map((c) => c.line)).toEqual([2]);

    const appended = await call(`/api/meetings/${id}/import?mode=append&expected=1&name=roster.csv`, { method: "POST", raw: csv });
    expect(appended.body).toEqual({ imported: 1, skipped: 1 });
    const roster = units(await setupView());
    expect(roster).toHaveLength(14);
    expect(roster.at(-1)).toBe("新城街道党工委");
    expect(roster.filter((u) => u === "城东街道党工委")).toHaveLength(1);

    const pasted = "单位\t姓名\t职务\t述职方式\n区司法局党组\t林XX\t书记\t书面述职\n";
    const fromText = await call(`/api/meetings/${id}/import?mode=append`, { method: "POST", json: { text: pasted } });
    expect(fromText.body).toEqual({ imported: 1, skipped: 0 });
    expect((await setupView()).snapshot.roster.at(-1)).toMatchObject({ unit: "区司法局党组", mode: "written" });
  });

  it("refuses hostile files with the importer's message and changes nothing", async () => {
    const id = server.meeting.id;
    const before = await setupView();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const bomb = handMadeZip([{ name: "xl/worksheets/sheet1.xml", content: Buffer.alloc(60 * 1024 * 1024) }]);
    const liar = handMadeZip([{ name: "xl/worksheets/sheet1.xml", content: Buffer.alloc(2 * 1024 * 1024), declaredSize: 100 }]);
    const huge = new Uint8Array(6 * 1024 * 1024).fill(0x41);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ["photo.xlsx", png, /无法读取该文件/],
      ["bomb.xlsx", bomb, /解压后过大/],
      ["liar.xlsx", liar, /与其声明不符|不是有效的/],
      ["huge.csv", huge, /文件过大/],
    ];
    for (const [name, bytes, message] of cases) {
      for (const path of [`/api/meetings/${id}/import/preview?name=${name}`, `/api/meetings/${id}/import?mode=replace&name=${name}`]) {
        const res = await call(path, { method: "POST", raw: bytes });
        expect(res.status, `${name} → ${path}`).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(res.body.message).toMatch(message);
      }
    }
    const after = await setupView();
    expect(after.snapshot.version).toBe(before.snapshot.version);
    expect(units(after)).toEqual(units(before));
  });

  it("serves the template .xlsx, which imports as it is", async () => {
    const template = await call("/api/setup/roster-template");
    expect(template.status).toBe(200);
    expect(template.headers.get("content-disposition")).toContain("filename*=UTF-8''");
    const preview = (await call(`/api/meetings/${server.meeting.id}/import/preview?name=t.xlsx`, { method: "POST", raw: template.bytes })).body as unknown as ImportPreview;
    expect(preview.preview.problems).toEqual([]);
    expect(preview.preview.rows.map((r) => r.unit)).toEqual(["城东街道党工委", "区教育局党委"]);
  });
});

describe("order and lots", () => {
  it("draws lots among the on-site units, records the draw, and refuses once the meeting has started", async () => {
    const id = server.meeting.id;
    const before = await setupView();
    const drawn = await call(`/api/meetings/${id}/lots`, { method: "POST", json: { scope: "onsite" } });
    expect(drawn.status).toBe(201);
    const draw = drawn.body as unknown as LotDrawView;
    const after = await setupView();
    const onsite = before.snapshot.roster.filter((e) => e.mode === "onsite").map((e) => e.unit);
    expect([...draw.units].sort()).toEqual([...onsite].sort());
    expect(units(after).slice(0, 6)).toEqual(draw.units);
    expect(units(after).slice(6)).toEqual(units(before).slice(6));
    expect(after.lotDraws[0]).toEqual(draw);
    expect(after.snapshot.version).toBe(before.snapshot.version + 1);

    await command("agenda.next");
    const refused = await call(`/api/meetings/${id}/lots`, { method: "POST" });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain("会议已开始");
    expect((await setupView()).lotDraws).toHaveLength(1);
  });

  it("reorders the roster, and refuses an order that is not the current roster", async () => {
    const id = server.meeting.id;
    const ids = (await setupView()).snapshot.roster.map((e) => e.id);
    const moved = [ids[1]!, ids[0]!, ...ids.slice(2)];
    expect((await call(`/api/meetings/${id}/order`, { method: "PUT", json: { order: moved } })).status).toBe(200);
    expect((await setupView()).snapshot.roster.map((e) => e.id)).toEqual(moved);
    for (const order of [ids.slice(1), [...ids.slice(1), "someone-else"], [ids[0], ...ids]]) {
      const res = await call(`/api/meetings/${id}/order`, { method: "PUT", json: { order } });
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
    expect((await setupView()).snapshot.roster.map((e) => e.id)).toEqual(moved);
  });

  it("keeps the order of a closed meeting: the lock says why, and a new order is refused", async () => {
    const id = server.meeting.id;
    expect((await setupView()).locks.order).toBeNull();
    await command("agenda.goto", { item: "closing" });
    for (let view = await setupView(); view.snapshot.live.cursor.item !== "closed"; view = await setupView()) await command("agenda.next");
    const view = await setupView();
    expect(view.locks.order).toContain("会议已结束");
    const ids = view.snapshot.roster.map((e) => e.id);
    const res = await call(`/api/meetings/${id}/order`, { method: "PUT", json: { order: [ids[1]!, ids[0]!, ...ids.slice(2)] } });
    expect(res.status).toBe(409);
    expect(res.body.message).toContain("会议已结束");
    expect((await setupView()).snapshot.roster.map((e) => e.id)).toEqual(ids);
  });
});

describe("changes on the day", () => {
  it("a unit added, moved or removed while the meeting is live reaches the projector and the tablets at once", async () => {
    const id = server.meeting.id;
    await command("agenda.next");
    const display = await join({ role: "display", meetingId: id, token: server.meeting.displayToken });
    const tablet = await join({ role: "attendee", code: server.meeting.attendeeCode });
    const start = (await setupView()).snapshot;

    const displaySees = nextSnapshot(display, (s) => s.roster.some((e) => e.unit === "临时增加街道党工委"));
    const tabletSees = nextSnapshot(tablet, (s) => s.roster.some((e) => e.unit === "临时增加街道党工委"));
    const added = await call(`/api/meetings/${id}/speakers`, { method: "POST", json: { unit: "临时增加街道党工委", name: "新XX" } });
    expect(added.status).toBe(201);
    const [onDisplay, onTablet] = await Promise.all([displaySees, tabletSees]);
    expect(onDisplay.version).toBe(start.version + 1);
    expect(onTablet.version).toBe(onDisplay.version);
    // On-site units speak before the written ones: the new one goes after the last on-site unit.
    expect(onDisplay.roster[6]!.unit).toBe("临时增加街道党工委");

    const order = onDisplay.roster.map((e) => e.id);
    const newId = added.body.id as string;
    const reordered = [order[0]!, newId, ...order.slice(1).filter((x) => x !== newId)];
    const moveSeen = nextSnapshot(display, (s) => s.roster[1]?.id === newId);
    await call(`/api/meetings/${id}/order`, { method: "PUT", json: { order: reordered } });
    const afterMove = await moveSeen;
    expect(afterMove.live.cursor).toEqual(start.live.cursor);

    const removeSeen = nextSnapshot(tablet, (s) => !s.roster.some((e) => e.id === newId));
    expect((await call(`/api/meetings/${id}/speakers/${newId}`, { method: "DELETE" })).status).toBe(200);
    await removeSeen;
  });

  it("never removes the current speaker; a unit that reported or has 点评 goes only when confirmed, and is kept with its 点评", async () => {
    const id = server.meeting.id;
    let snapshot = await command("agenda.next");
    const [first, second, third] = snapshot.roster;
    expect(snapshot.live.cursor).toMatchObject({ speakerId: first!.id });

    const current = await call(`/api/meetings/${id}/speakers/${first!.id}?confirm=1`, { method: "DELETE" });
    expect(current.status).toBe(409);
    expect(current.body.message).toContain("正在述职");

    // First reports (→ reporting, → 点评), the chair comments, then moves on to the second.
    await command("agenda.next");
    await command("agenda.next");
    await server.db.comment.create({ data: { id: "comment-first", meetingId: id, speakerId: first!.id, tag: "highlight", text: "亮点突出" } });
    snapshot = await command("agenda.next");
    expect(snapshot.live.records[first!.id]?.status).toBe("done");
    expect(snapshot.live.cursor).toMatchObject({ speakerId: second!.id });

    const unconfirmedComments = await call(`/api/meetings/${id}/speakers/${first!.id}`, { method: "DELETE" });
    expect(unconfirmedComments.status).toBe(409);
    expect(unconfirmedComments.body.error).toBe("confirm_required");
    expect(unconfirmedComments.body.message).toContain("1 条点评");
    const withComments = await call(`/api/meetings/${id}/speakers/${first!.id}?confirm=1`, { method: "DELETE" });
    expect(withComments.status).toBe(200);
    expect((await setupView()).snapshot.roster.some((e) => e.id === first!.id)).toBe(false);
    // Off every screen, but the unit and its 点评 are kept for the 整改清单.
    expect(await server.db.comment.count({ where: { speakerId: first!.id } })).toBe(1);
    expect(await server.db.speaker.findUnique({ where: { id: first!.id }, select: { removed: true } })).toEqual({ removed: true });

    // Second reports without a comment; the chair goes on to the third.
    await command("agenda.next");
    await command("agenda.next");
    snapshot = await command("agenda.next");
    expect(snapshot.live.records[second!.id]?.status).toBe("done");
    const version = snapshot.version;

    const unconfirmed = await call(`/api/meetings/${id}/speakers/${second!.id}`, { method: "DELETE" });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error).toBe("confirm_required");
    expect(unconfirmed.body.message).toContain("已述职");
    expect((await setupView()).snapshot.version).toBe(version);

    const confirmed = await call(`/api/meetings/${id}/speakers/${second!.id}?confirm=1`, { method: "DELETE" });
    expect(confirmed.status).toBe(200);
    const after = (await setupView()).snapshot;
    expect(after.roster.some((e) => e.id === second!.id)).toBe(false);
    expect(after.live.cursor).toMatchObject({ speakerId: third!.id });

    // An upcoming unit goes without a confirmation.
    const upcoming = after.roster[5]!;
    expect((await call(`/api/meetings/${id}/speakers/${upcoming.id}`, { method: "DELETE" })).status).toBe(200);
  });

  it("locks the evaluation setup, the roster and the seat codes once voting has opened", async () => {
    const id = server.meeting.id;
    const evaluation = {
      ratingLevels: [
        { id: "good", label: "好", weight: 100 },
        { id: "fair", label: "较好", weight: 80 },
        { id: "average", label: "一般", weight: 60 },
        { id: "poor", label: "差", weight: 0 },
      ],
      voterCategories: [
        { id: "standing", label: "区委常委", weight: 0.3 },
        { id: "group", label: "领导小组成员", weight: 0.3 },
        { id: "delegates", label: "党代表和群众代表", weight: 0.4 },
      ],
      expectedVoters: 30,
      evaluated: {},
    };
    expect((await call(`/api/meetings/${id}/evaluation`, { method: "PUT", json: evaluation })).status).toBe(200);
    expect((await call(`/api/meetings/${id}/seats`, { method: "PUT", json: { count: 30, regenerate: true } })).status).toBe(200);
    const seats = (await call(`/api/meetings/${id}/seats`)).body as unknown as Array<{ code: string; label: string }>;
    expect(seats).toHaveLength(30);
    expect(seats[0]!.label).toBe("1号");
    const assign = await call(`/api/meetings/${id}/seats/categories`, {
      method: "PUT",
      json: {
        assignments: seats.map((s, i) => ({ code: s.code, categoryId: i < 5 ? "standing" : i < 15 ? "group" : "delegates" })),
      },
    });
    expect(assign.body).toEqual({ updated: 30 });
    const badCategory = await call(`/api/meetings/${id}/seats/categories`, { method: "PUT", json: { assignments: [{ code: seats[0]!.code, categoryId: "nobody" }] } });
    expect(badCategory.status).toBe(400);

    await command("agenda.goto", { item: "evaluation" });
    await command("voting.open");
    const view = await setupView();
    expect(view.locks.evaluation).toContain("民主测评已开始");

    const refused = await call(`/api/meetings/${id}/evaluation`, { method: "PUT", json: { ...evaluation, expectedVoters: 99 } });
    expect(refused.status).toBe(409);
    expect((await setupView()).snapshot.meeting.expectedVoters).toBe(30);
    expect((await call(`/api/meetings/${id}/speakers`, { method: "POST", json: { unit: "新单位", name: "某" } })).status).toBe(409);
    expect((await call(`/api/meetings/${id}/seats`, { method: "PUT", json: { count: 30, regenerate: true } })).status).toBe(409);
    expect((await call(`/api/meetings/${id}/seats`, { method: "PUT", json: { count: 10 } })).status).toBe(409);
    // A late arrival can still get a seat: adding voids no printed card.
    expect((await call(`/api/meetings/${id}/seats`, { method: "PUT", json: { count: 31 } })).status).toBe(200);
    const after = (await call(`/api/meetings/${id}/seats`)).body as unknown as Array<{ code: string }>;
    expect(after.map((s) => s.code).slice(0, 30)).toEqual(seats.map((s) => s.code));
  });

  it("refuses to regenerate seat codes once a seat has voted", async () => {
    const id = server.meeting.id;
    const seats = (await call(`/api/meetings/${id}/seats`)).body as unknown as Array<{ code: string }>;
    await server.db.seat.update({ where: { code: seats[0]!.code }, data: { usedKey: "voted-key-1" } });
    const res = await call(`/api/meetings/${id}/seats`, { method: "PUT", json: { count: 40, regenerate: true } });
    expect(res.status).toBe(409);
    expect(((await call(`/api/meetings/${id}/seats`)).body as unknown as Array<{ code: string }>).map((s) => s.code)).toEqual(seats.map((s) => s.code));
  });
});

describe("report files and access", () => {
  it("renders an uploaded .docx as sanitised HTML the tablets read with the meeting code; keeps the original", async () => {
    const id = server.meeting.id;
    const speaker = (await setupView()).snapshot.roster.find((e) => e.mode === "written")!;
    const docx = await docxFile(
      wordParagraph("一、工作亮点", "Heading1") +
        wordParagraph("<script>alert(1)</script>推进模范机关创建") +
        `<w:p><w:hyperlink r:id="rIdEvil"><w:r><w:t>点此</w:t></w:r></w:hyperlink></w:p>`,
      `<Relationship Id="rIdEvil" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="javascript:alert(1)" TargetMode="External"/>`,
    );
    const uploaded = await call(`/api/meetings/${id}/speakers/${speaker.id}/attachment?name=${encodeURIComponent("述职报告.docx")}`, { method: "PUT", raw: docx });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    const roster = (await setupView()).snapshot.roster;
    expect(roster.find((e) => e.id === speaker.id)!.attachment).toMatchObject({ fileName: "述职报告.docx", hasHtml: true });

    const html = await call(`/api/attachments/${speaker.id}?code=${server.meeting.attendeeCode}&as=html`, { token: null });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("x-content-type-options")).toBe("nosniff");
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(html.body.text).toContain("<h1>一、工作亮点</h1>");
    expect(html.body.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;推进模范机关创建");
    expect(html.body.text).not.toMatch(/<script|javascript:/i);

    const original = await call(`/api/attachments/${speaker.id}?code=${server.meeting.attendeeCode}`, { token: null });
    expect(original.headers.get("content-disposition")).toMatch(/^attachment; .*filename\*=UTF-8''%E8%BF%B0/);
    expect(Buffer.compare(original.bytes, Buffer.from(docx))).toBe(0);

    for (const code of ["000000", "", server.meeting.displayToken]) {
      expect((await call(`/api/attachments/${speaker.id}?code=${code}&as=html`, { token: null })).status).toBe(401);
    }
  });

  it("serves the tablet's report frame a whole reading page: its 目录 links and their targets, the text size, refusals as pages", async () => {
    const speaker = (await setupView()).snapshot.roster.find((e) => e.mode === "written")!;
    // What Word writes for a 目录 entry and the heading it points at.
    const docx = await docxFile(
      `<w:p><w:hyperlink w:anchor="_Toc152345601"><w:r><w:t>一、工作亮点</w:t></w:r></w:hyperlink></w:p>` +
        `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="0" w:name="_Toc152345601"/><w:r><w:t>一、工作亮点</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>`,
    );
    const path = `/api/meetings/${server.meeting.id}/speakers/${speaker.id}/attachment?name=report.docx`;
    expect((await call(path, { method: "PUT", raw: docx })).status).toBe(200);
    const reader = `/api/attachments/${speaker.id}?code=${server.meeting.attendeeCode}&as=html`;

    const page = await call(`${reader}&scale=1.5`, { token: null });
    expect(page.status).toBe(200);
    expect(page.body.text).toMatch(/^<!doctype html>/);
    expect(page.body.text).toContain('<a href="#report-_Toc152345601">一、工作亮点</a>');
    expect(page.body.text).toContain('<h1><a id="report-_Toc152345601"></a>一、工作亮点</h1>');
    expect(page.body.text).toContain(":root { font-size: 33.00px;");
    expect(page.headers.get("content-security-policy")).toMatch(/frame-ancestors 'self'; sandbox allow-popups allow-popups-to-escape-sandbox$/);

    const badScale = await call(`${reader}&scale=9`, { token: null });
    expect(badScale.status).toBe(400);
    expect(badScale.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(badScale.body.text).toContain("字号比例无效");
    const badCode = await call(`/api/attachments/${speaker.id}?code=000000&as=html`, { token: null });
    expect(badCode.status).toBe(401);
    expect(badCode.body.text).toContain("会议码不正确");
    expect(badCode.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("stores a report in pieces: a replaced file's go, a copied meeting's stay while it names them, a removed file's go", async () => {
    const id = server.meeting.id;
    const speaker = (await setupView()).snapshot.roster.find((e) => e.mode === "written")!;
    const path = `/api/meetings/${id}/speakers/${speaker.id}/attachment`;
    const named = async (speakerId: string) =>
      (await server.db.attachment.findUniqueOrThrow({ where: { speakerId }, select: { fileContentId: true, htmlContentId: true } }));
    const pieces = (contentId: string | null) => server.db.attachmentChunk.count({ where: { contentId: contentId ?? "" } });

    expect((await call(`${path}?name=first.docx`, { method: "PUT", raw: await docxFile(wordParagraph("第一版")) })).status).toBe(200);
    const first = await named(speaker.id);
    expect(await pieces(first.fileContentId)).toBeGreaterThan(0);
    expect(await pieces(first.htmlContentId)).toBeGreaterThan(0);

    const copy = await call(`/api/meetings/${id}/copy`, { method: "POST", json: { title: "带材料", includeReports: true } });
    const copiedSpeaker = (await setupView(copy.body.id)).snapshot.roster.find((e) => e.unit === speaker.unit)!;
    expect(await named(copiedSpeaker.id)).toEqual(first);

    // Replaced here: the copy still names the first version's pieces, so they stay.
    expect((await call(`${path}?name=second.docx`, { method: "PUT", raw: await docxFile(wordParagraph("第二版")) })).status).toBe(200);
    const second = await named(speaker.id);
    expect(second.fileContentId).not.toBe(first.fileContentId);
    expect(await pieces(first.htmlContentId)).toBeGreaterThan(0);
    const copiedHtml = await call(`/api/attachments/${copiedSpeaker.id}?code=${(await call(`/api/meetings/${copy.body.id}/links`)).body.attendeeCode}&as=html`, { token: null });
    expect(copiedHtml.body.text).toContain("第一版");

    // Removed from the copy too: nothing names the first version's pieces, which go.
    expect((await call(`/api/meetings/${copy.body.id}/speakers/${copiedSpeaker.id}/attachment`, { method: "DELETE" })).status).toBe(200);
    expect(await pieces(first.fileContentId)).toBe(0);
    expect(await pieces(first.htmlContentId)).toBe(0);
    expect((await call(path, { method: "DELETE" })).status).toBe(200);
    expect(await pieces(second.fileContentId)).toBe(0);
    expect(await server.db.attachmentChunk.count()).toBe(0);
  });

  it("keeps a PDF for inline reading and refuses files that are not .docx or .pdf", async () => {
    const id = server.meeting.id;
    const speaker = (await setupView()).snapshot.roster[0]!;
    const path = `/api/meetings/${id}/speakers/${speaker.id}/attachment`;
    expect((await call(`${path}?name=report.pdf`, { method: "PUT", raw: pdfFile() })).status).toBe(200);
    const pdf = await call(`/api/attachments/${speaker.id}?code=${server.meeting.attendeeCode}`, { token: null });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("content-disposition")).toMatch(/^inline; filename="report.pdf"/);
    expect((await call(`/api/attachments/${speaker.id}?code=${server.meeting.attendeeCode}&as=html`, { token: null })).status).toBe(404);
    const version = (await setupView()).snapshot.version;

    const doc = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    const cases: Array<[string, Uint8Array, number, RegExp]> = [
      ["old.doc", doc, 400, /旧版 Word/],
      ["virus.exe", new Uint8Array([0x4d, 0x5a, 0x90, 0]), 400, /只支持/],
      ["bomb.docx", handMadeZip([{ name: "word/document.xml", content: Buffer.alloc(60 * 1024 * 1024) }]), 400, /解压后过大/],
      ["roster.docx", await xlsxFile([["单位"]]), 400, /Excel/],
      ["big.pdf", new Uint8Array(11 * 1024 * 1024), 413, /不能超过 10 MB/],
    ];
    for (const [name, bytes, status, message] of cases) {
      const res = await call(`${path}?name=${name}`, { method: "PUT", raw: bytes });
      expect(res.status, name).toBe(status);
      expect(res.body.message).toMatch(message);
    }
    const after = (await setupView()).snapshot;
    expect(after.version).toBe(version);
    expect(after.roster[0]!.attachment?.fileName).toBe("report.pdf");

    expect((await call(path, { method: "DELETE" })).status).toBe(200);
    expect((await setupView()).snapshot.roster[0]!.attachment).toBeNull();
  });

  it("gives the join QR and one seat QR card per seat, at an allowed address with the browser's port", async () => {
    const id = server.meeting.id;
    const port = new URL(server.url).port;
    const access = (await call(`/api/meetings/${id}/access?address=127.0.0.1`)).body as unknown as AccessView;
    expect(access.address).toBe("127.0.0.1");
    expect(access.joinUrl).toBe(`http://127.0.0.1:${port}/join/${server.meeting.attendeeCode}`);
    expect(access.joinQrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(access.displayUrl).toContain(`/display/${id}#token=${server.meeting.displayToken}`);
    expect(access.seats).toHaveLength(40);
    const seat = access.seats[0]!;
    expect(seat.url).toBe(`http://127.0.0.1:${port}/join/${server.meeting.attendeeCode}?seat=${seat.code}`);
    expect(seat.qrSvg).toContain("<svg");

    const elsewhere = (await call(`/api/meetings/${id}/access?address=evil.example.com`)).body as unknown as AccessView;
    expect(elsewhere.joinUrl).not.toContain("evil.example.com");
  });
});
