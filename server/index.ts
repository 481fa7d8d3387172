// Entry point of `npm start` (compiled to dist/server/index.js; scripts/start.mjs builds it
// when the sources changed): migrate and seed the database, then serve the HTTP API,
// Socket.IO and Next on one port. The API and the sockets listen as soon as the database is
// open; Next loads meanwhile and a page request waits for it, so a restarted server takes
// the tablets back within a moment of starting.
import http from "node:http";
import { migrateDatabase } from "../prisma/migrate";
import { createApplication } from "./app";
import { databaseUrl, projectRoot } from "./platform/config";
import { openDatabase } from "./platform/db";
import { countMeetings, createMeeting, listMeetings } from "./live/meeting-data";
import { ensureChairToken } from "./platform/settings-data";
import { systemClock } from "./live/meeting-service";
import { lanAddresses } from "./platform/network";
import { lazyPages } from "./platform/pages";

const dev = process.env.DEBRIEF_DEV === "1";
// The hall is offline: nothing may phone home.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

const url = databaseUrl();
const applied = await migrateDatabase(url).catch((error: unknown) => {
  console.error(`Could not migrate the database at ${url}. Is another Debrief Console using it?`);
  console.error(error instanceof Error ? error.message.split("\n")[0] : error);
  process.exit(1);
});
if (applied.length) console.log(`Database migrated: ${applied.join(", ")}`);
const db = await openDatabase(url);
const chairToken = await ensureChairToken(db, process.env.CHAIR_TOKEN);
if ((await countMeetings(db)) === 0) {
  // Only a fresh database needs it: reading the demo roster through the importer takes a moment.
  const { demoMeeting } = await import("./setup/demo-meeting");
  await createMeeting(db, demoMeeting);
  console.log(`Demo meeting created: ${demoMeeting.title}`);
}

const pages = lazyPages({ dev, dir: projectRoot });
const httpServer = http.createServer();
httpServer.on("error", (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `Port ${port} is already in use: is another Debrief Console running? Start with PORT=<other port> npm start.`
      : `Server error: ${error.message}`,
  );
  process.exit(1);
});
const app = await createApplication(httpServer, { db, clock: systemClock, chairToken, pages: pages.handle });

httpServer.listen(port, host, async () => {
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
  for (const meeting of await listMeetings(db)) {
    lines.push(
      "",
      `  ${meeting.title}`,
      `    主持人 Chair:     ${local}/chair/${meeting.id}#token=${chairToken}`,
      `    投影 Projector:   ${hall}/display/${meeting.id}#token=${meeting.displayToken}`,
      `    参会 Tablets:     ${hall}/join/${meeting.attendeeCode}   (会议码 ${meeting.attendeeCode})`,
      `    计票 Tellers:     ${local}/tellers/${meeting.id}#token=${meeting.tellerToken ?? chairToken}`,
    );
  }
  console.log(lines.join("\n") + "\n");
  pages.load();
});

async function shutdown(): Promise<void> {
  await app.close();
  httpServer.close();
  await db.$disconnect();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown());
process.once("SIGTERM", () => void shutdown());
