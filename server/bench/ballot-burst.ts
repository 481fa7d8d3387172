// Issue 7: a burst of tablets voting at once, acknowledged as counted, against the same number
// of one-ballot transactions through bare better-sqlite3 (WAL, synchronous=FULL) in the same run.
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import type { MeetingSnapshot } from "../domain/snapshot";
import type { Tally } from "../domain/tally";
import { loadSnapshot } from "../live/meeting-data";
import { sqliteFilePath } from "../platform/config";
import { submitBallot } from "../test-support/ballots";
import { call, connectClient, startInProcessServer, tempDatabaseUrl } from "../test-support/servers";
import { addSeats, listSeats } from "../voting/seat-data";

/** Tablets voting in the same instant. */
const BURST = 1000;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The baseline: `count` one-ballot transactions through bare better-sqlite3 (WAL, synchronous=FULL). */
function bareSqliteBallots(count: number, rows: number): number {
  const file = sqliteFilePath(tempDatabaseUrl());
  const bare = new Database(file);
  bare.pragma("journal_mode = WAL");
  bare.pragma("synchronous = FULL");
  bare.exec('CREATE TABLE "Ballot" ("seat" TEXT PRIMARY KEY, "marks" TEXT NOT NULL)');
  const insert = bare.prepare('INSERT INTO "Ballot" ("seat", "marks") VALUES (?, ?)');
  const marks = JSON.stringify(Object.fromEntries(Array.from({ length: rows }, (_, i) => [`speaker-${i}`, "good"])));
  const start = performance.now();
  // Autocommit: each INSERT is its own transaction, synced to disk before the next.
  for (let i = 0; i < count; i++) insert.run(`seat-${i}`, marks);
  const elapsed = performance.now() - start;
  bare.close();
  return elapsed;
}

/** Prints the figures; true when the burst was acknowledged at least as fast as the baseline and the tally matched. */
export async function ballotBurst(): Promise<boolean> {
  const server = await startInProcessServer();
  const meetingId = server.meeting.id;
  await addSeats(server.db, meetingId, BURST - 40);
  const seats = await listSeats(server.db, meetingId);
  const chair = await connectClient(server.url, { role: "chair", meetingId, token: server.chairToken });
  await call(chair, "meeting:command", { type: "agenda.goto", item: "evaluation" });
  await call(chair, "meeting:command", { type: "voting.open" });
  const snapshot = (await loadSnapshot(server.db, meetingId)) as MeetingSnapshot;
  const marks = Object.fromEntries(snapshot.roster.filter((s) => s.evaluated).map((s) => [s.id, "good"]));

  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const tablets = await Promise.all(Array.from({ length: BURST }, () => connectClient(server.url, { role: "attendee", code: server.meeting.attendeeCode })));
  const rssConnected = process.memoryUsage().rss;
  const heapConnected = process.memoryUsage().heapUsed;
  // As the tablet page does on connecting: it asks about its seat before showing the ballot.
  const checkStart = performance.now();
  await Promise.all(tablets.map((tablet, i) => call(tablet, "ballot:check", { seatCode: seats[i]!.code, key: `burst-${i}-key` })));
  const checkMs = performance.now() - checkStart;

  const baselineMs = bareSqliteBallots(BURST, Object.keys(marks).length);
  const start = performance.now();
  const sent = await Promise.all(tablets.map((tablet, i) => submitBallot(tablet, { seatCode: seats[i]!.code, key: `burst-${i}-key`, marks })));
  const answeredMs = performance.now() - start;
  const accepted = sent.filter((s) => s.answer.ok).length;
  // Acknowledged as counted: every tablet told "counted" (no close needed: 1000 is a multiple of k).
  await Promise.all(sent.filter((s) => s.answer.ok).map((s) => s.counted));
  const burstMs = performance.now() - start;
  const verdict = burstMs <= baselineMs ? "✓ at least as fast" : "✗ slower";

  console.log(`\n民主测评 burst: ${BURST} tablets submit in the same instant (${Object.keys(marks).length} rows each), written in batches of at least k = 5`);
  console.log(`  baseline, bare better-sqlite3 (WAL, synchronous=FULL), ${BURST} one-ballot transactions:  ${baselineMs.toFixed(0)} ms (${(BURST / (baselineMs / 1000)).toFixed(0)} ballots/s)`);
  console.log(`  (before the burst each tablet checked its seat, as the page does on connecting: ${checkMs.toFixed(0)} ms for all)`);
  console.log(`  ${BURST} real sockets at once, answered "received" (已收到):  ${answeredMs.toFixed(0)} ms`);
  console.log(`  … and acknowledged as counted to every tablet:  ${burstMs.toFixed(0)} ms (${(BURST / (burstMs / 1000)).toFixed(0)} ballots/s), accepted ${accepted}/${BURST}  ${verdict} (×${(burstMs / baselineMs).toFixed(2)} of the baseline)`);
  console.log(`  memory (server and clients in one process), before → with ${BURST} sockets: heap ${mb(heapBefore)} → ${mb(heapConnected)}, RSS ${mb(rssBefore)} → ${mb(rssConnected)}`);
  await call(chair, "meeting:command", { type: "voting.close" });
  const tally = await call<Tally>(chair, "voting:results");
  const counted = tally.ok ? tally.data.validBallots : -1;
  const told = sent.filter((s) => s.isCounted()).length;
  console.log(`  tally after the close: ${counted} ballots, ${told} tablets told "counted": ${counted === told && told === accepted ? "equal, each counted exactly once" : "MISMATCH"}`);
  for (const tablet of tablets) tablet.disconnect();
  chair.disconnect();
  await server.close();
  return burstMs <= baselineMs && counted === told && told === accepted;
}
