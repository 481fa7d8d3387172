// `npm run db:copy -- --from file:./data/debrief.db --to postgresql://user@host/debrief`:
// moves an installation from its SQLite file to PostgreSQL (or between any two databases
// the console runs on). Migrates the target, refuses one that already holds meetings, copies
// every table — meetings, rosters, 点评, seats, ballot counters and totals, paper rounds,
// report files and their pieces, the frozen tallies with their meetings, the chair token, the
// tellers' paper events, a 彩排's saved copy, the 会议纪实's hash-chained entries (byte for byte, so the chain still verifies), 整改 items and notes —
// and prints the rows per table in both, which must agree. Stop the console first.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { migrateDatabase } from "../../prisma/migrate";
import { redactUrl } from "../platform/config";
import { openDatabase, type Db } from "../platform/db";

/** Parents before children (foreign keys), each with the fields it is ordered by when read. */
const TABLES = [
  ["setting", { key: "asc" }],
  ["meeting", { id: "asc" }],
  ["speaker", { id: "asc" }],
  ["comment", { id: "asc" }],
  ["attachment", { speakerId: "asc" }],
  ["attachmentChunk", [{ contentId: "asc" }, { seq: "asc" }]],
  ["lotDraw", { id: "asc" }],
  ["seat", { code: "asc" }],
  ["voteCounter", [{ meetingId: "asc" }, { source: "asc" }, { categoryId: "asc" }, { speakerId: "asc" }, { levelId: "asc" }]],
  ["ballotTotal", [{ meetingId: "asc" }, { source: "asc" }, { categoryId: "asc" }]],
  ["paperRound", { id: "asc" }],
  ["paperEntry", { id: "asc" }],
  ["paperEvent", { id: "asc" }],
  ["rehearsal", { meetingId: "asc" }],
  ["recordEntry", [{ meetingId: "asc" }, { seq: "asc" }]],
  ["rectification", { commentId: "asc" }],
  ["rectificationNote", { id: "asc" }],
] as const;

interface Delegate {
  count(): Promise<number>;
  findMany(args: { orderBy: unknown; skip: number; take: number }): Promise<object[]>;
  createMany(args: { data: object[] }): Promise<{ count: number }>;
}

function delegate(db: Db, table: string): Delegate {
  return Reflect.get(db, table) as Delegate;
}

/** Rows per read: report pieces are up to 512 KB each, so those go a few at a time. */
function pageSize(table: string): number {
  return table === "attachmentChunk" || table === "attachment" ? 4 : 500;
}

export async function copyDatabase(fromUrl: string, toUrl: string, log: (line: string) => void = console.log): Promise<Array<{ table: string; from: number; to: number }>> {
  await migrateDatabase(toUrl);
  const from = await openDatabase(fromUrl);
  const to = await openDatabase(toUrl);
  try {
    if ((await to.meeting.count()) > 0 || (await to.setting.count()) > 0) {
      throw new Error(`${redactUrl(toUrl)} already holds data: copy into an empty database.`);
    }
    const counts = [];
    for (const [table, orderBy] of TABLES) {
      const source = delegate(from, table);
      const target = delegate(to, table);
      const size = pageSize(table);
      for (let skip = 0; ; skip += size) {
        const rows = await source.findMany({ orderBy, skip, take: size });
        if (rows.length) await target.createMany({ data: rows });
        if (rows.length < size) break;
      }
      const row = { table, from: await source.count(), to: await target.count() };
      log(`${row.table.padEnd(16)} ${String(row.from).padStart(8)} → ${String(row.to).padStart(8)}${row.from === row.to ? "" : "   MISMATCH"}`);
      counts.push(row);
    }
    return counts;
  } finally {
    await from.$disconnect();
    await to.$disconnect();
  }
}

// pathToFileURL, not "file://" + path: on Windows the path is C:\… with backslashes.
const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const { values } = parseArgs({ options: { from: { type: "string" }, to: { type: "string" } } });
  if (!values.from || !values.to) {
    console.error("usage: npm run db:copy -- --from file:./data/debrief.db --to postgresql://user@host:5432/debrief");
    process.exit(2);
  }
  console.log(`copying ${redactUrl(values.from)} → ${redactUrl(values.to)}`);
  try {
    const counts = await copyDatabase(values.from, values.to);
    if (counts.some((c) => c.from !== c.to)) process.exit(1);
    console.log("done: every table has as many rows in both.");
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
