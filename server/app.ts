// Builds the server from its dependencies: HTTP API, Socket.IO and (optionally) Next on
// one http.Server. server/index.ts wires the real ones; tests pass a temp database.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import { Server } from "socket.io";
import * as z from "zod";
import zhCN from "zod/v4/locales/zh-CN.js";
import { postgresLockPool, providerOf, type Db } from "./platform/db";
import { advisoryQueue } from "./platform/advisory-queue";
import { connectRedis } from "./platform/redis-adapter";
import { createHttpApi } from "./platform/http-api";
import { chairTokenProblem } from "./platform/secrets";
import { ANY_MEETING, createGuessLimiter, type GuessKind, type GuessLimits } from "./platform/guess-limiter";
import type { TrustedProxies } from "./platform/trusted-proxies";
import { isMalformedPath, sendMalformedPath } from "./platform/malformed-path";
import { createMeetingService, type Clock } from "./live/meeting-service";
import { votingProgress } from "./voting/ballot-data";
import { createSerialQueue } from "./platform/serial-queue";
import { attachSocketHandlers, liveEvents } from "./live/socket-handlers";
import { ALL_CHAIRS_ROOM, chairRoom, meetingRoom, tellerRoom } from "./live/rooms";
import type { DebriefServer } from "./platform/socket-kit";
import { SOCKET_OPTIONS } from "./platform/socket-options";
import { throttlePerKey } from "./platform/throttle";
import { createVotingService } from "./voting/voting-service";
import { votingEvents } from "./voting/voting-socket-handlers";
import { seatRoutes } from "./voting/seat-routes";
import { createLiveMeetings } from "./live/live-meetings";
import { sqliteMeetingStore } from "./live/live-state-data";
import { postgresMeetingStore } from "./live/live-state-pg-data";
import { createMeetingDirectory, type MeetingKeys } from "./live/meeting-directory";
import { liveRoutes } from "./live/live-routes";
import { createPresence, presenceEvents, withSeatPresence } from "./live/presence";
import { createSetupRoutes } from "./setup/setup-routes";
import { createSetupService } from "./setup/setup-service";
import { createReportConverter, type ConversionLimits } from "./attachments/report-conversion";
import { contentStore } from "./attachments/attachment-content-data";
import { recordLog } from "./records/record-data";
import { paperRecordEvents } from "./records/record-events";
import { createRecordsRoutes } from "./records/records-routes";

export interface AppDeps {
  db: Db;
  clock: Clock;
  chairToken: string;
  /** Serves every non-API request (the Next app); omitted in API-only tests. */
  pages?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Every meeting's handshake keys, when already read at start (else read from the database). */
  meetingKeys?: MeetingKeys[];
  /** Report (.docx) conversion limits; the defaults in production, shorter in tests. */
  conversion?: ConversionLimits;
  /** k: the fewest electronic ballots written together (default 5, see voting/ballot-box.ts). */
  ballotMinBatch?: number;
  /** Guessing limits; the defaults in production. */
  guessLimits?: Partial<GuessLimits>;
  /** TRUST_PROXY: proxies (nginx) whose X-Forwarded-For names the client; none by default. */
  trustedProxies?: TrustedProxies;
  /**
   * Several instances serving the same meetings (REDIS_URL): broadcasts reach every instance's
   * sockets through Redis, and the instances tell each other of changes. Needs PostgreSQL.
   */
  redis?: { url: string; prefix: string };
}

const GUESSED_SECRET: Record<GuessKind, string> = { code: "会议码", token: "主持人、投屏或计票口令", seat: "座位码" };

// Validation messages that no schema words itself come out in Chinese too. Only this locale
// is imported: z.locales would bundle every language zod speaks into the start-up code.
z.config(zhCN());

/** Voting progress goes out at most this often per meeting, however fast ballots arrive. */
const PROGRESS_BROADCAST_MS = 250;

export async function createApplication(httpServer: HttpServer, deps: AppDeps) {
  const { db, clock, chairToken, pages } = deps;
  const tokenProblem = chairTokenProblem(chairToken);
  if (tokenProblem) throw new Error(tokenProblem);

  // Declared before the services so the publishers can reach it; assigned right below.
  let io: DebriefServer;
  const postgres = providerOf(db) === "postgresql";
  if (deps.redis && !postgres) throw new Error("REDIS_URL (several instances) needs a PostgreSQL DATABASE_URL");
  const redis = deps.redis ? await connectRedis(deps.redis.url, deps.redis.prefix) : undefined;
  const store = postgres ? postgresMeetingStore(db) : sqliteMeetingStore(db);
  const meetings = createLiveMeetings(store);
  // On PostgreSQL the queue also holds the meeting's advisory lock, and first drops the
  // meeting held here if another instance has changed it since.
  const queue = postgres
    ? advisoryQueue(postgresLockPool(db), createSerialQueue(), async (meetingId, connection) => {
        const held = meetings.peek(meetingId);
        // A read begun before the lock may predate another instance's change: read it again.
        if (!held) return meetings.forget(meetingId);
        const { rows } = await connection.query<{ version: number }>({
          name: "queue-version",
          text: 'SELECT "version" FROM "Meeting" WHERE "id" = $1',
          values: [meetingId],
        });
        if (rows[0]?.version !== held.snapshot.version) meetings.forget(meetingId);
      })
    : createSerialQueue();
  /** Tells the other instances the meeting is at `version` now (they drop an older copy). */
  const announce = (meetingId: string, version: number): void => {
    if (redis) io.serverSideEmit("meeting:changed", meetingId, version);
  };
  const directory = await createMeetingDirectory(db, deps.meetingKeys);
  const record = recordLog(db);
  const guesses = createGuessLimiter({
    now: () => clock.now(),
    limits: deps.guessLimits,
    trustedProxies: deps.trustedProxies,
    onBudgetExceeded: ({ meetingId, kind, failures, at }) => {
      const message = `有人在尝试猜测${GUESSED_SECRET[kind]}：1 分钟内 ${failures} 次错误尝试，已放慢所有出错的尝试。`;
      console.warn(`${new Date(at).toISOString()} ${message}`);
      io.to(meetingId === ANY_MEETING ? ALL_CHAIRS_ROOM : chairRoom(meetingId)).emit("security:alerted", { kind, failures, at, message });
    },
  });
  // Counted once per interval, not once per ballot: 300 ballots make a few queries. With
  // several instances each sends the progress to its own sockets only (so none gets it
  // twice), and the instance where ballots were counted tells the others once per interval.
  const countedHere = new Set<string>();
  const progress = throttlePerKey(PROGRESS_BROADCAST_MS, (meetingId: string, expectedVoters: number) => {
    if (redis && countedHere.delete(meetingId)) io.serverSideEmit("voting:counted", meetingId, expectedVoters);
    // Read inside the meeting's queue, so no batch of this instance's ballot box is written
    // between reading the stored count and its waiting ballots: the figure never goes down.
    queue(meetingId, async () => {
      const stored = await votingProgress(db, meetingId, expectedVoters);
      // 已提交 counts the ballots received and still waiting to be written with others.
      const value = { ...stored, electronic: stored.electronic + voting.waitingBallots(meetingId) };
      meetings.setProgress(meetingId, value);
      (redis ? io.local : io).to(meetingRoom(meetingId)).emit("voting:progressed", value);
    }).catch((error: unknown) => console.error("voting progress failed:", error));
  });
  const progressChanged = (meetingId: string, expectedVoters: number): void => {
    if (redis) countedHere.add(meetingId);
    progress(meetingId, expectedVoters);
  };
  const voting = createVotingService({
    db,
    queue,
    minBatch: deps.ballotMinBatch,
    now: () => clock.now(),
    // An instance that does not answer within the adapter's time limit (5 s: killed) told none of its tablets "counted"
    // for the ballots it held: they send them again, and after the close learn it closed.
    flushElsewhere: redis
      ? (meetingId) => io.serverSideEmitWithAck("voting:flush", meetingId).then(
          () => undefined,
          (error: unknown) => console.error("an instance did not write its waiting ballots before the close:", error),
        )
      : undefined,
    // An instance that does not answer (killed) holds no ballot box any more.
    dropElsewhere: redis
      ? (meetingId) => io.serverSideEmitWithAck("voting:rehearsal-ended", meetingId).then(
          () => undefined,
          (error: unknown) => console.error("an instance did not drop the rehearsal's waiting ballots:", error),
        )
      : undefined,
    publisher: {
      progressChanged,
      paperUpdated: (meetingId, state) => io.to(tellerRoom(meetingId)).emit("paper:updated", state),
      paperRecorded: async (meetingId, events, voided) => {
        // A rehearsal's paper count never enters the 会议纪实.
        if ((await meetings.get(meetingId))?.snapshot.live.rehearsal) return;
        for (const { at, ...event } of paperRecordEvents(events, voided)) await record.append(meetingId, at, [event]);
      },
    },
  });
  const service = createMeetingService({
    db,
    clock,
    queue,
    meetings,
    store,
    voting,
    record,
    publisher: {
      meetingUpdated: (snapshot) => {
        io.to(meetingRoom(snapshot.meeting.id)).emit("meeting:updated", snapshot);
        announce(snapshot.meeting.id, snapshot.version);
      },
      livePatched: (delta) => {
        io.to(meetingRoom(delta.meetingId)).emit("meeting:patched", delta);
        announce(delta.meetingId, delta.version);
      },
      commentSaved: (meetingId, comment) => io.to(chairRoom(meetingId)).emit("comment:saved", comment),
      commentDeleted: (meetingId, id) => io.to(chairRoom(meetingId)).emit("comment:deleted", { id }),
    },
  });

  // Meeting preparation: roster and settings changes go through the same queue as the
  // chair's commands; the meeting is read afresh and reaches every screen at once.
  const publishMeeting = async (meetingId: string): Promise<void> => {
    const record = await meetings.reload(meetingId);
    if (!record) return;
    io.to(meetingRoom(meetingId)).emit("meeting:updated", record.snapshot);
    announce(meetingId, record.snapshot.version);
  };
  const presence = createPresence(() => io, { cluster: Boolean(redis) });
  const converter = createReportConverter(deps.conversion);
  const content = contentStore(db);
  // Pieces of uploads a stopped server never finished, or of units deleted with their file.
  // Listed now, before any upload can be under way; deleted in the background.
  // With several instances another one may be mid-upload: its pieces are not orphans.
  if (!redis) void content.unnamed().then((ids) => content.removeUnlessNamed(ids)).catch((error: unknown) => console.error("report file clean-up failed:", error));
  const setup = createSetupService({ db, queue, meetings, directory, publishMeeting, now: () => clock.now(), convertDocx: converter.convert, content });
  const setupRoutes = createSetupRoutes({ db, setup, content, guesses, chairToken });

  const api = createHttpApi({
    chairToken,
    guesses,
    now: () => clock.now(),
    routes: [
      liveRoutes({ db, chairToken, service, directory, presence }),
      seatRoutes(db),
      // Before the setup routes, which answer every other /meetings/:id/… path themselves.
      createRecordsRoutes({ db, record, content, directory, now: () => clock.now() }),
      setupRoutes,
    ],
  });
  // Registered before Socket.IO attaches: engine.io keeps earlier listeners for non-socket paths.
  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/api" || req.url?.startsWith("/api/")) return api(req, res);
    if (isMalformedPath(req.url ?? "/")) return sendMalformedPath(req, res);
    if (pages) return pages(req, res);
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
  });

  io = new Server(httpServer, { ...SOCKET_OPTIONS, ...(redis && { adapter: redis.adapter }) });
  if (redis) {
    io.on("meeting:changed", (meetingId, version) => {
      const held = meetings.peek(meetingId);
      if (held && held.snapshot.version < version) meetings.forget(meetingId);
    });
    io.on("voting:counted", (meetingId, expectedVoters) => progress(meetingId, expectedVoters));
    io.on("voting:flush", (meetingId, done) => {
      voting.flushForClose(meetingId).then(done, (error: unknown) => {
        console.error("writing the waiting ballots for the close failed:", error);
        done(0);
      });
    });
    io.on("voting:rehearsal-ended", (meetingId, done) => done(voting.dropWaiting(meetingId)));
    presence.listenToInstances(io);
  }
  attachSocketHandlers(io, {
    directory,
    chairToken,
    meetings,
    guesses,
    events: [liveEvents(service), withSeatPresence(votingEvents(voting, guesses), presence), presenceEvents(presence, service, () => io)],
  });
  io.on("connection", (socket) => presence.track(socket));

  return {
    io,
    service,
    voting,
    /** Reads every known meeting into memory, so the first screens after a restart find it there. */
    async warm(meetingIds: string[]): Promise<void> {
      await Promise.all(meetingIds.map((id) => meetings.get(id)));
    },
    async close(): Promise<void> {
      progress.dispose();
      presence.dispose();
      converter.dispose();
      await io.close();
      await redis?.close();
    },
  };
}
