// `npm run verify-record -- <record.json>`: says whether the 会议纪实's hash chain holds, and
// if it does not, names the first entry that was altered (or removed, inserted, reordered).
// Exit code 0 when it holds, 1 when it does not, 2 on a usage or read error.
import { readFile } from "node:fs/promises";
import { RECORD_EVENT_LABELS } from "./record-events";
import { verifyRecordFile } from "./record-chain";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run verify-record -- <record.json>   (offline pack: ./debrief-console verify-record <record.json>, on Windows debrief-console.cmd verify-record <record.json>)");
  process.exit(2);
}

let text: string;
try {
  text = await readFile(file, "utf8");
} catch (error) {
  console.error(`无法读取 ${file}: ${(error as Error).message}`);
  process.exit(2);
}

const check = verifyRecordFile(text);
if (check.ok) {
  console.log(`OK 会议纪实完整：${check.count} 条记录，哈希链连续。`);
  console.log(`   末条哈希 head: ${check.head}`);
  process.exit(0);
}
if (check.index < 0) {
  console.log(`FAILED 无法校验：${check.reason}`);
  process.exit(1);
}
const entries = (JSON.parse(text) as { entries: Array<{ type?: string; at?: string }> }).entries;
const entry = entries[check.index];
const label = entry?.type ? (RECORD_EVENT_LABELS[entry.type] ?? entry.type) : "?";
console.log(`FAILED 会议纪实被改动：第一处不符在第 ${check.seq} 条（${label}，${entry?.at ?? "?"}）：${check.reason}。`);
console.log(`   前 ${check.seq - 1} 条完好，共 ${check.count} 条。`);
process.exit(1);
