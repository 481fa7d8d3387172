// Builds the server from its dependencies: HTTP API, Socket.IO and (optionally) Next on
// one http.Server. server/index.ts wires the real ones; tests pass a temp database.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import { Server } from "socket.io";
import type { Db } from "./data/db";
import { createHttpApi } from "./http-api";
import { createMeetingService, type Clock } from "./meeting-service";
import { attachSocketHandlers, chairRoom, meetingRoom, type DebriefServer } from "./socket-handlers";

export interface AppDeps {
  db: Db;
  clock: Clock;
  chairToken: string;
  /** Serves every non-API request (the Next app); omitted in API-only tests. */
  pages?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** Socket.IO drops a client whose single message exceeds this. */
const MAX_SOCKET_MESSAGE_BYTES = 256 * 1024;

export function createApplication(httpServer: HttpServer, deps: AppDeps) {
  const { db, clock, chairToken, pages } = deps;

  // Declared before the service so the publisher can reach it; assigned right below.
  let io: DebriefServer;
  const service = createMeetingService({
    db,
    clock,
    publisher: {
      meetingUpdated: (snapshot) => io.to(meetingRoom(snapshot.meeting.id)).emit("meeting:updated", snapshot),
      commentSaved: (meetingId, comment) => io.to(chairRoom(meetingId)).emit("comment:saved", comment),
      commentDeleted: (meetingId, id) => io.to(chairRoom(meetingId)).emit("comment:deleted", { id }),
    },
  });

  const api = createHttpApi({ db, chairToken, service });
  // Registered before Socket.IO attaches: engine.io keeps earlier listeners for non-socket paths.
  httpServer.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === "/api" || req.url?.startsWith("/api/")) return api(req, res);
    if (pages) return pages(req, res);
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
  });

  io = new Server(httpServer, { maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES, serveClient: false });
  attachSocketHandlers(io, db, chairToken, service);

  return {
    io,
    service,
    async close(): Promise<void> {
      await io.close();
    },
  };
}
