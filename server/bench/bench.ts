// `npm run bench`: speed and memory figures, each next to a baseline measured in the same
// run on the same machine (absolute numbers on shared machines mean little).
import { performance } from "node:perf_hooks";
import { applyCommand } from "../domain/agenda";
import type { MeetingSnapshot } from "../domain/snapshot";
import type { Tally } from "../domain/tally";
import { modelOf } from "../domain/snapshot";
import { addSeats, listSeats } from "../voting/seat-data";
import { castBallot } from "../voting/ballot-data";
import { loadSnapshot } from "../live/meeting-data";
import { call, connectClient, startInProcessServer, spawnServer, tempDatabaseUrl } from "../test-support/servers";
import { ensureBuild } from "../../scripts/ensure-build.mjs";
import { hotPathTargets } from "./hot-path";
import { pageWeights } from "./page-weight";

const TABLETS = 300;
const COMMANDS = 200;


function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const ms = (n: number) => `${n.toFixed(2)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function commandLatency(): Promise<void> {
  const server = await startInProcessServer();
  const chair = await connectClient(server.url, { role: "chair", meetingId: server.meeting.id, token: server.chairToken });
  await call(chair, "meeting:command", { type: "agenda.next" });
  await call(chair, "meeting:command", { type: "agenda.next" });

  // Baseline: the pure agenda engine alone, no I/O.
  const snapshot = (await loadSnapshot(server.db, server.meeting.id)) as MeetingSnapshot;
  const model = modelOf(snapshot);
  const pureStart = performance.now();
  for (let i = 0; i < COMMANDS; i++) applyCommand(model, { type: "timer.adjust", deltaMs: 1000 }, Date.now());
  const purePer = (performance.now() - pureStart) / COMMANDS;

  const latencies: number[] = [];
  for (let i = 0; i < COMMANDS; i++) {
    const start = performance.now();
    await call(chair, "meeting:command", { type: "timer.adjust", deltaMs: i % 2 ? 1000 : -1000 });
    latencies.push(performance.now() - start);
  }
  console.log(`chair command round trip (${COMMANDS} × timer.adjust, persisted then broadcast)`);
  console.log(`  baseline, agenda engine alone:  ${ms(purePer)} per command`);
  console.log(`  socket → validate → SQLite (WAL, synchronous=FULL) → ack:  p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, max ${ms(Math.max(...latencies))}`);
  chair.disconnect();
  await server.close();
}

async function ballotBurst(): Promise<void> {
  const server = await startInProcessServer();
  const meetingId = server.meeting.id;
  await addSeats(server.db, meetingId, TABLETS * 2 - 40);
  const seats = await listSeats(server.db, meetingId);
  const chair = await connectClient(server.url, { role: "chair", meetingId, token: server.chairToken });
  await call(chair, "meeting:command", { type: "agenda.goto", item: "evaluation" });
  await call(chair, "meeting:command", { type: "voting.open" });
  const snapshot = (await loadSnapshot(server.db, meetingId)) as MeetingSnapshot;
  const marks = Object.fromEntries(snapshot.roster.filter((s) => s.evaluated).map((s) => [s.id, "good"]));

  // Baseline: the same number of ballots through the data layer alone, one after another.
  const baselineStart = performance.now();
  for (let i = 0; i < TABLETS; i++) await castBallot(server.db, meetingId, seats[i]!.code, `base-${i}-key`, marks, new Set());
  const baselineMs = performance.now() - baselineStart;

  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const tablets = await Promise.all(Array.from({ length: TABLETS }, () => connectClient(server.url, { role: "attendee", code: server.meeting.attendeeCode })));
  const rssConnected = process.memoryUsage().rss;
  const heapConnected = process.memoryUsage().heapUsed;

  const start = performance.now();
  const results = await Promise.all(
    tablets.map((tablet, i) => call(tablet, "ballot:submit", { seatCode: seats[TABLETS + i]!.code, key: `burst-${i}-key`, marks })),
  );
  const burstMs = performance.now() - start;
  const accepted = results.filter((r) => r.ok).length;

  console.log(`\n民主测评 burst: ${TABLETS} tablets submit in the same instant (${Object.keys(marks).length} rows each)`);
  console.log(`  baseline, data layer alone, sequential:  ${(baselineMs).toFixed(0)} ms (${(TABLETS / (baselineMs / 1000)).toFixed(0)} ballots/s)`);
  console.log(`  ${TABLETS} real sockets at once, all acknowledged:  ${burstMs.toFixed(0)} ms (${(TABLETS / (burstMs / 1000)).toFixed(0)} ballots/s), accepted ${accepted}/${TABLETS}`);
  console.log(`  overhead of sockets + validation + queue over the baseline:  ×${(burstMs / baselineMs).toFixed(2)}`);
  console.log(`  memory (server and clients in one process), before → with ${TABLETS} sockets: heap ${mb(heapBefore)} → ${mb(heapConnected)}, RSS ${mb(rssBefore)} → ${mb(rssConnected)}`);
  await call(chair, "meeting:command", { type: "voting.close" });
  const tally = await call<Tally>(chair, "voting:results");
  const counted = tally.ok ? tally.data.validBallots : -1;
  console.log(`  tally after the close: ${counted} ballots = ${TABLETS} baseline + ${accepted} acknowledged: ${counted === TABLETS + accepted ? "each counted exactly once" : "MISMATCH"}`);
  for (const tablet of tablets) tablet.disconnect();
  chair.disconnect();
  await server.close();
}

/** Issue 10: page weight of what tablets and the projector load (gzip, as transferred). */
async function pageWeightTargets(): Promise<boolean> {
  const server = await spawnServer({ DATABASE_URL: tempDatabaseUrl(), CHAIR_TOKEN: "bench-pages" });
  try {
    const [meeting] = (await (await fetch(`${server.url}/api/meetings`, { headers: { authorization: "Bearer bench-pages" } })).json()) as Array<{ id: string; attendeeCode: string }>;
    const links = (await (await fetch(`${server.url}/api/meetings/${meeting!.id}/links`, { headers: { authorization: "Bearer bench-pages" } })).json()) as { displayPath: string };
    const weights = await pageWeights(server.url, ["/join", `/join/${meeting!.attendeeCode}`, links.displayPath]);
    const limits = [110, 110, 120];
    console.log("\npage weight (gzip, every response until the network is idle; Socket.IO data apart)");
    let met = true;
    weights.forEach((weight, i) => {
      const ok = weight.kb <= limits[i]!;
      met &&= ok;
      console.log(`  ${ok ? "✓" : "✗"} ${weight.path.padEnd(40)} ${weight.kb.toFixed(1)} KB (+ ${weight.socketKb.toFixed(1)} KB live data)  target ≤ ${limits[i]} KB`);
    });
    return met;
  } finally {
    server.process.kill("SIGKILL");
  }
}

ensureBuild();
await commandLatency();
await ballotBurst();
const hotPath = await hotPathTargets();
const pages = await pageWeightTargets();
console.log(`\nissue 10 targets: ${hotPath && pages ? "all met" : "NOT all met (✗ above)"}`);
process.exit(0);
