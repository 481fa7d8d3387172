// `npm run db:copy` (npm run test:pg): an installation on SQLite — a meeting with its roster,
// a 点评, a report file in pieces and counted ballots — copied to PostgreSQL reads back the same.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "../../prisma/migrate";
import { CHUNK_BYTES, contentStore } from "../attachments/attachment-content-data";
import { saveComment } from "../live/comment-data";
import { createMeeting } from "../live/meeting-data";
import { openDatabase } from "../platform/db";
import { demoMeeting } from "../setup/demo-meeting";
import { freshDatabaseUrl, tempSqliteUrl, testPostgres } from "../test-support/databases";
import { batchOf } from "../voting/ballot-box";
import { ballotStore, electronicCounters, prepareCounters } from "../voting/ballot-data";
import { verifyChain } from "../records/record-chain";
import { recordLog } from "../records/record-data";
import { copyDatabase } from "./db-copy";

describe.skipIf(!testPostgres)("npm run db:copy", () => {
  it("copies every table from SQLite to PostgreSQL, reports the rows per table, and refuses a target with data", async () => {
    const fromUrl = tempSqliteUrl();
    await migrateDatabase(fromUrl);
    const from = await openDatabase(fromUrl);
    const meeting = await createMeeting(from, demoMeeting);
    const speakers = await from.speaker.findMany({ where: { meetingId: meeting.id }, orderBy: { position: "asc" } });
    await saveComment(from, meeting.id, { id: "copy-note-0001", speakerId: speakers[0]!.id, tag: "highlight", text: "基层党建扎实" });
    const file = new Uint8Array(randomBytes(CHUNK_BYTES * 2 + 5));
    const stored = await contentStore(from).write(file);
    await from.attachment.create({ data: { speakerId: speakers[0]!.id, fileName: "述职报告.pdf", contentType: "application/pdf", bytes: Buffer.alloc(0), fileContentId: stored.contentId, fileSize: stored.size } });
    await from.$transaction((tx) => prepareCounters(tx, meeting.id, speakers.map((s) => s.id), ["good", "fair"], []));
    const seats = await from.seat.findMany({ where: { meetingId: meeting.id }, take: 3 });
    const marks = (level: string) => Object.fromEntries(speakers.map((s, n) => [s.id, n ? "" : level]));
    await ballotStore(from).commit(meeting.id, batchOf(seats.map((seat, i) => ({ seatCode: seat.code, key: `copy-key-${i}`, categoryId: "", marks: marks(i ? "good" : "fair") }))));
    const counters = await electronicCounters(from, meeting.id);
    await recordLog(from).append(meeting.id, Date.parse("2026-12-03T09:00:00Z"), [
      { type: "item.started", data: { item: "reports", title: "述职" } },
      { type: "speaker.started", data: { speakerId: speakers[0]!.id } },
    ]);
    const record = await recordLog(from).list(meeting.id);
    await from.$disconnect();

    const toUrl = await freshDatabaseUrl();
    const lines: string[] = [];
    const counts = await copyDatabase(fromUrl, toUrl, (line) => lines.push(line));
    expect(counts.every((c) => c.from === c.to)).toBe(true);
    expect(counts.find((c) => c.table === "seat")?.to).toBe(demoMeeting.expectedVoters);
    expect(counts.find((c) => c.table === "attachmentChunk")?.to).toBe(3);
    expect(lines).toHaveLength(counts.length);

    const to = await openDatabase(toUrl);
    const pieces: Buffer[] = [];
    for await (const piece of contentStore(to).read(stored.contentId)) pieces.push(piece);
    expect(Buffer.compare(Buffer.concat(pieces), Buffer.from(file))).toBe(0);
    expect((await to.comment.findUnique({ where: { id: "copy-note-0001" } }))?.text).toBe("基层党建扎实");
    expect(await electronicCounters(to, meeting.id)).toEqual(counters);
    // The 会议纪实 read back from PostgreSQL: the same entries, the chain intact, and appended to there.
    const copied = recordLog(to);
    expect(await copied.list(meeting.id)).toEqual(record);
    await copied.append(meeting.id, Date.parse("2026-12-03T10:00:00Z"), [{ type: "meeting.closed", data: {} }]);
    const grown = await copied.list(meeting.id);
    expect(grown.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(grown[2]!.prevHash).toBe(record[1]!.hash);
    expect(verifyChain(grown).ok).toBe(true);
    await to.$disconnect();

    await expect(copyDatabase(fromUrl, toUrl, () => {})).rejects.toThrow(/already holds data/);
  }, 120_000);
});
