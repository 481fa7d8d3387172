// Keeps the chair's 点评 in step with the server without ever losing typed text.
// Every edit goes to the localStorage outbox first (synchronously), then to the server
// after a short debounce; the outbox entry is dropped only when the server acks the same
// text. On every (re)connect the server's list is merged under the outbox and the outbox
// is sent again. No React here: the hook in use-comments.ts subscribes to it.
import type { CommentSave, CommentTag, CommentView } from "@/server/domain/comments";
import type { DomainError, Result } from "@/server/domain/result";
import {
  mergeWithOutbox,
  newCommentId,
  putOutboxOp,
  readCommentCache,
  readOutbox,
  sameContent,
  settleDelete,
  settleSave,
  toDraft,
  writeCommentCache,
  type CommentDraft,
  type KeyValueStore,
} from "./comment-outbox";

/** Waits this long after the last keystroke before saving… */
export const SAVE_DEBOUNCE_MS = 400;
/** …but never longer than this while the chair types without a pause. */
export const SAVE_MAX_WAIT_MS = 2_000;
/** Unconfirmed changes are sent again this often while connected. */
export const RETRY_MS = 3_000;
/** A deleted entry can be restored this long before the delete is sent. */
export const UNDO_WINDOW_MS = 6_000;

/**
 * draft: created, nothing typed yet (not stored anywhere); pending: typed, waiting for the
 * debounce; saving: sent, waiting for the ack; offline: no connection, kept in the outbox;
 * error: the server refused, kept in the outbox.
 */
export type SaveState = "draft" | "pending" | "saving" | "saved" | "offline" | "error";

export interface PadEntry extends CommentDraft {
  state: SaveState;
  error: DomainError | null;
}

export interface DeletedEntry {
  draft: CommentDraft;
}

export interface CommentsView {
  entries: PadEntry[];
  /** Deleted within the undo window, newest last. */
  deleted: DeletedEntry[];
  /** True once the server's list has been merged at least once since load. */
  loaded: boolean;
  /** False when localStorage refused a write: typed text then lives only in this page. */
  storageOk: boolean;
}

/** The three calls the sync needs; null means "no answer" (timeout or disconnect). */
export interface CommentTransport {
  connected(): boolean;
  list(): Promise<Result<CommentView[]> | null>;
  save(input: CommentSave): Promise<Result<CommentView> | null>;
  remove(id: string): Promise<Result<{ id: string }> | null>;
}

/** Refusals that sending the same thing again cannot cure. */
const FINAL_ERRORS = new Set<DomainError["code"]>(["invalid", "not_found", "unauthorized"]);

function byCreation(a: CommentDraft, b: CommentDraft): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class CommentSync {
  private readonly entries = new Map<string, PadEntry>();
  /** What the server is known to hold, for the cache shown on the next load. */
  private readonly serverCopy = new Map<string, CommentDraft>();
  private readonly debounces = new Map<string, { handle: ReturnType<typeof setTimeout>; firstAt: number }>();
  private readonly undoTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Entry id → connection generation it was sent on: at most one save in flight per entry. */
  private readonly inFlight = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private deleted: DeletedEntry[] = [];
  private transport: CommentTransport | null = null;
  private generation = 0;
  private retry: ReturnType<typeof setInterval> | null = null;
  private listed = false;
  private loaded = false;
  private storageOk = true;
  private view: CommentsView;

  constructor(
    private readonly meetingId: string,
    private readonly store: KeyValueStore,
    /** Server time (epoch ms), used to stamp new entries. */
    private readonly clock: () => number,
  ) {
    for (const draft of readCommentCache(store, meetingId)) this.serverCopy.set(draft.id, draft);
    const outbox = readOutbox(store, meetingId);
    for (const draft of mergeWithOutbox([...this.serverCopy.values()], outbox).values()) {
      this.entries.set(draft.id, { ...draft, state: outbox[draft.id] ? "offline" : "saved", error: null });
    }
    this.view = this.buildView();
  }

  // ---- React subscription ----------------------------------------------------------

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getView = (): CommentsView => this.view;

  private buildView(): CommentsView {
    return {
      entries: [...this.entries.values()].sort(byCreation),
      deleted: [...this.deleted],
      loaded: this.loaded,
      storageOk: this.storageOk,
    };
  }

  private notify(): void {
    this.view = this.buildView();
    for (const listener of this.listeners) listener();
  }

  // ---- connection -------------------------------------------------------------------

  /** Called on every connect: merge the server's list under the outbox, then resend. */
  attach(transport: CommentTransport): void {
    this.transport = transport;
    this.generation += 1;
    this.listed = false;
    if (this.retry) clearInterval(this.retry);
    this.retry = setInterval(() => this.retryAll(), RETRY_MS);
    void this.resync();
  }

  detach(): void {
    this.transport = null;
    this.generation += 1;
    this.inFlight.clear();
    if (this.retry) clearInterval(this.retry);
    this.retry = null;
    let changed = false;
    for (const [id, entry] of this.entries) {
      if (entry.state === "pending" || entry.state === "saving") {
        this.entries.set(id, { ...entry, state: "offline" });
        changed = true;
      }
    }
    if (changed) this.notify();
  }

  /** Stops every timer; the outbox keeps what was not sent, for the next load. */
  stop(): void {
    this.detach();
    for (const { handle } of this.debounces.values()) clearTimeout(handle);
    this.debounces.clear();
    for (const handle of this.undoTimers.values()) clearTimeout(handle);
    this.undoTimers.clear();
    this.deleted = [];
  }

  private async resync(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    const generation = this.generation;
    const result = await transport.list();
    if (generation !== this.generation) return;
    // No answer: retryAll() asks again, since `listed` stays false.
    if (!result || !result.ok) return;
    this.listed = true;
    this.serverCopy.clear();
    for (const comment of result.data) this.serverCopy.set(comment.id, toDraft(comment));
    this.writeCache();

    const outbox = readOutbox(this.store, this.meetingId);
    const merged = mergeWithOutbox(result.data, outbox);
    const blanks = [...this.entries.values()].filter((e) => e.state === "draft" && !merged.has(e.id));
    const previous = new Map(this.entries);
    this.entries.clear();
    for (const draft of merged.values()) {
      const before = previous.get(draft.id);
      this.entries.set(draft.id, { ...draft, state: outbox[draft.id] ? (before?.state ?? "offline") : "saved", error: before?.error ?? null });
    }
    for (const blank of blanks) this.entries.set(blank.id, blank);
    this.loaded = true;
    this.notify();
    for (const id of Object.keys(outbox)) {
      if (!this.undoTimers.has(id) && !this.debounces.has(id)) this.flush(id);
    }
  }

  private retryAll(): void {
    if (!this.transport?.connected()) return;
    if (!this.listed) {
      void this.resync();
      return;
    }
    for (const id of Object.keys(readOutbox(this.store, this.meetingId))) {
      if (this.inFlight.has(id) || this.debounces.has(id) || this.undoTimers.has(id)) continue;
      const error = this.entries.get(id)?.error;
      if (error && FINAL_ERRORS.has(error.code)) continue;
      this.flush(id);
    }
  }

  // ---- the chair's edits -------------------------------------------------------------

  /** A blank entry; it is stored (and sent) once something is typed or its tag changes. */
  create(speakerId: string, tag: CommentTag): string {
    const id = newCommentId();
    const createdAt = new Date(this.clock()).toISOString();
    this.entries.set(id, { id, speakerId, tag, text: "", createdAt, state: "draft", error: null });
    this.notify();
    return id;
  }

  edit(id: string, patch: { text?: string; tag?: CommentTag }): void {
    const current = this.entries.get(id);
    if (!current) return;
    const next: PadEntry = {
      ...current,
      ...patch,
      state: this.transport?.connected() ? "pending" : "offline",
      error: null,
    };
    this.entries.set(id, next);
    // Synchronously, before anything else can go wrong: this is what survives a reload.
    this.setStorageOk(putOutboxOp(this.store, this.meetingId, id, { kind: "save", draft: toDraft(next) }));
    this.schedule(id);
    this.notify();
  }

  /** Hides the entry at once; the delete is sent after the undo window. */
  remove(id: string): void {
    const current = this.entries.get(id);
    if (!current) return;
    this.clearDebounce(id);
    this.entries.delete(id);
    if (current.state === "draft") {
      this.notify();
      return;
    }
    const draft = toDraft(current);
    this.setStorageOk(putOutboxOp(this.store, this.meetingId, id, { kind: "delete", draft }));
    this.deleted = [...this.deleted.filter((d) => d.draft.id !== id), { draft }];
    this.undoTimers.set(
      id,
      setTimeout(() => {
        this.undoTimers.delete(id);
        this.deleted = this.deleted.filter((d) => d.draft.id !== id);
        this.notify();
        this.flush(id);
      }, UNDO_WINDOW_MS),
    );
    this.notify();
  }

  undo(id: string): void {
    const found = this.deleted.find((d) => d.draft.id === id);
    if (!found) return;
    const handle = this.undoTimers.get(id);
    if (handle) clearTimeout(handle);
    this.undoTimers.delete(id);
    this.deleted = this.deleted.filter((d) => d.draft.id !== id);
    // Saved again rather than just dropping the delete: the entry may have had unsent edits.
    this.setStorageOk(putOutboxOp(this.store, this.meetingId, id, { kind: "save", draft: found.draft }));
    this.entries.set(id, { ...found.draft, state: this.transport?.connected() ? "pending" : "offline", error: null });
    this.notify();
    this.flush(id);
  }

  /** Sends every waiting edit now (the page is being hidden or closed). */
  flushAll(): void {
    for (const id of [...this.debounces.keys()]) {
      this.clearDebounce(id);
      this.flush(id);
    }
  }

  // ---- broadcasts from the server (this or another chair tab) ---------------------------

  readonly remoteSaved = (comment: CommentView): void => {
    this.serverCopy.set(comment.id, toDraft(comment));
    this.writeCache();
    // The outbox is shared by this browser's chair tabs and is newer than anything the
    // server echoes back: while it holds the entry, show its text, not the broadcast's.
    const op = readOutbox(this.store, this.meetingId)[comment.id];
    if (op?.kind === "delete") return;
    const known = this.entries.get(comment.id);
    if (op?.kind === "save") {
      const state = sameContent(op.draft, comment) ? "saved" : (known?.state ?? "pending");
      this.entries.set(comment.id, { ...op.draft, createdAt: comment.createdAt, state, error: null });
    } else {
      this.entries.set(comment.id, { ...toDraft(comment), state: "saved", error: null });
    }
    this.notify();
  };

  readonly remoteDeleted = ({ id }: { id: string }): void => {
    this.serverCopy.delete(id);
    this.writeCache();
    const op = readOutbox(this.store, this.meetingId)[id];
    if (op?.kind === "save") {
      // Deleted elsewhere while this browser holds unsent text: keep the text, save it again.
      this.flush(id);
      return;
    }
    if (this.entries.delete(id)) this.notify();
  };

  // ---- sending -----------------------------------------------------------------------

  private schedule(id: string): void {
    const now = Date.now();
    const existing = this.debounces.get(id);
    if (existing) clearTimeout(existing.handle);
    const firstAt = existing?.firstAt ?? now;
    const wait = Math.max(0, Math.min(SAVE_DEBOUNCE_MS, firstAt + SAVE_MAX_WAIT_MS - now));
    const handle = setTimeout(() => {
      this.debounces.delete(id);
      this.flush(id);
    }, wait);
    this.debounces.set(id, { handle, firstAt });
  }

  private clearDebounce(id: string): void {
    const existing = this.debounces.get(id);
    if (existing) clearTimeout(existing.handle);
    this.debounces.delete(id);
  }

  private flush(id: string): void {
    const op = readOutbox(this.store, this.meetingId)[id];
    if (!op) return;
    const transport = this.transport;
    if (!transport || !transport.connected()) {
      this.mark(id, "offline", null);
      return;
    }
    // The ack handler sends again if the outbox changed while this one was on its way.
    if (this.inFlight.has(id)) return;
    const generation = this.generation;
    this.inFlight.set(id, generation);
    const done = () => {
      if (this.inFlight.get(id) === generation) this.inFlight.delete(id);
    };

    if (op.kind === "delete") {
      void transport.remove(id).then((result) => {
        done();
        if (result?.ok) settleDelete(this.store, this.meetingId, id);
      });
      return;
    }

    const sent: CommentSave = { id, speakerId: op.draft.speakerId, tag: op.draft.tag, text: op.draft.text };
    this.mark(id, "saving", null);
    void transport.save(sent).then((result) => {
      done();
      if (!result) return this.mark(id, "offline", null);
      if (!result.ok) return this.mark(id, "error", result.error);
      this.serverCopy.set(id, toDraft(result.data));
      this.writeCache();
      if (settleSave(this.store, this.meetingId, sent)) {
        const entry = this.entries.get(id);
        if (entry) this.entries.set(id, { ...entry, createdAt: result.data.createdAt, state: "saved", error: null });
        this.notify();
      } else if (!this.debounces.has(id) && generation === this.generation) {
        this.flush(id);
      }
    });
  }

  private mark(id: string, state: SaveState, error: DomainError | null): void {
    const entry = this.entries.get(id);
    if (!entry || (entry.state === state && entry.error === error)) return;
    // A newer keystroke outranks the news about an older send.
    if (entry.state === "pending" && state === "saving" && this.debounces.has(id)) return;
    this.entries.set(id, { ...entry, state, error });
    this.notify();
  }

  private setStorageOk(ok: boolean): void {
    if (ok === this.storageOk) return;
    this.storageOk = ok;
    this.notify();
  }

  private writeCache(): void {
    writeCommentCache(this.store, this.meetingId, [...this.serverCopy.values()]);
  }
}
