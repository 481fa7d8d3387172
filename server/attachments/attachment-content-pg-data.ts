// The report files' pieces on PostgreSQL (see attachment-content-data.ts for the SQLite
// store and the interface): the same AttachmentChunk rows, one piece per statement on the
// pg pool beside Prisma, each committing on its own.
import { randomUUID } from "node:crypto";
import { postgresPool, type Db } from "../platform/db";
import { CHUNK_BYTES, type ContentStore, type StoredContent } from "./attachment-content-data";

export function postgresContentStore(db: Db): ContentStore {
  const pool = postgresPool(db);

  async function write(data: Uint8Array): Promise<StoredContent> {
    const contentId = randomUUID();
    for (let seq = 0, offset = 0; offset < data.byteLength || seq === 0; seq++, offset += CHUNK_BYTES) {
      const piece = Buffer.from(data.buffer, data.byteOffset + offset, Math.min(CHUNK_BYTES, data.byteLength - offset));
      await pool.query({ name: "chunk-insert", text: 'INSERT INTO "AttachmentChunk" ("contentId", "seq", "data") VALUES ($1, $2, $3)', values: [contentId, seq, piece] });
    }
    return { contentId, size: data.byteLength };
  }

  async function* read(contentId: string): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const { rows } = await pool.query<{ data: Buffer }>({
        name: "chunk-read",
        text: 'SELECT "data" FROM "AttachmentChunk" WHERE "contentId" = $1 AND "seq" = $2',
        values: [contentId, seq],
      });
      if (!rows[0]) return;
      yield rows[0].data;
    }
  }

  async function removeUnlessNamed(contentIds: Array<string | null | undefined>): Promise<void> {
    for (const contentId of contentIds) {
      if (!contentId) continue;
      // One statement: PostgreSQL deletes a few dozen rows without holding anyone up.
      await pool.query(
        `DELETE FROM "AttachmentChunk" WHERE "contentId" = $1
           AND NOT EXISTS (SELECT 1 FROM "Attachment" WHERE "fileContentId" = $1 OR "htmlContentId" = $1)`,
        [contentId],
      );
    }
  }

  async function unnamed(): Promise<string[]> {
    const { rows } = await pool.query<{ contentId: string }>(
      `SELECT DISTINCT "contentId" FROM "AttachmentChunk" WHERE "contentId" NOT IN (
         SELECT "fileContentId" FROM "Attachment" WHERE "fileContentId" IS NOT NULL
         UNION SELECT "htmlContentId" FROM "Attachment" WHERE "htmlContentId" IS NOT NULL)`,
    );
    return rows.map((row) => row.contentId);
  }

  return { write, read, removeUnlessNamed, unnamed };
}
