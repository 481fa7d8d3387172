// The 点评 outbox: every change the server has not confirmed yet, kept in localStorage and
// written synchronously on every keystroke, so a reload, a dropped connection or a server
// restart loses nothing. An entry leaves the outbox only when the server acknowledges
// exactly the text it holds. Always read-modify-write: two chair tabs share the key.
import * as z from "zod";
import { commentSaveSchema, type CommentSave, type CommentView } from "@/server/domain/comments";

/** An entry as the chair's browser holds it; createdAt orders the entries of a speaker. */
export interface CommentDraft extends CommentSave {
  createdAt: string;
}

export type OutboxOp = { kind: "save"; draft: CommentDraft } | { kind: "delete"; draft: CommentDraft };
export type Outbox = Record<string, OutboxOp>;

/** The part of `Storage` the outbox needs, so tests can pass a Map-backed one. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const draftSchema = commentSaveSchema.extend({ createdAt: z.string() });
const opSchema = z.object({ kind: z.enum(["save", "delete"]), draft: draftSchema });

export const outboxKey = (meetingId: string) => `debrief:outbox:${meetingId}`;
/** The last entries the server confirmed, shown at once on load, before (or without) a connection. */
export const commentCacheKey = (meetingId: string) => `debrief:comments:${meetingId}`;

function parseJson(text: string | null): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The outbox; an op that fails validation is dropped on its own, never the whole outbox. */
export function readOutbox(store: KeyValueStore, meetingId: string): Outbox {
  const value = parseJson(store.getItem(outboxKey(meetingId)));
  if (!value || typeof value !== "object") return {};
  const outbox: Outbox = {};
  for (const [id, raw] of Object.entries(value)) {
    const parsed = opSchema.safeParse(raw);
    if (parsed.success && parsed.data.draft.id === id) outbox[id] = parsed.data;
  }
  return outbox;
}

/** Returns false when the browser refused to store (quota, private mode). */
function writeOutbox(store: KeyValueStore, meetingId: string, outbox: Outbox): boolean {
  try {
    if (Object.keys(outbox).length === 0) store.removeItem(outboxKey(meetingId));
    else store.setItem(outboxKey(meetingId), JSON.stringify(outbox));
    return true;
  } catch {
    return false;
  }
}

/** Puts (or, with null, removes) the op of one entry. Returns false when storage failed. */
export function putOutboxOp(store: KeyValueStore, meetingId: string, id: string, op: OutboxOp | null): boolean {
  const outbox = readOutbox(store, meetingId);
  if (op) outbox[id] = op;
  else delete outbox[id];
  return writeOutbox(store, meetingId, outbox);
}

export function sameContent(a: CommentSave, b: CommentSave): boolean {
  return a.id === b.id && a.speakerId === b.speakerId && a.tag === b.tag && a.text === b.text;
}

/**
 * Called with the server's ack of `sent`: removes the entry from the outbox only if it
 * still holds exactly what was sent. Returns false when the chair typed on meanwhile.
 */
export function settleSave(store: KeyValueStore, meetingId: string, sent: CommentSave): boolean {
  const outbox = readOutbox(store, meetingId);
  const op = outbox[sent.id];
  if (!op) return true;
  if (op.kind !== "save" || !sameContent(op.draft, sent)) return false;
  delete outbox[sent.id];
  writeOutbox(store, meetingId, outbox);
  return true;
}

/** Called with the ack of a delete: removes the op unless the entry was restored meanwhile. */
export function settleDelete(store: KeyValueStore, meetingId: string, id: string): boolean {
  const outbox = readOutbox(store, meetingId);
  const op = outbox[id];
  if (!op) return true;
  if (op.kind !== "delete") return false;
  delete outbox[id];
  writeOutbox(store, meetingId, outbox);
  return true;
}

export function toDraft(comment: CommentDraft | CommentView): CommentDraft {
  return { id: comment.id, speakerId: comment.speakerId, tag: comment.tag, text: comment.text, createdAt: comment.createdAt };
}

/**
 * The entries to show: the server's, with the outbox laid over them (the outbox is newer:
 * its saves replace or add entries, its deletes hide them). Keeps the server's createdAt
 * for entries it already has, so their order does not jump.
 */
export function mergeWithOutbox(server: CommentDraft[], outbox: Outbox): Map<string, CommentDraft> {
  const merged = new Map<string, CommentDraft>();
  for (const comment of server) merged.set(comment.id, toDraft(comment));
  for (const [id, op] of Object.entries(outbox)) {
    if (op.kind === "delete") {
      merged.delete(id);
      continue;
    }
    const known = merged.get(id);
    merged.set(id, { ...op.draft, createdAt: known?.createdAt ?? op.draft.createdAt });
  }
  return merged;
}

export function readCommentCache(store: KeyValueStore, meetingId: string): CommentDraft[] {
  const value = parseJson(store.getItem(commentCacheKey(meetingId)));
  if (!Array.isArray(value)) return [];
  return value.flatMap((raw: unknown) => {
    const parsed = draftSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
}

export function writeCommentCache(store: KeyValueStore, meetingId: string, drafts: CommentDraft[]): void {
  try {
    store.setItem(commentCacheKey(meetingId), JSON.stringify(drafts));
  } catch {
    // Only a convenience for showing entries before the server answers; the outbox is what matters.
  }
}

/** Ids the server accepts (/^[A-Za-z0-9_-]{8,64}$/). randomUUID needs a secure context; a LAN http page is not one. */
export function newCommentId(): string {
  if (typeof crypto.randomUUID === "function" && globalThis.isSecureContext !== false) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `c${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
