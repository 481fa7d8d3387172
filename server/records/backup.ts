// `npm run backup -- <file>`: a consistent copy of the whole database while the server runs,
// through SQLite's online backup API (better-sqlite3's .backup()): pages are copied in steps,
// the server keeps writing meanwhile, and the copy is the database as of one moment. The
// README says how to restore it.
import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseUrl, sqliteFilePath } from "../platform/config";

const target = process.argv[2];
if (!target) {
  console.error("usage: npm run backup -- <file>   (offline pack: ./debrief-console backup <file>, on Windows debrief-console.cmd backup <file>; DATABASE_URL selects the database, default data/debrief.db)");
  process.exit(2);
}
const source = sqliteFilePath(databaseUrl());
if (!existsSync(source)) {
  console.error(`没有数据库文件：${source}`);
  process.exit(2);
}
const destination = path.resolve(target);
if (destination === source) {
  console.error("备份文件不能是数据库本身。");
  process.exit(2);
}
if (existsSync(destination)) {
  console.error(`${destination} 已存在：请换一个文件名（不覆盖已有备份）。`);
  process.exit(2);
}

// Read-only on our side; the server's connections keep writing while the pages are copied.
const database = new Database(source, { readonly: true, fileMustExist: true });
try {
  const started = Date.now();
  await database.backup(destination);
  const copy = new Database(destination, { readonly: true });
  const check = copy.pragma("integrity_check", { simple: true });
  const meetings = (copy.prepare('SELECT COUNT(*) AS n FROM "Meeting"').get() as { n: number }).n;
  copy.close();
  if (check !== "ok") {
    console.error(`备份校验失败：${String(check)}`);
    process.exit(1);
  }
  console.log(`OK 已备份 ${source}`);
  console.log(`   → ${destination}（${meetings} 个会议，${Date.now() - started} ms，完整性检查通过）`);
} finally {
  database.close();
}
