// The piece store on a real (temp) database: what is written reads back byte for byte, and
// pieces are deleted only once no report names them.
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CHUNK_BYTES, contentStore, type ContentStore } from "./attachment-content-data";
import { startInProcessServer, type InProcessServer } from "../test-support/servers";

let server: InProcessServer;
let store: ContentStore;

beforeEach(async () => {
  server = await startInProcessServer();
  store = contentStore(server.db);
});

afterEach(async () => {
  await server.close();
});

async function readAll(contentId: string): Promise<Buffer> {
  const pieces: Buffer[] = [];
  for await (const piece of store.read(contentId)) pieces.push(piece);
  return Buffer.concat(pieces);
}

async function pieces(contentId: string): Promise<number> {
  return server.db.attachmentChunk.count({ where: { contentId } });
}

describe("contentStore", () => {
  it("reads back what it wrote, in pieces of at most CHUNK_BYTES", async () => {
    for (const size of [1, CHUNK_BYTES, CHUNK_BYTES * 3 + 17]) {
      const data = new Uint8Array(randomBytes(size));
      const stored = await store.write(data);
      expect(stored.size).toBe(size);
      expect(await pieces(stored.contentId)).toBe(Math.ceil(size / CHUNK_BYTES));
      expect(Buffer.compare(await readAll(stored.contentId), Buffer.from(data))).toBe(0);
    }
  });

  it("deletes pieces no report names, keeps those one still does, and finds the unnamed ones", async () => {
    const speaker = (await server.db.speaker.findFirst({ where: { meetingId: server.meeting.id } }))!;
    const named = await store.write(new Uint8Array(randomBytes(CHUNK_BYTES * 2)));
    const loose = await store.write(new Uint8Array(randomBytes(CHUNK_BYTES * 9)));
    await server.db.attachment.create({
      data: { speakerId: speaker.id, fileName: "a.pdf", contentType: "application/pdf", bytes: Buffer.alloc(0), fileContentId: named.contentId, fileSize: named.size },
    });
    expect(await store.unnamed()).toEqual([loose.contentId]);
    await store.removeUnlessNamed([named.contentId, loose.contentId, null]);
    expect(await pieces(named.contentId)).toBe(2);
    expect(await pieces(loose.contentId)).toBe(0);
    expect(await readAll(loose.contentId)).toHaveLength(0);
  });
});
