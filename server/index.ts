// Entry point of `npm start`: migrate and seed the database, make sure a production
// build exists, then serve Next, the HTTP API and Socket.IO on one port.
import http from "node:http";
import next from "next";
import { migrateDatabase } from "../prisma/migrate";
import { createApplication } from "./app";
import { databaseUrl, projectRoot } from "./platform/config";
import { openDatabase } from "./platform/db";
import { countMeetings, createMeeting, listMeetings } from "./live/meeting-data";
import { ensureChairToken } from "./platform/settings-data";
import { ensureProductionBuild } from "./platform/production-build";
import { demoMeeting } from "./setup/demo-meeting";
import { systemClock } from "./live/meeting-service";
import { lanAddresses } from "./platform/network";

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
  await createMeeting(db, demoMeeting);
  console.log(`Demo meeting created: ${demoMeeting.title}`);
}

if (!dev) ensureProductionBuild();
const nextApp = next({ dev, dir: projectRoot });
await nextApp.prepare();

const httpServer = http.createServer();
httpServer.on("error", (error: NodeJS.ErrnoException) => {
  console.error(
    error.code === "EADDRINUSE"
      ? `Port ${port} is already in use: is another Debrief Console running? Start with PORT=<other port> npm start.`
      : `Server error: ${error.message}`,
  );
  process.exit(1);
});
const app = createApplication(httpServer, { db, clock: systemClock, chairToken, pages: nextApp.getRequestHandler() });

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
});

async function shutdown(): Promise<void> {
  await app.close();
  httpServer.close();
  await db.$disconnect();
  process.exit(0);
}
process.once("SIGINT", () => void shutdown());
process.once("SIGTERM", () => void shutdown());
