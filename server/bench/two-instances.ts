// `npm run bench`, two-instance part: one meeting with 2 × 1500 attendees split across two
// instances (PostgreSQL + Redis), against one instance holding all 3000, in the same run. The
// figure is the fan-out latency of a chair command (sent to the first instance) until each
// attendee holds it. Skipped, with a line saying so, where PostgreSQL or Redis is not reachable.
// BENCH_PG (default postgresql://postgres@127.0.0.1:5432/debrief_bench, a prefix as in
// DEBRIEF_TEST_PG), BENCH_REDIS (default redis://127.0.0.1:6379), BENCH_CLUSTER_ATTENDEES (3000).
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import { createClient } from "redis";
import { migrateDatabase } from "../../prisma/migrate";
import { dropPostgresDatabase, ensurePostgresDatabase } from "../../prisma/postgres-admin";
import { createMeeting } from "../live/meeting-data";
import { openDatabase } from "../platform/db";
import { demoMeeting } from "../setup/demo-meeting";
import { call, connectClient, spawnServer, type ChildServer, type TestClient } from "../test-support/servers";

const ATTENDEES = Number(process.env.BENCH_CLUSTER_ATTENDEES ?? 3000);
const COMMANDS = 20;
const TOKEN = "bench-cluster-token";

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function reachable(pgUrl: string, redisUrl: string): Promise<boolean> {
  try {
    await ensurePostgresDatabase(pgUrl);
    const redis = createClient({ url: redisUrl, socket: { reconnectStrategy: false } });
    redis.on("error", () => {});
    await redis.connect();
    await redis.close();
    return true;
  } catch {
    return false;
  }
}

interface FanOut {
  p50: number;
  p99: number;
  connectMs: number;
}

/** `instances` servers on one database; the attendees spread over them; the chair on the first. */
async function fanOut(databaseUrl: string, env: Record<string, string>, instances: number): Promise<FanOut> {
  const db = await openDatabase(databaseUrl);
  const meeting = await createMeeting(db, demoMeeting);
  await db.$disconnect();
  const servers: ChildServer[] = [];
  const clients: TestClient[] = [];
  try {
    for (let i = 0; i < instances; i++) servers.push(await spawnServer({ DATABASE_URL: databaseUrl, CHAIR_TOKEN: TOKEN, ...env }));
    const chair = await connectClient(servers[0]!.url, { role: "chair", meetingId: meeting.id, token: TOKEN }, { follow: false });
    clients.push(chair);
    const connectStart = performance.now();
    for (let i = 0; i < ATTENDEES; i += 100) {
      const batch = Array.from({ length: Math.min(100, ATTENDEES - i) }, (_, j) =>
        connectClient(servers[(i + j) % instances]!.url, { role: "attendee", code: meeting.attendeeCode }, { follow: false }),
      );
      clients.push(...(await Promise.all(batch)));
    }
    const connectMs = performance.now() - connectStart;
    const attendees = clients.slice(1);
    await call(chair, "meeting:command", { type: "agenda.goto", item: "reports" });
    const latencies: number[] = [];
    for (let c = 0; c < COMMANDS; c++) {
      const start = performance.now();
      const received = attendees.map((socket) => new Promise<void>((resolve) => socket.once("meeting:patched", () => (latencies.push(performance.now() - start), resolve()))));
      await call(chair, "meeting:command", { type: "timer.adjust", deltaMs: c % 2 ? 1000 : -1000 });
      await Promise.all(received);
    }
    return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), connectMs };
  } finally {
    for (const client of clients) client.disconnect();
    for (const server of servers) server.process.kill("SIGKILL");
  }
}

export async function twoInstanceRun(): Promise<void> {
  const base = process.env.BENCH_PG || "postgresql://postgres@127.0.0.1:5432/debrief_bench";
  const redisUrl = process.env.BENCH_REDIS || "redis://127.0.0.1:6379";
  console.log(`\nTwo instances (PostgreSQL + Redis), one meeting, ${ATTENDEES} attendees: chair command fan-out, one instance vs two`);
  if (!(await reachable(base, redisUrl))) {
    console.log(`  skipped: PostgreSQL (${new URL(base).host}) or Redis (${redisUrl}) not reachable`);
    return;
  }
  const databaseUrl = `${base}_${randomBytes(4).toString("hex")}`;
  const prefix = `${process.env.BENCH_REDIS_PREFIX || "debrief-bench"}-${randomBytes(4).toString("hex")}`;
  await ensurePostgresDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  try {
    const one = await fanOut(databaseUrl, {}, 1);
    const two = await fanOut(databaseUrl, { REDIS_URL: redisUrl, REDIS_PREFIX: prefix }, 2);
    const line = (label: string, r: FanOut) =>
      console.log(`  ${label.padEnd(34)} fan-out p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; ${ATTENDEES} connects ${r.connectMs.toFixed(0)} ms`);
    line(`one instance × ${ATTENDEES}`, one);
    line(`two instances × ${ATTENDEES / 2} (Redis)`, two);
    console.log(`  two / one: p50 ×${(two.p50 / one.p50).toFixed(2)}, p99 ×${(two.p99 / one.p99).toFixed(2)}`);
  } finally {
    await dropPostgresDatabase(databaseUrl);
    const redis = createClient({ url: redisUrl });
    await redis.connect();
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}:*` })) if (keys.length) await redis.del(keys);
    await redis.close();
  }
}

if (process.argv[1]?.endsWith("two-instances.ts")) {
  await twoInstanceRun();
  process.exit(0);
}
