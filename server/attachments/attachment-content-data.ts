// Report files and their tablet HTML, stored in AttachmentChunk pieces on the direct SQLite
// connection (platform/db.ts), one piece per statement with a turn of the event loop between
// pieces. A whole 10 MB file written or read in one statement held the event loop and
// SQLite's one writer for over a second here; a piece takes a few milliseconds, and the
// chair's commands and the ballots go in between.
import { randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import { directSqlite, providerOf, type Db } from "../platform/db";
import { postgresContentStore } from "./attachment-content-pg-data";

/** Big enough that a 10 MB file is a few dozen statements, small enough that each is quick. */
export const CHUNK_BYTES = 512 * 1024;

export interface StoredContent {
  contentId: string;
  size: number;
}

export interface ContentStore {
  /** Writes `data` as new content; nothing names it until an Attachment row does. */
  write(data: Uint8Array): Promise<StoredContent>;
  /** The content's pieces in order; stops early (returns) when the content was deleted meanwhile. */
  read(contentId: string): AsyncGenerator<Buffer>;
  /** Deletes content that no Attachment names any more (a copied meeting may still). */
  removeUnlessNamed(contentIds: Array<string | null | undefined>): Promise<void>;
  /**
   * Content no Attachment names: left by a server stopped mid-upload, or by a unit deleted
   * with its file. Listed (on SQLite, synchronously at the call) when the server starts,
   * before any upload can be under way.
   */
  unnamed(): Promise<string[]>;
}

/** The store on `db`'s own database: SQLite here, PostgreSQL in attachment-content-pg-data.ts. */
export function contentStore(db: Db): ContentStore {
  return providerOf(db) === "postgresql" ? postgresContentStore(db) : sqliteContentStore(db);
}

function sqliteContentStore(db: Db): ContentStore {
  const sqlite = directSqlite(db);
  const insert = sqlite.prepare('INSERT INTO "AttachmentChunk" ("contentId", "seq", "data") VALUES (?, ?, ?)');
  const piece = sqlite.prepare('SELECT "data" FROM "AttachmentChunk" WHERE "contentId" = ? AND "seq" = ?');
  const removePieces = sqlite.prepare('DELETE FROM "AttachmentChunk" WHERE "contentId" = ? AND "seq" >= ? AND "seq" < ?');
  const lastSeq = sqlite.prepare('SELECT MAX("seq") AS "last" FROM "AttachmentChunk" WHERE "contentId" = ?');
  const referenced = sqlite.prepare('SELECT COUNT(*) AS "count" FROM "Attachment" WHERE "fileContentId" = ? OR "htmlContentId" = ?');
  const orphans = sqlite.prepare(
    `SELECT DISTINCT "contentId" FROM "AttachmentChunk" WHERE "contentId" NOT IN (
       SELECT "fileContentId" FROM "Attachment" WHERE "fileContentId" IS NOT NULL
       UNION SELECT "htmlContentId" FROM "Attachment" WHERE "htmlContentId" IS NOT NULL)`,
  );

  async function write(data: Uint8Array): Promise<StoredContent> {
    const contentId = randomUUID();
    for (let seq = 0, offset = 0; offset < data.byteLength || seq === 0; seq++, offset += CHUNK_BYTES) {
      // Each piece commits on its own, never inside a Prisma transaction (see db.ts).
      await sqlite.outsideTransaction();
      insert.run(contentId, seq, Buffer.from(data.buffer, data.byteOffset + offset, Math.min(CHUNK_BYTES, data.byteLength - offset)));
      await nextTurn();
    }
    return { contentId, size: data.byteLength };
  }

  async function* read(contentId: string): AsyncGenerator<Buffer> {
    for (let seq = 0; ; seq++) {
      const row = piece.get(contentId, seq) as { data: Buffer } | undefined;
      if (!row) return;
      yield row.data;
      await nextTurn();
    }
  }

  async function removeUnlessNamed(contentIds: Array<string | null | undefined>): Promise<void> {
    for (const contentId of contentIds) {
      if (!contentId || (referenced.get(contentId, contentId) as { count: number }).count > 0) continue;
      const last = (lastSeq.get(contentId) as { last: number | null }).last ?? -1;
      // A few pieces per statement: deleting is cheaper than writing.
      for (let from = 0; from <= last; from += 8) {
        await sqlite.outsideTransaction();
        removePieces.run(contentId, from, from + 8);
        await nextTurn();
      }
    }
  }

  // Synchronous up to the answer: the list is taken at the call.
  function unnamed(): Promise<string[]> {
    return Promise.resolve((orphans.all() as Array<{ contentId: string }>).map((row) => row.contentId));
  }

  return { write, read, removeUnlessNamed, unnamed };
}
