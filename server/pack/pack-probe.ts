// Run by pack.test.ts inside the network namespace of an unpacked pack's server (nsenter):
// waits for /api/health, then uses the console as the hall's screens would, and prints one
// JSON line with what it saw. Arguments: <port> <chair token>.
import os from "node:os";
import net from "node:net";
import { io } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../domain/events";
import type { Socket } from "socket.io-client";

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

function tabletSees(code: string): Promise<string> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(base, {
    auth: { role: "attendee", code },
    transports: ["websocket"],
    reconnection: false,
  });
  return new Promise((resolve) => {
    const done = (result: string) => {
      clearTimeout(timer);
      socket.disconnect();
      resolve(result);
    };
    const timer = setTimeout(() => done("no meeting:updated within 10 s"), 10_000);
    socket.once("meeting:updated", (snapshot) => done(snapshot.meeting.title));
    socket.once("connect_error", (error) => done(`connect_error: ${error.message}`));
  });
}

const healthAt = await waitForHealth();
const result: Record<string, unknown> = { healthAt, interfaces: Object.keys(os.networkInterfaces()), outside: await reachesOutside() };
if (healthAt !== null) {
  result.health = await fetch(`${base}/api/health`).then((res) => res.json());
  const meetings = (await fetch(`${base}/api/meetings`, { headers: { authorization: `Bearer ${token}` } }).then((res) => res.json())) as Array<{
    title: string;
    attendeeCode: string;
  }>;
  result.meetings = meetings;
  const join = await fetch(`${base}/join`);
  result.join = { status: join.status, html: await join.text() };
  const code = meetings[0]?.attendeeCode;
  if (code) {
    const tablet = await fetch(`${base}/join/${code}`);
    result.tabletPage = tablet.status;
    result.tabletSocket = await tabletSees(code);
  }
}
console.log(JSON.stringify(result));
