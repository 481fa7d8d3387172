"use client";
// The chair's 点评 for one meeting, kept durable by CommentSync (see comment-sync.ts):
// this hook only wires it to the meeting's socket and to React.
import { useEffect, useMemo, useSyncExternalStore } from "react";
import type { CommentTag } from "@/server/domain/comments";
import type { MeetingSocket } from "@/components/realtime/use-meeting";
import { REAL_MEETING_EPOCH } from "@/server/domain/rehearsal";
import { commentCacheKey, outboxKey, type KeyValueStore } from "./comment-outbox";
import { CommentSync, type CommentTransport, type CommentsView } from "./comment-sync";

/** How long a 点评 call waits for the server before the entry counts as unsent. */
const COMMENT_ACK_TIMEOUT_MS = 8_000;

function socketTransport(socket: MeetingSocket): CommentTransport {
  return {
    connected: () => socket.connected,
    list: () =>
      new Promise((resolve) => {
        socket.timeout(COMMENT_ACK_TIMEOUT_MS).emit("comment:list", (err, result) => resolve(err ? null : result));
      }),
    save: (input) =>
      new Promise((resolve) => {
        socket.timeout(COMMENT_ACK_TIMEOUT_MS).emit("comment:save", input, (err, result) => resolve(err ? null : result));
      }),
    remove: (id) =>
      new Promise((resolve) => {
        socket.timeout(COMMENT_ACK_TIMEOUT_MS).emit("comment:delete", { id }, (err, result) => resolve(err ? null : result));
      }),
  };
}

/** Used only if the page renders without a window (it should not: the console mounts client-side). */
function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

export interface Comments extends CommentsView {
  create: (speakerId: string, tag: CommentTag) => string;
  edit: (id: string, patch: { text?: string; tag?: CommentTag }) => void;
  remove: (id: string) => void;
  undo: (id: string) => void;
}

/**
 * `epoch`: the meeting's ballot epoch. A 彩排's 点评 are kept in this browser under their own
 * scope, so none is resent into the real meeting after 结束彩排; that scope is wiped when the
 * rehearsal ends.
 */
export function useComments(meetingId: string, socket: MeetingSocket | null, serverNow: () => number, epoch: string = REAL_MEETING_EPOCH): Comments {
  const scope = epoch === REAL_MEETING_EPOCH ? meetingId : `${meetingId}:${epoch}`;
  const sync = useMemo(
    () => new CommentSync(scope, typeof window === "undefined" ? memoryStore() : window.localStorage, serverNow),
    [scope, serverNow],
  );

  useEffect(() => {
    if (scope === meetingId) return;
    return () => {
      // The rehearsal ended (or the page closes during it: the server still holds its 点评).
      try {
        window.localStorage.removeItem(outboxKey(scope));
        window.localStorage.removeItem(commentCacheKey(scope));
      } catch {
        // Storage unavailable: nothing was kept there either.
      }
    };
  }, [scope, meetingId]);

  useEffect(() => {
    if (!socket) return;
    const transport = socketTransport(socket);
    const onConnect = () => sync.attach(transport);
    const onDisconnect = () => sync.detach();
    socket.on("connect", onConnect);
    socket.on("disconnect", onDisconnect);
    socket.on("comment:saved", sync.remoteSaved);
    socket.on("comment:deleted", sync.remoteDeleted);
    if (socket.connected) sync.attach(transport);
    return () => {
      socket.off("connect", onConnect);
      socket.off("disconnect", onDisconnect);
      socket.off("comment:saved", sync.remoteSaved);
      socket.off("comment:deleted", sync.remoteDeleted);
      sync.detach();
    };
  }, [socket, sync]);

  useEffect(() => {
    // Best effort on close; whatever does not make it stays in the outbox for the next load.
    const onHide = () => sync.flushAll();
    window.addEventListener("pagehide", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      sync.stop();
    };
  }, [sync]);

  const view = useSyncExternalStore(sync.subscribe, sync.getView, sync.getView);
  return useMemo(
    () => ({
      ...view,
      create: (speakerId: string, tag: CommentTag) => sync.create(speakerId, tag),
      edit: (id: string, patch: { text?: string; tag?: CommentTag }) => sync.edit(id, patch),
      remove: (id: string) => sync.remove(id),
      undo: (id: string) => sync.undo(id),
    }),
    [view, sync],
  );
}
