// Real servers for integration tests: in-process (with an injectable clock) or as a child
// process running the real entry point (for kill -9 tests). Each gets a temp database.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { migrateDatabase } from "../../prisma/migrate";
import { freshDatabaseUrl, tempSqliteUrl } from "./databases";
import { createApplication } from "../app";
import { databaseProvider, projectRoot, sqliteFilePath } from "../platform/config";
import { openDatabase, type Db } from "../platform/db";
import { createMeeting, type MeetingSummary } from "../live/meeting-data";
import { tellerTokens } from "../live/meeting-directory";
import { demoMeeting } from "../setup/demo-meeting";
import type { ClientToServerEvents, HandshakeAuth, ServerToClientEvents } from "../domain/events";
import type { Result } from "../domain/result";
import { followMeeting } from "../domain/live-delta";
import type { MeetingSnapshot } from "../domain/snapshot";
import { systemClock, type Clock } from "../live/meeting-service";
import type { ConversionLimits } from "../attachments/report-conversion";
import type { GuessLimits } from "../platform/guess-limiter";

export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A temp SQLite database (tests that are about the SQLite file itself). */
export const tempDatabaseUrl = tempSqliteUrl;
export { freshDatabaseUrl };

export interface InProcessServer {
  url: string;
  /** The SQLite database file (its -wal and -shm beside it). */
  dbFile: string;
  /** The database's file: URL (its folder holds nothing else). */
  dbUrl: string;
  db: Db;
  chairToken: string;
  meeting: MeetingSummary;
  close(): Promise<void>;
}

/** The handshake of teller 甲 ("A") or 乙 ("B") of the server's meeting: their own link's token. */
export function tellerAuth(server: Pick<InProcessServer, "meeting" | "chairToken">, side: "A" | "B"): HandshakeAuth {
  return { role: "teller", meetingId: server.meeting.id, token: tellerTokens(server.meeting, server.chairToken)[side] };
}

export async function startInProcessServer(
  clock: Clock = systemClock,
  conversion?: ConversionLimits,
  options: { ballotMinBatch?: number; guessLimits?: Partial<GuessLimits> } = {},
): Promise<InProcessServer> {
  const dbUrl = await freshDatabaseUrl();
  await migrateDatabase(dbUrl);
  const db = await openDatabase(dbUrl);
  const meeting = await createMeeting(db, demoMeeting);
  const chairToken = "test-chair-token";
  const httpServer = http.createServer();
  const app = await createApplication(httpServer, { db, clock, chairToken, conversion, ballotMinBatch: options.ballotMinBatch, guessLimits: options.guessLimits });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    // The SQLite file (the secrecy tests read it as a thief would); "" on PostgreSQL.
    dbFile: databaseProvider(dbUrl) === "sqlite" ? sqliteFilePath(dbUrl) : "",
    dbUrl,
    db,
    chairToken,
    meeting,
    async close() {
      await app.close();
      await new Promise((resolve) => httpServer.close(resolve));
      await db.$disconnect();
    },
  };
}

export interface ChildServer {
  url: string;
  output: () => string;
  process: ChildProcess;
}

/**
 * Starts the server exactly as `npm start` does (scripts/start.mjs: the compiled server,
 * rebuilt first when the sources changed), on a free port; resolves once it listens.
 */
export function spawnServer(env: Record<string, string>): Promise<ChildServer> {
  // `node scripts/start.mjs` rather than npm: one process, so SIGKILL really kills the server.
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: projectRoot,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1].replace("localhost", "127.0.0.1"), output: () => output, process: child });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

type Follower = ReturnType<typeof followMeeting>;
/** Each test client follows its meeting as a browser does: full snapshots, deltas, resync after a gap. */
const followers = new WeakMap<TestClient, { follower: Follower; listeners: Set<(s: MeetingSnapshot) => void> }>();

function follow(socket: TestClient): void {
  const listeners = new Set<(s: MeetingSnapshot) => void>();
  const follower = followMeeting({
    onChange: (snapshot) => {
      for (const listener of [...listeners]) listener(snapshot);
    },
    requestSync: () =>
      new Promise((resolve) => socket.emit("meeting:sync", (result) => resolve(result.ok ? result.data : null))),
  });
  socket.on("meeting:updated", (snapshot) => follower.snapshot(snapshot));
  socket.on("meeting:patched", (delta) => follower.delta(delta));
  followers.set(socket, { follower, listeners });
}

/** The meeting as this client holds it now (after snapshots and deltas). */
export function heldSnapshot(socket: TestClient): MeetingSnapshot | null {
  return followers.get(socket)?.follower.current() ?? null;
}

/** A connected client, or the server's refusal as a rejected promise. */
export function connectClient(url: string, auth: HandshakeAuth, options: { follow?: boolean } = {}): Promise<TestClient> {
  const socket: TestClient = connect(url, { auth, transports: ["websocket"], reconnectionDelay: 100, reconnectionDelayMax: 500 });
  if (options.follow !== false) follow(socket);
  return new Promise((resolve, reject) => {
    const refused = (error: Error) => {
      socket.disconnect();
      reject(error);
    };
    socket.once("connect_error", refused);
    socket.once("connect", () => {
      // Later connect errors are reconnection attempts, which must go on.
      socket.off("connect_error", refused);
      resolve(socket);
    });
  });
}

/**
 * The next snapshot the client holds — from a full `meeting:updated` or a delta applied
 * to the one it had — that satisfies `predicate`.
 */
export function nextSnapshot(
  socket: TestClient,
  predicate: (s: MeetingSnapshot) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<MeetingSnapshot> {
  const followed = followers.get(socket);
  if (!followed) return Promise.reject(new Error("nextSnapshot: this client does not follow its meeting"));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      followed.listeners.delete(listener);
      reject(new Error("no matching meeting snapshot"));
    }, timeoutMs);
    const listener = (snapshot: MeetingSnapshot) => {
      if (!predicate(snapshot)) return;
      clearTimeout(timer);
      followed.listeners.delete(listener);
      resolve(snapshot);
    };
    followed.listeners.add(listener);
  });
}

/** Emits `event` with its payload and resolves with the server's ack (a Result). */
export function call<T>(client: TestClient, event: string, ...payload: unknown[]): Promise<Result<T>> {
  return new Promise((resolve) => (client.emit as (e: string, ...a: unknown[]) => void)(event, ...payload, resolve));
}

/**
 * Clients that a test connects with `join`, all disconnected by `disconnectAll` in the
 * afterEach hook, so a failing test leaves no socket behind.
 */
export function clientPool(url: () => string) {
  const clients: TestClient[] = [];
  return {
    async join(auth: HandshakeAuth, options: { follow?: boolean } = {}): Promise<TestClient> {
      const client = await connectClient(url(), auth, options);
      clients.push(client);
      return client;
    },
    disconnectAll(): void {
      for (const client of clients.splice(0)) client.disconnect();
    },
  };
}
