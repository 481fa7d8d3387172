// Integration: report files converted in a worker thread, on the real server (temp database,
// real HTTP and socket.io clients). The hall must not notice a conversion; a conversion that
// fails, whatever the reason, stores nothing and tells the organiser what to do.
import { afterEach, describe, expect, it } from "vitest";
import type { MeetingSnapshot } from "../domain/snapshot";
import { addSeats, listSeats } from "../voting/seat-data";
import { loadSnapshot } from "../live/meeting-data";
import { docxFile, pdfFile, wordParagraph } from "../test-support/files";
import { call, clientPool, startInProcessServer, type InProcessServer } from "../test-support/servers";

let server: InProcessServer | undefined;
const pool = clientPool(() => server!.url);

afterEach(async () => {
  pool.disconnectAll();
  await server?.close();
  server = undefined;
});

const made = new Map<number, Promise<Uint8Array>>();

/** The shape the issue measured stalling the hall for 7.5 s: 60 000 short paragraphs. Made once per size. */
function longDocx(paragraphs = 60_000): Promise<Uint8Array> {
  let docx = made.get(paragraphs);
  if (!docx) {
    docx = docxFile(Array.from({ length: paragraphs }, (_, i) => wordParagraph(`第${i + 1}段：推进模范机关创建，开展能力作风建设年活动。`)).join(""));
    made.set(paragraphs, docx);
  }
  return docx;
}

async function upload(s: InProcessServer, speakerId: string, name: string, bytes: Uint8Array): Promise<{ status: number; body: { message?: string; fileName?: string } }> {
  const res = await fetch(`${s.url}/api/meetings/${s.meeting.id}/speakers/${speakerId}/attachment?name=${encodeURIComponent(name)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${s.chairToken}`, "content-type": "application/octet-stream" },
    body: Buffer.from(bytes),
  });
  return { status: res.status, body: (await res.json()) as { message?: string } };
}

async function snapshot(s: InProcessServer): Promise<MeetingSnapshot> {
  return (await loadSnapshot(s.db, s.meeting.id)) as MeetingSnapshot;
}

describe("report conversion off the event loop", () => {
  // Long: it makes and converts a 60 000-paragraph report, seconds on a busy machine.
  it("answers health checks, chair commands and ballots while a long report converts", { timeout: 120_000 }, async () => {
    server = await startInProcessServer();
    const s = server;
    const meetingId = s.meeting.id;
    await addSeats(s.db, meetingId, 60);
    const seats = await listSeats(s.db, meetingId);
    const chair = await pool.join({ role: "chair", meetingId, token: s.chairToken });
    const tablet = await pool.join({ role: "attendee", code: s.meeting.attendeeCode });
    expect((await call(chair, "meeting:command", { type: "agenda.goto", item: "evaluation" })).ok).toBe(true);
    expect((await call(chair, "meeting:command", { type: "voting.open" })).ok).toBe(true);
    const current = await snapshot(s);
    const written = current.roster.find((e) => e.mode === "written")!;
    const marks = Object.fromEntries(current.roster.filter((e) => e.evaluated).map((e) => [e.id, "good"]));
    const docx = await longDocx();

    let uploaded = false;
    const uploading = upload(s, written.id, "长篇述职报告.docx", docx).finally(() => {
      uploaded = true;
    });
    // Give the body time to arrive and the worker to start on it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answered: string[] = [];
    for (let i = 0; i < 5; i++) {
      const health = await fetch(`${s.url}/api/health`);
      if (health.ok) answered.push("health");
      const step = await call(chair, "meeting:command", { type: i % 2 ? "agenda.previous" : "agenda.next" });
      if (step.ok) answered.push("command");
      const ballot = await call(tablet, "ballot:submit", { seatCode: seats[i]!.code, key: `during-conversion-${i}`, marks });
      if (ballot.ok) answered.push("ballot");
    }
    // Every probe was answered, all while the report was still converting.
    expect(uploaded).toBe(false);
    expect(answered).toEqual(Array.from({ length: 5 }, () => ["health", "command", "ballot"]).flat());

    const result = await uploading;
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    const html = await fetch(`${s.url}/api/attachments/${written.id}?code=${s.meeting.attendeeCode}&as=html`);
    expect(await html.text()).toContain("第60000段：推进模范机关创建");
  });

  it("refuses a report that runs past the time limit, says to save it as PDF, and keeps the file it had", { timeout: 120_000 }, async () => {
    server = await startInProcessServer(undefined, { timeLimitMs: 300 });
    const s = server;
    const written = (await snapshot(s)).roster.find((e) => e.mode === "written")!;
    expect((await upload(s, written.id, "旧材料.pdf", pdfFile())).status).toBe(200);
    const before = await snapshot(s);

    const refused = await upload(s, written.id, "长篇述职报告.docx", await longDocx());
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/转换超时/);
    expect(refused.body.message).toMatch(/未保存任何内容/);
    expect(refused.body.message).toMatch(/另存为” PDF/);

    const after = await snapshot(s);
    expect(after.version).toBe(before.version);
    expect(after.roster.find((e) => e.id === written.id)!.attachment).toMatchObject({ fileName: "旧材料.pdf", hasHtml: false });
    const original = await fetch(`${s.url}/api/attachments/${written.id}?code=${s.meeting.attendeeCode}`);
    expect(Buffer.compare(Buffer.from(await original.arrayBuffer()), Buffer.from(pdfFile()))).toBe(0);
    // The server goes on: health answers, and the next (fast) conversion is not blocked by the killed one.
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
  });

  it("refuses a report whose conversion runs out of memory, and the server goes on", async () => {
    server = await startInProcessServer(undefined, { heapMb: 8 });
    const s = server;
    const written = (await snapshot(s)).roster.find((e) => e.mode === "written")!;
    const refused = await upload(s, written.id, "述职报告.docx", await longDocx(20_000));
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/过于复杂.*另存为” PDF/);
    expect((await snapshot(s)).roster.find((e) => e.id === written.id)!.attachment).toBeNull();
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
  });

  it("converts reports uploaded at the same time one after the other, each to its own unit", async () => {
    server = await startInProcessServer();
    const s = server;
    const [first, second] = (await snapshot(s)).roster.filter((e) => e.mode === "written");
    const results = await Promise.all([
      upload(s, first!.id, "甲.docx", await docxFile(wordParagraph("甲单位的述职材料"))),
      upload(s, second!.id, "乙.docx", await docxFile(wordParagraph("乙单位的述职材料"))),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const text = async (id: string) => (await fetch(`${s.url}/api/attachments/${id}?code=${s.meeting.attendeeCode}&as=html`)).text();
    expect(await text(first!.id)).toContain("甲单位的述职材料");
    expect(await text(second!.id)).toContain("乙单位的述职材料");
  });
});
