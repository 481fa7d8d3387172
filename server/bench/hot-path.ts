// Issue 10's targets, each measured against bare Socket.IO started by the benchmark itself
// (bare-server.ts: the same payload sizes, nothing else) on the same machine, interleaved
// bare, console, bare, console … and printed as ratios with their spread.
//
// Both servers run compiled, in their own process (node --expose-gc), and report their own
// CPU time and heap after GC over IPC (probe.ts); the tablets are real socket.io-clients in
// this process, with the console's own reconnection settings.
//
// CPU per command is measured apart, with both servers up at once and each command sent to
// bare, then to the console, in turn (see cpuPerCommand): the machine's load, which other
// processes make come and go, then falls on both alike.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { io as connect, type Socket } from "socket.io-client";
import { RECONNECT } from "../../components/realtime/reconnect";
import type { LiveDelta } from "../domain/live-delta";
import type { MeetingSnapshot } from "../domain/snapshot";
import { projectRoot } from "../platform/config";
import { tempDatabaseUrl } from "../test-support/servers";
import type { ProbeReading } from "./probe";

/** BENCH_PAIRS: more pairs for a steadier median (never fewer than the 3). */
const PAIRS = Math.max(3, Number(process.env.BENCH_PAIRS) || 3);
const CONNECTS = 3000;
const FAN_OUT = 1000;
const COMMANDS = 20;
/** Commands each server handles, unmeasured, with its tablets connected before CPU is measured. */
const WARM_UP_COMMANDS = 3;
const RESTART_TABLETS = 1000;
const CHAIR_TOKEN = "bench-chair-token";

type Kind = "bare" | "console";
type Client = Socket;

interface Started {
  child: ChildProcess;
  url: string;
}

function startServer(kind: Kind, env: Record<string, string>): Promise<Started> {
  const entry = path.join(projectRoot, "dist", "server", "bench", kind === "bare" ? "bare-server.js" : "console-server.js");
  const child = spawn(process.execPath, ["--expose-gc", entry], {
    cwd: projectRoot,
    env: { ...process.env, HOST: "127.0.0.1", CHAIR_TOKEN, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        child.stdout?.off("data", onData);
        resolve({ child, url: match[1].replace("localhost", "127.0.0.1") });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`${kind} server exited (${code}):\n${output}`)));
  });
}

/** "probe": CPU time, then heap after a full GC; "cpu": CPU time alone, without collecting. */
function probe(child: ChildProcess, ask: "probe" | "cpu" = "probe"): Promise<ProbeReading> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (message && typeof message === "object" && "cpuMicros" in message) {
        child.off("message", onMessage);
        resolve(message as ProbeReading);
      }
    };
    child.on("message", onMessage);
    child.send(ask);
  });
}

const heapOf = async (child: ChildProcess) => (await probe(child)).heapBytes ?? 0;

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGKILL");
  return exited;
}

/**
 * An attendee tablet; resolves once it has the meeting (the first `meeting:updated`). A
 * refused or reset connection (3000 at once overflow the listen backlog) is retried by the
 * client as a tablet would, and the time counts.
 */
function tablet(url: string, code: string): Promise<Client> {
  const socket = connect(url, { auth: { role: "attendee", code }, transports: ["websocket"], ...RECONNECT });
  return new Promise((resolve) => socket.once("meeting:updated", () => resolve(socket)));
}

async function tablets(url: string, code: string, count: number): Promise<Client[]> {
  return Promise.all(Array.from({ length: count }, () => tablet(url, code)));
}

function call(socket: Client, event: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => socket.emit(event, payload, resolve));
}

/** Bytes this client has read off its TCP socket so far (everything on the wire: frames and headers). */
function bytesRead(socket: Client): number {
  const transport = socket.io.engine.transport as unknown as { ws?: { _socket?: { bytesRead: number } } };
  return transport.ws?._socket?.bytesRead ?? 0;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Run {
  connectMs: number;
  heapPerConnection: number;
  p50: number;
  p99: number;
  healthMs: number;
  resync99Ms: number;
}

/** The console's real payloads, so bare sends the very same sizes. */
interface Payloads {
  onConnect: MeetingSnapshot;
  onCommand: LiveDelta;
}

async function consoleMeeting(url: string): Promise<{ id: string; code: string }> {
  const response = await fetch(`${url}/api/meetings`, { headers: { authorization: `Bearer ${CHAIR_TOKEN}` } });
  const [meeting] = (await response.json()) as Array<{ id: string; attendeeCode: string }>;
  if (!meeting) throw new Error("no meeting");
  return { id: meeting.id, code: meeting.attendeeCode };
}

function chairOf(kind: Kind, url: string, meetingId: string): Promise<Client> {
  const auth = kind === "bare" ? { role: "chair" } : { role: "chair", meetingId, token: CHAIR_TOKEN };
  const socket = connect(url, { auth, transports: ["websocket"] });
  return new Promise((resolve) => socket.once("meeting:updated", () => resolve(socket)));
}

interface Opened {
  server: Started;
  meeting: { id: string; code: string };
  chair: Client;
}

/** A started server with its chair connected and, on the console, the first speaker's timer running. */
async function open(kind: Kind, env: Record<string, string>): Promise<Opened> {
  const server = await startServer(kind, env);
  // The console loads Next a moment after listening: have it loaded before measuring.
  if (kind === "console") await fetch(`${server.url}/join`);
  const meeting = kind === "bare" ? { id: "bare", code: "000000" } : await consoleMeeting(server.url);
  const chair = await chairOf(kind, server.url, meeting.id);
  if (kind === "console") {
    await call(chair, "meeting:command", { type: "agenda.next" });
    await call(chair, "meeting:command", { type: "timer.start" });
  }
  return { server, meeting, chair };
}

/** The chair's i-th timer.adjust; resolves with each tablet's delivery time (ms from sending) once all have it. */
async function fanOut(chair: Client, audience: Client[], i: number): Promise<number[]> {
  const sent = performance.now();
  const delivered = audience.map((socket) => new Promise<number>((resolve) => socket.once("meeting:patched", () => resolve(performance.now() - sent))));
  await call(chair, "meeting:command", { type: "timer.adjust", deltaMs: i % 2 ? 1000 : -1000 });
  return Promise.all(delivered);
}

async function measure(kind: Kind, payloads: Payloads): Promise<Run> {
  const env = { PORT: "0", DATABASE_URL: tempDatabaseUrl(), BENCH_PAYLOADS: JSON.stringify(payloads) };
  const opened = await open(kind, env);
  const { meeting, chair } = opened;
  let server = opened.server;

  // 3. 3000 attendees connect; memory retained per connection after GC.
  const heapBefore = await heapOf(server.child);
  const connectStart = performance.now();
  const all = await tablets(server.url, meeting.code, CONNECTS);
  const connectMs = performance.now() - connectStart;
  const heapAfter = await heapOf(server.child);
  for (const socket of all.slice(FAN_OUT)) socket.disconnect();
  const audience = all.slice(0, FAN_OUT);
  await sleep(500);
  // What the 2000 departures left is collected now, not in the middle of a fan-out.
  await heapOf(server.child);

  // 1. Chair command → 1000 attendees: delivery latency (CPU per command: cpuPerCommand).
  const latencies: number[] = [];
  for (let i = 0; i < COMMANDS; i++) {
    latencies.push(...(await fanOut(chair, audience, i)));
    await sleep(20);
  }

  // 4. kill -9 and the same restart: /api/health, and 99 % of 1000 open tablets resynced.
  const resyncedAt: number[] = [];
  for (const socket of audience) socket.on("meeting:updated", () => resyncedAt.push(performance.now()));
  const port = new URL(server.url).port;
  await stop(server.child);
  const killedAt = performance.now();
  const restarted = startServer(kind, { ...env, PORT: port });
  let healthMs = 0;
  for (;;) {
    try {
      if ((await fetch(`${server.url}/api/health`)).ok) {
        healthMs = performance.now() - killedAt;
        break;
      }
    } catch {
      // not up yet
    }
    await sleep(5);
  }
  server = await restarted;
  while (resyncedAt.length < Math.ceil(RESTART_TABLETS * 0.99)) await sleep(5);
  const resync99Ms = percentile(resyncedAt, 99) - killedAt;

  for (const socket of [...audience, chair]) socket.disconnect();
  await stop(server.child);
  return {
    connectMs,
    heapPerConnection: (heapAfter - heapBefore) / CONNECTS,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    healthMs,
    resync99Ms,
  };
}

/**
 * 1. Server CPU per chair command fanned out to 1000 attendees: bare and the console up at
 * once, 1000 tablets each, and each command sent to bare, then to the console, in turn. Each
 * server's CPU time is read just before its command goes out and again once every tablet has
 * it, so what a server does between commands (heartbeats, idle collections) is not put on a
 * command, and a load that comes and goes on this shared machine falls on both alike. (Run
 * one server after the other, half a minute apart, the same code gave pairs from ×0.79 to
 * ×1.65.) Both first handle WARM_UP_COMMANDS unmeasured commands with their tablets there, so
 * neither is measured compiling its code: a meeting runs hundreds of commands.
 */
async function cpuPerCommand(payloads: Payloads): Promise<Record<Kind, number>> {
  const sides = [];
  for (const kind of ["bare", "console"] as const) {
    const { server, meeting, chair } = await open(kind, { PORT: "0", DATABASE_URL: tempDatabaseUrl(), BENCH_PAYLOADS: JSON.stringify(payloads) });
    sides.push({ kind, server, chair, audience: await tablets(server.url, meeting.code, FAN_OUT), cpuMicros: 0 });
  }
  await sleep(500);
  for (let i = 0; i < WARM_UP_COMMANDS + COMMANDS; i++) {
    // Bare first, then the console first: neither always runs right after the other's fan-out.
    for (const side of i % 2 ? [...sides].reverse() : sides) {
      const before = (await probe(side.server.child, "cpu")).cpuMicros;
      await fanOut(side.chair, side.audience, i);
      const after = (await probe(side.server.child, "cpu")).cpuMicros;
      if (i >= WARM_UP_COMMANDS) side.cpuMicros += after - before;
      await sleep(20);
    }
  }
  const perCommandMs = {} as Record<Kind, number>;
  for (const side of sides) {
    for (const socket of [...side.audience, side.chair]) socket.disconnect();
    await stop(side.server.child);
    perCommandMs[side.kind] = side.cpuMicros / 1000 / COMMANDS;
  }
  return perCommandMs;
}

/** What timer and agenda commands put on the wire per attendee, from a console tablet's socket. */
async function wirePerCommand(): Promise<{ payloads: Payloads; worst: number; lines: string[] }> {
  const server = await startServer("console", { PORT: "0", DATABASE_URL: tempDatabaseUrl() });
  const meeting = await consoleMeeting(server.url);
  const chair = await chairOf("console", server.url, meeting.id);
  const sample = await tablets(server.url, meeting.code, 20);
  const snapshot = await new Promise<MeetingSnapshot>((resolve) => sample[0]!.emit("meeting:sync", (r: { ok: boolean; data: MeetingSnapshot }) => resolve(r.data)));
  // Bare sends the delta of a timer.adjust, the command whose CPU and fan-out are compared
  // (an agenda.next's, with its speaker record, is twice the size and would slow bare down).
  let latest: LiveDelta | null = null;
  let onCommand: LiveDelta | null = null;
  sample[0]!.on("meeting:patched", (delta: LiveDelta) => (latest = delta));
  const steps: Array<Record<string, unknown>> = [];
  // Through item 1 to its end: every on-site speaker starts, gets +1 min, pauses, resumes, ends.
  for (let i = 0; i < snapshot.roster.length; i++) {
    steps.push({ type: "agenda.next" }, { type: "agenda.next" }, { type: "timer.adjust", deltaMs: 60_000 }, { type: "timer.pause" }, { type: "timer.start" }, { type: "agenda.next" });
  }
  let worst = 0;
  const byType = new Map<string, number>();
  for (const step of steps) {
    const before = sample.map(bytesRead);
    const result = (await call(chair, "meeting:command", step)) as { ok: boolean };
    if (!result.ok) continue;
    await sleep(30);
    const perAttendee = Math.max(...sample.map((socket, i) => bytesRead(socket) - before[i]!));
    worst = Math.max(worst, perAttendee);
    const type = String(step.type);
    if (type === "timer.adjust") onCommand ??= latest;
    byType.set(type, Math.max(byType.get(type) ?? 0, perAttendee));
  }
  for (const socket of [...sample, chair]) socket.disconnect();
  await stop(server.child);
  if (!onCommand) throw new Error("no delta seen");
  const lines = [...byType].map(([type, bytes]) => `    ${type.padEnd(14)} ≤ ${bytes} bytes`);
  return { payloads: { onConnect: snapshot, onCommand }, worst, lines };
}

function ratio(values: Array<[number, number]>): { median: number; min: number; max: number } {
  const ratios = values.map(([bare, ours]) => ours / bare).sort((a, b) => a - b);
  return { median: percentile(ratios, 50), min: ratios[0] ?? 0, max: ratios[ratios.length - 1] ?? 0 };
}

export async function hotPathTargets(): Promise<boolean> {
  console.log(`\nIssue 10 targets: the console against bare Socket.IO, interleaved bare/console × ${PAIRS} pairs`);
  const wire = await wirePerCommand();
  const runs: Array<{ bare: Run; console: Run; cpu: Record<Kind, number> }> = [];
  for (let pair = 1; pair <= PAIRS; pair++) {
    const bare = await measure("bare", wire.payloads);
    const ours = await measure("console", wire.payloads);
    const cpu = await cpuPerCommand(wire.payloads);
    runs.push({ bare, console: ours, cpu });
    console.log(
      `  pair ${pair}: fan-out p50 ${bare.p50.toFixed(1)} / ${ours.p50.toFixed(1)} ms, p99 ${bare.p99.toFixed(1)} / ${ours.p99.toFixed(1)} ms, ` +
        `CPU/command ${cpu.bare.toFixed(2)} / ${cpu.console.toFixed(2)} ms, ${CONNECTS} connects ${bare.connectMs.toFixed(0)} / ${ours.connectMs.toFixed(0)} ms, ` +
        `heap/connection ${(bare.heapPerConnection / 1024).toFixed(1)} / ${(ours.heapPerConnection / 1024).toFixed(1)} KB, ` +
        `health after kill -9 ${bare.healthMs.toFixed(0)} / ${ours.healthMs.toFixed(0)} ms, 99 % resynced ${bare.resync99Ms.toFixed(0)} / ${ours.resync99Ms.toFixed(0)} ms (bare / console)`,
    );
  }
  const pick = (f: (r: Run) => number) => runs.map((r): [number, number] => [f(r.bare), f(r.console)]);
  let met = true;
  const line = (label: string, value: { median: number; min: number; max: number }, limit: number) => {
    const ok = value.median <= limit;
    met &&= ok;
    console.log(`  ${ok ? "✓" : "✗"} ${label.padEnd(46)} ×${value.median.toFixed(2)} (spread ×${value.min.toFixed(2)}–×${value.max.toFixed(2)})  target ≤ ×${limit}`);
  };
  line(`fan-out to ${FAN_OUT} attendees, p50`, ratio(pick((r) => r.p50)), 1.1);
  line(`fan-out to ${FAN_OUT} attendees, p99`, ratio(pick((r) => r.p99)), 1.1);
  line("server CPU per command", ratio(runs.map((r): [number, number] => [r.cpu.bare, r.cpu.console])), 1.15);
  line(`${CONNECTS} attendees connect`, ratio(pick((r) => r.connectMs)), 1.3);
  line("memory retained per connection after GC", ratio(pick((r) => r.heapPerConnection)), 1.15);
  line(`99 % of ${RESTART_TABLETS} tablets resynced after kill -9`, ratio(pick((r) => r.resync99Ms)), 1.1);
  const health = runs.map((r) => r.console.healthMs);
  const healthOk = Math.max(...health) <= 1500;
  met &&= healthOk;
  console.log(`  ${healthOk ? "✓" : "✗"} ${"kill -9 → /api/health (console)".padEnd(46)} ${health.map((h) => h.toFixed(0)).join(" / ")} ms  target ≤ 1500 ms (bare: ${runs.map((r) => r.bare.healthMs.toFixed(0)).join(" / ")} ms)`);
  const wireOk = wire.worst <= 1024;
  met &&= wireOk;
  console.log(`  ${wireOk ? "✓" : "✗"} ${"bytes per attendee for a timer/agenda command".padEnd(46)} ≤ ${wire.worst} bytes on the wire  target ≤ 1024 (full snapshot: ${JSON.stringify(wire.payloads.onConnect).length} bytes)`);
  for (const text of wire.lines) console.log(text);
  return met;
}
