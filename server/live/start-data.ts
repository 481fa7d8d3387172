// What the server needs before it can listen — the stored chair token and every meeting's
// handshake keys — read straight from the SQLite file with better-sqlite3 (read-only), or with
// one pg connection from PostgreSQL. Prisma loads its query compiler meanwhile; waiting for it
// would add most of a second to a restart.
import Database from "better-sqlite3";
import { sqliteFilePath } from "../platform/config";
import { CHAIR_TOKEN_KEY } from "../platform/settings-data";
import type { MeetingKeys } from "./meeting-directory";

export interface StartFacts {
  chairToken: string | null;
  /** Newest first, as the start banner lists them. */
  meetings: Array<MeetingKeys & { title: string }>;
}

const TOKEN = 'SELECT "value" FROM "Setting" WHERE "key" = $1';
const MEETINGS = 'SELECT "id", "title", "attendeeCode", "displayToken", "tellerToken" FROM "Meeting" ORDER BY "createdAt" DESC';

export async function readPostgresStartFacts(url: string): Promise<StartFacts> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const token = await client.query<{ value: string }>(TOKEN, [CHAIR_TOKEN_KEY]);
    const meetings = await client.query<StartFacts["meetings"][number]>(MEETINGS);
    return { chairToken: token.rows[0]?.value ?? null, meetings: meetings.rows };
  } finally {
    await client.end();
  }
}

export function readStartFacts(url: string): StartFacts {
  const database = new Database(sqliteFilePath(url), { readonly: true, fileMustExist: true });
  try {
    const token = database.prepare('SELECT "value" FROM "Setting" WHERE "key" = ?').get(CHAIR_TOKEN_KEY) as { value: string } | undefined;
    const meetings = database
      .prepare('SELECT "id", "title", "attendeeCode", "displayToken", "tellerToken" FROM "Meeting" ORDER BY "createdAt" DESC')
      .all() as StartFacts["meetings"];
    return { chairToken: token?.value ?? null, meetings };
  } finally {
    database.close();
  }
}
