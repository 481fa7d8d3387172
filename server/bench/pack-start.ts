// The offline pack (`npm run pack`): its size against the 80 MB limit, and how long
// `./debrief-console` takes from launch to /api/health answering on a new data/ (migrations
// and the demo meeting included) and on an existing one, next to the baseline of the same
// compiled server started from this checkout (`node dist/server/index.js`) on a new database.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { projectRoot } from "../platform/config";
import { buildPack, currentPack, formatMb, MAX_PACK_BYTES, PACK_FOLDER } from "../pack/pack";
import { freePort } from "../test-support/free-port";

const STARTS = 3;
const START_LIMIT_MS = 3_000;
const POLL_MS = 10;


interface StartTime {
  /** Wall clock from spawn to /api/health answering 200. */
  wallMs: number;
  /** Processor time the server had used by then (Linux; null elsewhere): the start's cost, however busy the machine. */
  cpuMs: number | null;
}

function cpuMsOf(pid: number): number | null {
  if (process.platform !== "linux") return null;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  const ticksPerSecond = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** From spawning `command` (env, the launcher and node are one pid: each execs the next) to /api/health answering; the server is stopped after. */
async function timeToHealth(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<StartTime> {
  const port = await freePort();
  const start = performance.now();
  // A clean environment (`env -i`), as on the hall's machine.
  const vars = Object.entries({ PATH: process.env.PATH ?? "/usr/bin:/bin", HOST: "127.0.0.1", PORT: String(port), ...env }).map(([key, value]) => `${key}=${value}`);
  const child = spawn("env", ["-i", ...vars, command, ...args], { cwd, stdio: "ignore" });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}) before answering`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then((res) => res.ok, () => false);
      if (ok) return { wallMs: performance.now() - start, cpuMs: cpuMsOf(child.pid!) };
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (n: number) => `${n.toFixed(0)} ms`;
function summarise(times: StartTime[]): string {
  const cpu = times.map((time) => time.cpuMs).filter((value): value is number => value !== null);
  const wall = times.map((time) => time.wallMs);
  return `median ${ms(median(wall))} (${wall.map(ms).join(", ")})${cpu.length ? `, processor time median ${ms(median(cpu))}` : ""}`;
}

/** Prints the pack's figures; returns whether both targets (≤ 80 MB, ≤ 3 s) are met. */
export async function packFigures(): Promise<boolean> {
  console.log("\nOffline pack (npm run pack)");
  const pack = currentPack() ?? (await buildPack((line) => console.log(`  ${line}`)));
  const temp = mkdtempSync(path.join(os.tmpdir(), "debrief-bench-pack-"));
  try {
    const tar = spawnSync("tar", ["-xzf", pack.archive, "-C", temp]);
    if (tar.status !== 0) throw new Error("could not unpack the pack");
    const folder = path.join(temp, PACK_FOLDER);
    const launcher = path.join(folder, "debrief-console");

    const baseline: StartTime[] = [];
    const fresh: StartTime[] = [];
    for (let i = 0; i < STARTS; i++) {
      const db = `file:${path.join(temp, `baseline-${i}.db`)}`;
      baseline.push(await timeToHealth(process.execPath, [path.join(projectRoot, "dist", "server", "index.js")], projectRoot, { DATABASE_URL: db }));
      rmSync(path.join(folder, "data"), { recursive: true, force: true });
      fresh.push(await timeToHealth(launcher, [], folder, {}));
    }
    const existing = await timeToHealth(launcher, [], folder, {});

    const sizeOk = pack.bytes <= MAX_PACK_BYTES;
    const startOk = median(fresh.map((time) => time.wallMs)) <= START_LIMIT_MS;
    console.log(`  ${path.basename(pack.archive)}: ${formatMb(pack.bytes)} (limit ${formatMb(MAX_PACK_BYTES)}) ${sizeOk ? "✓" : "✗"}, ${pack.files} files, Node ${pack.info.node}`);
    console.log(`  baseline, node dist/server/index.js on a new database → /api/health:  ${summarise(baseline)}`);
    console.log(`  ./debrief-console on a new data/ → /api/health:  ${summarise(fresh)}; limit ${ms(START_LIMIT_MS)} wall clock ${startOk ? "✓" : "✗"}`);
    console.log(`  ./debrief-console on an existing data/ → /api/health:  ${summarise([existing])}`);
    const load = os.loadavg()[0]!;
    if (load > os.cpus().length) console.log(`  (load average ${load.toFixed(1)} on ${os.cpus().length} cores: the wall-clock figures include waiting for the processor)`);
    return sizeOk && startOk;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
