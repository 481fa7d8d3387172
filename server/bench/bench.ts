// `npm run bench`: speed and memory figures, each next to a baseline measured in the same
// run on the same machine (absolute numbers on shared machines mean little).
import { performance } from "node:perf_hooks";
import { applyCommand } from "../domain/agenda";
import type { MeetingSnapshot } from "../domain/snapshot";
import { modelOf } from "../domain/snapshot";
import { addSeats, listSeats } from "../voting/seat-data";
import { ballotBurst } from "./ballot-burst";
import { loadSnapshot } from "../live/meeting-data";
import { call, connectClient, startInProcessServer, spawnServer, tempDatabaseUrl, type TestClient } from "../test-support/servers";
import { migrateDatabase } from "../../prisma/migrate";
import { openDatabase, type Db } from "../platform/db";
import { createMeeting } from "../live/meeting-data";
import { demoMeeting } from "../setup/demo-meeting";
import { convertDocx } from "../attachments/docx-to-html";
import { sanitiseHtml } from "../attachments/sanitise-html";
import { docxFile, wordParagraph } from "../test-support/files";
import { illustratedReportOfSize } from "../test-support/report-docx";
import { MAX_ATTACHMENT_BYTES } from "../setup/setup-schemas";
import { ensureBuild } from "../../scripts/ensure-build.mjs";
import { hotPathTargets } from "./hot-path";
import { pageWeights } from "./page-weight";
import { packFigures } from "./pack-start";
import { twoInstanceRun } from "./two-instances";

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

/** Issue 10: page weight of what tablets and the projector load (gzip, as transferred). */
async function pageWeightTargets(): Promise<boolean> {
  const server = await spawnServer({ DATABASE_URL: tempDatabaseUrl(), CHAIR_TOKEN: "bench-pages-chair-token" });
  try {
    const [meeting] = (await (await fetch(`${server.url}/api/meetings`, { headers: { authorization: "Bearer bench-pages-chair-token" } })).json()) as Array<{ id: string; attendeeCode: string }>;
    const links = (await (await fetch(`${server.url}/api/meetings/${meeting!.id}/links`, { headers: { authorization: "Bearer bench-pages-chair-token" } })).json()) as { displayPath: string };
    const weights = await pageWeights(server.url, ["/join", `/join/${meeting!.attendeeCode}`, links.displayPath]);
    const limits = [110, 110, 120];
    console.log("\npage weight (gzip, every response until the network is idle; Socket.IO data apart)");
    let met = true;
    weights.forEach((weight, i) => {
      const ok = weight.kb <= limits[i]!;
      met &&= ok;
      console.log(`  ${ok ? "✓" : "✗"} ${weight.path.padEnd(40)} ${weight.kb.toFixed(1)} KB (+ ${weight.socketKb.toFixed(1)} KB live data)  target ≤ ${limits[i]} KB`);
    });
    // The ballot's code loads when the meeting reaches 民主测评: a tablet opened then loads it too.
    const chair = await connectClient(server.url, { role: "chair", meetingId: meeting!.id, token: "bench-pages-chair-token" });
    await call(chair, "meeting:command", { type: "agenda.goto", item: "evaluation" });
    await call(chair, "meeting:command", { type: "voting.open" });
    chair.disconnect();
    const [voting] = await pageWeights(server.url, [`/join/${meeting!.attendeeCode}`]);
    console.log(`    ${`${voting!.path} while voting is open`.padEnd(40)} ${voting!.kb.toFixed(1)} KB (+ ${voting!.socketKb.toFixed(1)} KB live data)  (the ballot's code included; for information)`);
    return met;
  } finally {
    server.process.kill("SIGKILL");
  }
}

// --- a report converting while the hall is live --------------------------------------------

/** The hall's three kinds of answer, asked for over and over while something else runs. */
interface Probes {
  health: number[];
  command: number[];
  ballot: number[];
}

const PROBE_EVERY_MS = 25;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Asks each kind of question on a fixed schedule until `busy` settles, and times every answer
 * from when its question was due (or, if the previous answer came later, from then), not from
 * when it went out: the probes share the server's process, so a blocked event loop also holds
 * back their sending, and only the due time shows that wait (as a tablet on the Wi-Fi, which
 * sends on time, would feel it).
 */
async function probeWhile(hall: Hall, busy: Promise<unknown>): Promise<Probes> {
  const probes: Probes = { health: [], command: [], ballot: [] };
  let done = false;
  void busy.finally(() => (done = true));
  const loop = async (kind: keyof Probes, ask: (i: number) => Promise<unknown>) => {
    const start = performance.now();
    let answered = start;
    for (let i = 0; !done; i++) {
      const due = Math.max(start + i * PROBE_EVERY_MS, answered);
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      await ask(i);
      answered = performance.now();
      probes[kind].push(answered - due);
    }
  };
  await Promise.all([
    loop("health", () => health(hall.url)),
    loop("command", (i) => call(hall.chair, "meeting:command", { type: i % 2 ? "agenda.previous" : "agenda.next" })),
    loop("ballot", () => call(hall.tablet, "ballot:submit", { seatCode: hall.seats[hall.nextSeat++]!, key: `probe-${hall.nextSeat}-key`, marks: hall.marks })),
    busy,
  ]);
  return probes;
}

/** GET /api/health, sent again once if the kept-alive connection was reset meanwhile (as a browser does). */
async function health(url: string): Promise<void> {
  try {
    await (await fetch(`${url}/api/health`)).text();
  } catch {
    await (await fetch(`${url}/api/health`)).text();
  }
}

interface Hall {
  url: string;
  chairToken: string;
  meetingId: string;
  chair: TestClient;
  tablet: TestClient;
  seats: string[];
  nextSeat: number;
  marks: Record<string, string>;
  writtenId: string;
  close(): Promise<void>;
}

/**
 * The demo meeting with voting open and plenty of unused seats, served either by the real
 * server in its own process (`npm start`'s compiled build, as in the hall: the probes are
 * other processes, like the tablets) or in this process (where the benchmark can block the
 * server's event loop itself, for the comparison).
 */
async function openHall(where: "own process" | "this process"): Promise<Hall> {
  const chairToken = "bench-hall-chair-token";
  let url: string;
  let db: Db;
  let stop: () => Promise<void>;
  if (where === "this process") {
    const server = await startInProcessServer();
    ({ url, db } = server);
    stop = () => server.close();
    await addSeats(db, server.meeting.id, 4000);
  } else {
    const databaseUrl = tempDatabaseUrl();
    await migrateDatabase(databaseUrl);
    db = await openDatabase(databaseUrl);
    const meeting = await createMeeting(db, demoMeeting);
    await addSeats(db, meeting.id, 4000);
    const child = await spawnServer({ DATABASE_URL: databaseUrl, CHAIR_TOKEN: chairToken });
    url = child.url;
    stop = async () => {
      child.process.kill("SIGKILL");
      await db.$disconnect();
    };
  }
  const token = where === "this process" ? "test-chair-token" : chairToken;
  const snapshot = (await loadSnapshot(db, (await db.meeting.findFirstOrThrow({ select: { id: true } })).id)) as MeetingSnapshot;
  const meetingId = snapshot.meeting.id;
  const seats = (await listSeats(db, meetingId)).map((seat) => seat.code);
  const chair = await connectClient(url, { role: "chair", meetingId, token });
  const tablet = await connectClient(url, { role: "attendee", code: (await db.meeting.findUniqueOrThrow({ where: { id: meetingId } })).attendeeCode });
  await call(chair, "meeting:command", { type: "agenda.goto", item: "evaluation" });
  await call(chair, "meeting:command", { type: "voting.open" });
  const marks = Object.fromEntries(snapshot.roster.filter((s) => s.evaluated).map((s) => [s.id, "good"]));
  const writtenId = snapshot.roster.find((s) => s.mode === "written")!.id;
  return {
    url,
    chairToken: token,
    meetingId,
    chair,
    tablet,
    seats,
    nextSeat: 0,
    marks,
    writtenId,
    async close() {
      chair.disconnect();
      tablet.disconnect();
      await stop();
    },
  };
}

/** Uploads the report; resolves with the server's refusal, or null once it is stored. */
function upload(hall: Hall, bytes: Uint8Array): Promise<string | null> {
  return fetch(`${hall.url}/api/meetings/${hall.meetingId}/speakers/${hall.writtenId}/attachment?name=report.docx`, {
    method: "PUT",
    headers: { authorization: `Bearer ${hall.chairToken}` },
    body: Buffer.from(bytes),
  }).then(async (res) => (res.ok ? null : ((await res.json()) as { message: string }).message));
}

function slowest(probes: Probes): number {
  return Math.max(...probes.health, ...probes.command, ...probes.ballot);
}

function describeProbes(label: string, probes: Probes, wallMs?: number): string {
  const kinds = (["health", "command", "ballot"] as const)
    .map((kind) => `${kind === "health" ? "/api/health" : kind === "command" ? "command ack" : "ballot ack"} max ${ms(Math.max(...probes[kind]))} (p95 ${ms(percentile(probes[kind], 95))}, ${probes[kind].length}×)`)
    .join("; ");
  return `  ${label}${wallMs === undefined ? "" : ` [${(wallMs / 1000).toFixed(1)} s]`}: slowest answer ${ms(slowest(probes))} — ${kinds}`;
}

async function conversionDuringMeeting(): Promise<void> {
  const documents: Array<[string, Uint8Array]> = [
    ["a 10 MB illustrated report (12 chapters, 1 800 paragraphs, tables, photos)", await illustratedReportOfSize(MAX_ATTACHMENT_BYTES - 64 * 1024, 12, 150)],
    ["60 000 short paragraphs (the issue's 7.5 s stall)", await docxFile(Array.from({ length: 60_000 }, (_, i) => wordParagraph(`第${i + 1}段：推进模范机关创建。`)).join(""))],
  ];
  console.log(`\nA report uploaded while the hall is live (voting open; /api/health, chair commands and ballots each asked for every ${PROBE_EVERY_MS} ms, timed from when it was due)`);
  const hall = await openHall("own process");
  const here = await openHall("this process");
  const baseline = await probeWhile(hall, sleep(3000));
  const slowestIdle = slowest(baseline);
  console.log(describeProbes("baseline, the server in its own process, nothing converting", baseline, 3000));
  for (const [label, bytes] of documents) {
    console.log(` ${label}, ${mb(bytes.byteLength)}:`);
    let start = performance.now();
    const uploading = upload(hall, bytes);
    const inWorker = await probeWhile(hall, uploading);
    const refused = await uploading;
    // A machine busy enough can push even a real report past the time limit: that is a figure too.
    console.log(describeProbes(refused ? `uploaded, refused (${refused.slice(0, 24)}…)` : "uploaded, converted in a worker thread and stored", inWorker, performance.now() - start));
    // The way it was before: the same conversion on the server's own event loop.
    start = performance.now();
    const onLoop = await probeWhile(here, sleep(0).then(() => convertDocx(bytes)));
    console.log(describeProbes("for comparison, converted on the event loop (server in this process)", onLoop, performance.now() - start));
    // On a shared machine the baseline itself can pass 100 ms; what the upload adds is what it is answerable for.
    const added = Math.max(0, slowest(inWorker) - slowestIdle);
    console.log(
      `  target, no answer delayed by more than 100 ms while it converts: slowest ${ms(slowest(inWorker))}, ${ms(added)} beyond the baseline's slowest — ${slowest(inWorker) <= 100 ? "met" : added <= 100 ? "met beyond this machine's own delay" : "NOT met"}`,
    );
  }
  await hall.close();
  await here.close();
}

function sanitiserShapes(): void {
  const shapes: Array<[string, string]> = [
    ["baseline, 1 MB of report HTML as mammoth writes it", "<h2>一、工作亮点</h2><p>推进<strong>模范机关</strong>创建，开展能力作风建设年活动。</p><table><tr><td>1</td><td>党建</td></tr></table>".repeat(9_000)],
    ["200 000 closing tags that match nothing (was 172 s)", "<p>".repeat(50_000) + "</b>".repeat(200_000)],
    ["1 MB run of `<a ` with no `>` (was over 300 s)", "<a ".repeat(350_000)],
  ];
  console.log("\nReport sanitiser (server/attachments/sanitise-html.ts) on 1 MB inputs");
  for (const [label, input] of shapes) {
    const start = performance.now();
    sanitiseHtml(input);
    console.log(`  ${label}:  ${ms(performance.now() - start)}`);
  }
}

ensureBuild();
// BENCH_ONLY=hot-path: issue 10's comparison with bare Socket.IO alone (a few minutes instead of the whole run).
if (process.env.BENCH_ONLY === "hot-path") {
  const met = await hotPathTargets();
  console.log(`\nissue 10 hot-path targets: ${met ? "all met" : "NOT all met (✗ above)"}`);
  process.exit(0);
}
await commandLatency();
const burst = await ballotBurst();
console.log(`\nissue 7 target (1000 ballots acknowledged as counted at least as fast as bare better-sqlite3): ${burst ? "met" : "NOT met (✗ above)"}`);
const hotPath = await hotPathTargets();
const pages = await pageWeightTargets();
console.log(`\nissue 10 targets: ${hotPath && pages ? "all met" : "NOT all met (✗ above)"}`);
await conversionDuringMeeting();
sanitiserShapes();
const packOk = await packFigures();
console.log(`\nissue 13 pack targets (≤ 80 MB, ≤ 3 s to /api/health): ${packOk ? "all met" : "NOT all met (✗ above)"}`);
await twoInstanceRun();
process.exit(0);
