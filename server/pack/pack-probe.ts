// Run by pack.test.ts inside the network namespace of an unpacked pack's server (nsenter):
// waits for /api/health, then uses the console as the hall's screens would, and prints one
// JSON line with what it saw. Arguments: <port> <chair token>. Beyond the pages and the
// sockets it asks for what the server loads only on first use (exceljs for the roster
// template, qrcode for the access sheet, mammoth in the .docx worker thread): a pack whose
// trace missed one of them would start, and fail in the hall the day before.
import os from "node:os";
import net from "node:net";
import { io } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../domain/events";
import type { Socket } from "socket.io-client";
import type { MeetingSnapshot } from "../domain/snapshot";
import { docxFile, wordParagraph } from "../test-support/files";

const [portArg, token] = process.argv.slice(2);
const base = `http://127.0.0.1:${portArg}`;
const HEALTH_POLL_MS = 20;
const GIVE_UP_MS = 30_000;

async function waitForHealth(): Promise<number | null> {
  const until = Date.now() + GIVE_UP_MS;
  while (Date.now() < until) {
    const ok = await fetch(`${base}/api/health`).then((res) => res.ok, () => false);
    if (ok) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
  return null;
}

/** Whether anything beyond loopback answers: a TCP connection to a public address. */
function reachesOutside(): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "1.1.1.1", port: 80, timeout: 2_000 });
    socket.once("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve("timeout");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function tabletSees(code: string): Promise<MeetingSnapshot | string> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(base, {
    auth: { role: "attendee", code },
    transports: ["websocket"],
    reconnection: false,
  });
  return new Promise((resolve) => {
    const done = (result: MeetingSnapshot | string) => {
      clearTimeout(timer);
      socket.disconnect();
      resolve(result);
    };
    const timer = setTimeout(() => done("no meeting:updated within 10 s"), 10_000);
    socket.once("meeting:updated", (snapshot) => done(snapshot));
    socket.once("connect_error", (error) => done(`connect_error: ${error.message}`));
  });
}

const healthAt = await waitForHealth();
const result: Record<string, unknown> = { healthAt, interfaces: Object.keys(os.networkInterfaces()), outside: await reachesOutside() };
if (healthAt !== null) {
  result.health = await fetch(`${base}/api/health`).then((res) => res.json());
  const meetings = (await fetch(`${base}/api/meetings`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.json())) as Array<{
    id: string;
    title: string;
    attendeeCode: string;
  }>;
  result.meetings = meetings;
  const join = await fetch(`${base}/join`);
  const joinHtml = await join.text();
  result.join = { status: join.status, html: joinHtml };
  // The bundle the page loads (dist/hall/, carried in the pack).
  const bundle = /<script type="module" src="([^"]+)"/.exec(joinHtml)?.[1];
  result.joinBundle = bundle ? (await fetch(base + bundle)).status : "no script in the page";
  const chair = { authorization: `Bearer ${token}` };
  const meeting = meetings[0];
  if (meeting) {
    const tablet = await fetch(`${base}/join/${meeting.attendeeCode}`);
    result.tabletPage = tablet.status;
    const seen = await tabletSees(meeting.attendeeCode);
    result.tabletSocket = typeof seen === "string" ? seen : seen.meeting.title;

    const template = await fetch(`${base}/api/setup/roster-template`, { headers: chair });
    result.rosterTemplate = { status: template.status, zip: Buffer.from(await template.arrayBuffer()).subarray(0, 2).toString() === "PK" };
    const access = await fetch(`${base}/api/meetings/${meeting.id}/access?address=127.0.0.1`, { headers: chair });
    result.accessQr = ((await access.json()) as { joinQrSvg?: string }).joinQrSvg?.startsWith("<svg") ?? false;
    const speaker = typeof seen === "string" ? undefined : seen.roster[0];
    if (speaker) {
      const docx = await docxFile(wordParagraph("一、工作亮点", "Heading1") + wordParagraph("推进模范机关创建"));
      const name = encodeURIComponent("述职报告.docx");
      const upload = await fetch(`${base}/api/meetings/${meeting.id}/speakers/${speaker.id}/attachment?name=${name}`, {
        method: "PUT",
        headers: { ...chair, "content-type": "application/octet-stream" },
        body: Buffer.from(docx),
      });
      const html = await fetch(`${base}/api/attachments/${speaker.id}?code=${meeting.attendeeCode}&as=html`);
      result.report = { upload: upload.status, html: await html.text() };
    }
  }
}
console.log(JSON.stringify(result));
