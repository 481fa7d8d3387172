// The two command-line tools as an operator runs them: `npm run verify-record` on a record
// with one byte changed, and `npm run backup` while the server is writing.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { directSqlite } from "../platform/db";
import { testPostgres } from "../test-support/databases";
import { startInProcessServer, type InProcessServer } from "../test-support/servers";
import { chainEntry, type RecordEntry } from "./record-chain";

const run = promisify(execFile);
const TSX = path.resolve("node_modules/.bin/tsx");

async function tool(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(TSX, [`server/records/${script}`, ...args], { env: { ...process.env, ...env } });
    return { code: 0, out: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

function recordText(): string {
  const entries: RecordEntry[] = [];
  for (const [i, type] of ["item.started", "speaker.started", "timer.adjusted", "speaker.ended", "meeting.closed"].entries()) {
    entries.push(chainEntry(entries.at(-1) ?? null, "meeting-1", new Date(Date.UTC(2024, 0, 16, 1, i)).toISOString(), type, { step: i }));
  }
  return JSON.stringify({ format: "debrief-record", version: 1, meetingId: "meeting-1", title: "述职评议会", exportedAt: "2024-01-16T05:00:00.000Z", entries }, null, 2);
}

describe("npm run verify-record", () => {
  it("says the chain holds, and names the first altered entry when one byte changed", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "debrief-record-"));
    const text = recordText();
    writeFileSync(path.join(dir, "good.json"), text);
    const good = await tool("verify-record.ts", [path.join(dir, "good.json")]);
    expect(good.code).toBe(0);
    expect(good.out).toContain("OK 会议纪实完整：5 条记录");

    // "step": 3 → "step": 7 in the fourth entry: one byte.
    const at = text.indexOf('"step": 3');
    const altered = `${text.slice(0, at + 8)}7${text.slice(at + 9)}`;
    expect(altered.length).toBe(text.length);
    writeFileSync(path.join(dir, "altered.json"), altered);
    const bad = await tool("verify-record.ts", [path.join(dir, "altered.json")]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("第一处不符在第 4 条（述职结束");
    expect(bad.out).toContain("前 3 条完好");
  });
});

// A copy of the SQLite file; on PostgreSQL backups are pg_dump (docs/deploy.md).
describe.skipIf(testPostgres)("npm run backup", () => {
  let server: InProcessServer;
  beforeEach(async () => {
    server = await startInProcessServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it("copies the running database consistently, with its meetings and record", async () => {
    const file = (directSqlite(server.db).prepare("PRAGMA database_list").all() as Array<{ name: string; file: string }>).find((d) => d.name === "main")!.file;
    const headers = { authorization: `Bearer ${server.chairToken}`, "content-type": "application/json" };
    const send = (type: string) => fetch(`${server.url}/api/meetings/${server.meeting.id}/commands`, { method: "POST", headers, body: JSON.stringify({ type }) });
    await send("agenda.next");
    // The meeting goes on while the copy is made.
    const during = Promise.all([send("agenda.next"), send("timer.pause")]);
    const target = path.join(mkdtempSync(path.join(os.tmpdir(), "debrief-backup-")), "backup.db");
    const result = await tool("backup.ts", [target], { DATABASE_URL: `file:${file}` });
    await during;
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain("完整性检查通过");
    const copy = new Database(target, { readonly: true });
    expect((copy.prepare('SELECT COUNT(*) AS n FROM "Meeting"').get() as { n: number }).n).toBe(1);
    expect((copy.prepare('SELECT COUNT(*) AS n FROM "Speaker"').get() as { n: number }).n).toBeGreaterThan(10);
    expect((copy.prepare('SELECT COUNT(*) AS n FROM "RecordEntry"').get() as { n: number }).n).toBeGreaterThanOrEqual(2);
    copy.close();
    // It never overwrites: a second run to the same file is refused.
    expect((await tool("backup.ts", [target], { DATABASE_URL: `file:${file}` })).code).toBe(2);
  });
});
