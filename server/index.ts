// Entry point of `npm start` (compiled to dist/server/index.js; scripts/start.mjs builds it
// when the sources changed): migrate and seed the database, then serve the HTTP API,
// Socket.IO and Next on one port. The API and the sockets listen as soon as the database is
// open; Next loads after them and a page request waits for it, so a restarted server takes
// the tablets back within a moment of starting.
import http from "node:http";
import { migrateDatabase } from "../prisma/migrate";
import { createApplication } from "./app";
import { BALLOT_MIN_BATCH_ENV, ballotMinBatch, databaseProvider, databaseUrl, projectRoot, redactUrl } from "./platform/config";
import { DEFAULT_MIN_BATCH } from "./voting/ballot-box";
import { openDatabase } from "./platform/db";
import { listMeetings } from "./live/meeting-data";
import { seedDemoMeetingIfEmpty } from "./setup/demo-seed-data";
import { readPostgresStartFacts, readStartFacts, type StartFacts } from "./live/start-data";
import { ensureChairToken } from "./platform/settings-data";
import { systemClock } from "./live/meeting-service";
import { tellerPaths } from "./live/meeting-directory";
import { lanAddresses } from "./platform/network";
import { parseTrustedProxies, TRUST_PROXY_ENV } from "./platform/trusted-proxies";
import { chairTokenProblem } from "./platform/secrets";
import { lazyPages } from "./platform/pages";
import { DISPLAY_FRAME_ANCESTORS_ENV, parseFrameAncestors } from "./platform/page-security";

const dev = process.env.DEBRIEF_DEV === "1";
/** After a start, Next loads this long after listening (or at the first page request, if sooner). */
const PAGES_LOAD_DELAY_MS = 3_000;
// The hall is offline: nothing may phone home.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

// A wrong setting would silently leave the projector unframeable: say so and stop instead.
const embedders = parseFrameAncestors(process.env[DISPLAY_FRAME_ANCESTORS_ENV]);
if (!embedders.ok) {
  console.error(embedders.message);
  process.exit(1);
}

// Without TRUST_PROXY no X-Forwarded-For is believed; a wrong entry would silently trust nobody.
const trustedProxies = parseTrustedProxies(process.env[TRUST_PROXY_ENV]);
if (!trustedProxies.ok) {
  console.error(trustedProxies.message);
  process.exit(1);
}

const minBatch = ballotMinBatch(process.env[BALLOT_MIN_BATCH_ENV], DEFAULT_MIN_BATCH);
if (!minBatch.ok) {
  console.error(minBatch.message);
  process.exit(1);
}

// A short chair token could be guessed: refuse it before anything starts, and say why.
const envChairToken = process.env.CHAIR_TOKEN;
const tokenProblem = envChairToken ? chairTokenProblem(envChairToken) : null;
if (tokenProblem) {
  console.error(tokenProblem);
  process.exit(1);
}

const url = databaseUrl();
const applied = await migrateDatabase(url).catch((error: unknown) => {
  console.error(`Could not migrate the database at ${redactUrl(url)}. Is another Debrief Console using it?`);
  console.error(error instanceof Error ? error.message.split("\n")[0] : error);
  process.exit(1);
});
if (applied.length) console.log(`Database migrated: ${applied.join(", ")}`);
const facts = databaseProvider(url) === "postgresql" ? await readPostgresStartFacts(url) : readStartFacts(url);
const db = await openDatabase(url);
const chairToken = process.env.CHAIR_TOKEN || facts.chairToken || (await ensureChairToken(db, undefined));
let meetings: StartFacts["meetings"] = facts.meetings;
if (meetings.length === 0) {
  // Another instance starting on the same empty database may seed it first: then this one does not.
  const seeded = await seedDemoMeetingIfEmpty(db);
  if (seeded) console.log(`Demo meeting created: ${seeded}`);
  meetings = await listMeetings(db);
}

const httpServer = http.createServer();
const pages = lazyPages({ dev, dir: projectRoot, server: httpServer });
httpServer.on("error", (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `Port ${port} is already in use: is another Debrief Console running? Start with PORT=<other port> npm start.`
      : `Server error: ${error.message}`,
  );
  process.exit(1);
});
const redisUrl = process.env.REDIS_URL;
const redis = redisUrl ? { url: redisUrl, prefix: process.env.REDIS_PREFIX || "debrief" } : undefined;
const app = await createApplication(httpServer, {
  db,
  clock: systemClock,
  chairToken,
  pages: pages.handle,
  meetingKeys: meetings,
  ballotMinBatch: minBatch.value,
  trustedProxies: trustedProxies.value,
  redis,
});

httpServer.listen(port, host, () => {
  // The meetings' live state first, for the tablets that knock right after a restart. Next
  // loads on the first page request, or once the reconnecting screens are served: loading
  // it holds the event loop for a second or two.
  void app.warm(meetings.map((meeting) => meeting.id)).catch((error: unknown) => console.error("reading the meetings failed:", error));
  setTimeout(() => void pages.load(), PAGES_LOAD_DELAY_MS).unref();
  const address = httpServer.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  const lan = lanAddresses()[0] ?? "localhost";
  const local = `http://localhost:${actualPort}`;
  const hall = `http://${lan}:${actualPort}`;
  const lines = [
    "",
    `Debrief Console listening on ${local}`,
    `  局域网地址 LAN:  ${hall}`,
    `  主持人口令 chair token: ${chairToken}`,
    `  会前准备 Setup:  ${local}/setup#token=${chairToken}`,
  ];
  for (const meeting of meetings) {
    const tellers = tellerPaths(meeting, chairToken);
    lines.push(
      "",
      `  ${meeting.title}`,
      `    主持人 Chair:     ${local}/chair/${meeting.id}#token=${chairToken}`,
      `    投影 Projector:   ${hall}/display/${meeting.id}#token=${meeting.displayToken}`,
      `    参会 Tablets:     ${hall}/join/${meeting.attendeeCode}   (会议码 ${meeting.attendeeCode})`,
      `    计票人甲 Teller A: ${local}${tellers.A}`,
      `    计票人乙 Teller B: ${local}${tellers.B}`,
    );
  }
  console.log(lines.join("\n") + "\n");
});

async function shutdown(): Promise<void> {
  await app.close();
  httpServer.close();
  await db.$disconnect();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown());
process.once("SIGTERM", () => void shutdown());
