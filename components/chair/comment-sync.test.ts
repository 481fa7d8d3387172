import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CommentSave, CommentView } from "@/server/domain/comments";
import type { Result } from "@/server/domain/result";
import { outboxKey, readOutbox, type KeyValueStore } from "./comment-outbox";
import { CommentSync, SAVE_DEBOUNCE_MS, SAVE_MAX_WAIT_MS, UNDO_WINDOW_MS, type CommentTransport } from "./comment-sync";

const MEETING = "m1";
const T0 = Date.parse("2024-01-18T01:00:00Z");

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/** A server that stores what it acks; `online` and `answer` let a test cut it off. */
function fakeServer() {
  const rows = new Map<string, CommentView>();
  const saves: CommentSave[] = [];
  const state = { online: true, answer: true };
  const view = (input: CommentSave): CommentView => ({
    ...input,
    createdAt: rows.get(input.id)?.createdAt ?? new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
  });
  const reply = <T,>(value: Result<T>): Promise<Result<T> | null> => Promise.resolve(state.answer ? value : null);
  const transport: CommentTransport = {
    connected: () => state.online,
    list: () => reply({ ok: true, data: [...rows.values()] }),
    save: (input) => {
      saves.push(input);
      if (!state.answer) return Promise.resolve(null);
      rows.set(input.id, view(input));
      return reply({ ok: true, data: view(input) });
    },
    remove: (id) => {
      if (state.answer) rows.delete(id);
      return reply({ ok: true, data: { id } });
    },
  };
  return { rows, saves, state, transport };
}

async function settle(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
}

describe("CommentSync", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it("writes every keystroke to the outbox at once and saves after the debounce", async () => {
    const store = memoryStore();
    const server = fakeServer();
    const sync = new CommentSync(MEETING, store, () => Date.now());
    sync.attach(server.transport);
    await settle();
    const id = sync.create("s1", "highlight");
    sync.edit(id, { text: "抓党建" });
    expect(readOutbox(store, MEETING)[id]?.draft.text).toBe("抓党建");
    expect(server.saves).toHaveLength(0);
    await settle(SAVE_DEBOUNCE_MS);
    expect(server.saves.map((s) => s.text)).toEqual(["抓党建"]);
    expect(store.map.has(outboxKey(MEETING))).toBe(false);
    expect(sync.getView().entries[0]).toMatchObject({ id, text: "抓党建", state: "saved" });
    sync.stop();
  });

  it("saves at least every SAVE_MAX_WAIT_MS while the chair types without a pause", async () => {
    const store = memoryStore();
    const server = fakeServer();
    const sync = new CommentSync(MEETING, store, () => Date.now());
    sync.attach(server.transport);
    await settle();
    const id = sync.create("s1", "problem");
    let text = "";
    for (let t = 0; t < SAVE_MAX_WAIT_MS + 200; t += 200) {
      text += "字";
      sync.edit(id, { text });
      await settle(200);
    }
    expect(server.saves.length).toBeGreaterThanOrEqual(1);
    sync.stop();
  });

  it("keeps text typed while disconnected and sends it on reconnect, outbox over the server list", async () => {
    const store = memoryStore();
    const server = fakeServer();
    const sync = new CommentSync(MEETING, store, () => Date.now());
    sync.attach(server.transport);
    await settle();
    const id = sync.create("s1", "highlight");
    sync.edit(id, { text: "第一句" });
    await settle(SAVE_DEBOUNCE_MS);

    server.state.online = false;
    sync.detach();
    sync.edit(id, { text: "第一句，第二句" });
    await settle(SAVE_DEBOUNCE_MS);
    expect(sync.getView().entries[0]?.state).toBe("offline");
    expect(server.rows.get(id)?.text).toBe("第一句");

    server.state.online = true;
    sync.attach(server.transport);
    await settle();
    expect(sync.getView().entries[0]).toMatchObject({ text: "第一句，第二句", state: "saved" });
    expect(server.rows.get(id)?.text).toBe("第一句，第二句");
    expect(readOutbox(store, MEETING)).toEqual({});
    sync.stop();
  });

  it("survives a reload: a new instance shows the outbox before any connection", async () => {
    const store = memoryStore();
    const first = new CommentSync(MEETING, store, () => Date.now());
    const id = first.create("s1", "suggestion");
    first.edit(id, { text: "建立整改台账" });
    first.stop();

    const reloaded = new CommentSync(MEETING, store, () => Date.now());
    expect(reloaded.getView().entries).toMatchObject([{ id, text: "建立整改台账", tag: "suggestion", state: "offline" }]);
    const server = fakeServer();
    reloaded.attach(server.transport);
    await settle();
    expect(server.rows.get(id)?.text).toBe("建立整改台账");
    reloaded.stop();
  });

  it("drops an outbox entry only when the ack matches what it holds now", async () => {
    const store = memoryStore();
    const server = fakeServer();
    const sync = new CommentSync(MEETING, store, () => Date.now());
    sync.attach(server.transport);
    await settle();
    const id = sync.create("s1", "highlight");
    server.state.answer = false; // the server goes silent: the first save is never acked
    sync.edit(id, { text: "甲" });
    await settle(SAVE_DEBOUNCE_MS);
    sync.edit(id, { text: "甲乙" });
    expect(readOutbox(store, MEETING)[id]?.draft.text).toBe("甲乙");
    server.state.answer = true;
    await settle(10_000);
    expect(server.rows.get(id)?.text).toBe("甲乙");
    expect(readOutbox(store, MEETING)).toEqual({});
    sync.stop();
  });

  it("sends at most one save per entry at a time, then the newest text", async () => {
    const store = memoryStore();
    const sent: string[] = [];
    const pending: Array<() => void> = [];
    const transport: CommentTransport = {
      connected: () => true,
      list: () => Promise.resolve({ ok: true, data: [] }),
      save: (input) => {
        sent.push(input.text);
        const data = { ...input, createdAt: new Date(T0).toISOString(), updatedAt: new Date(T0).toISOString() };
        return new Promise((resolve) => pending.push(() => resolve({ ok: true, data })));
      },
      remove: (id) => Promise.resolve({ ok: true, data: { id } }),
    };
    const sync = new CommentSync(MEETING, store, () => Date.now());
    sync.attach(transport);
    await settle();
    const id = sync.create("s1", "highlight");
    sync.edit(id, { text: "一" });
    await settle(SAVE_DEBOUNCE_MS);
    sync.edit(id, { text: "一二" });
    await settle(SAVE_DEBOUNCE_MS);
    expect(sent).toEqual(["一"]);
    pending.shift()?.();
    await settle();
    expect(sent).toEqual(["一", "一二"]);
    expect(readOutbox(store, MEETING)[id]?.draft.text).toBe("一二");
    pending.shift()?.();
    await settle();
    expect(readOutbox(store, MEETING)).toEqual({});
    expect(sync.getView().entries[0]?.state).toBe("saved");
    sync.stop();
  });

  it("deletes after the undo window, and undo keeps the entry", async () => {
    const store = memoryStore();
    const server = fakeServer();
    const sync = new CommentSync(MEETING, store, () => Date.now());
    sync.attach(server.transport);
    await settle();
    const a = sync.create("s1", "highlight");
    sync.edit(a, { text: "保留" });
    const b = sync.create("s1", "problem");
    sync.edit(b, { text: "删掉" });
    await settle(SAVE_DEBOUNCE_MS);

    sync.remove(a);
    sync.remove(b);
    expect(sync.getView().entries).toHaveLength(0);
    sync.undo(a);
    await settle(UNDO_WINDOW_MS + 100);
    expect(sync.getView().entries.map((e) => e.text)).toEqual(["保留"]);
    expect([...server.rows.values()].map((r) => r.text)).toEqual(["保留"]);
    expect(readOutbox(store, MEETING)).toEqual({});
    sync.stop();
  });

  it("ignores the echo of another tab's save while this tab holds newer text", async () => {
    const store = memoryStore();
    const server = fakeServer();
    const sync = new CommentSync(MEETING, store, () => Date.now());
    sync.attach(server.transport);
    await settle();
    const id = sync.create("s1", "highlight");
    sync.edit(id, { text: "本机较新" });
    sync.remoteSaved({ id, speakerId: "s1", tag: "highlight", text: "旧", createdAt: "x", updatedAt: "x" });
    expect(sync.getView().entries[0]?.text).toBe("本机较新");
    sync.stop();
  });

  it("shows another tab's save even while that tab's outbox (shared localStorage) still holds it", async () => {
    const store = memoryStore();
    const server = fakeServer();
    const tabA = new CommentSync(MEETING, store, () => Date.now());
    const tabB = new CommentSync(MEETING, store, () => Date.now());
    tabB.attach(server.transport);
    await settle();
    const id = tabA.create("s1", "highlight");
    tabA.edit(id, { text: "甲标签页" });
    // The broadcast reaches tab B before tab A's ack clears the outbox.
    tabB.remoteSaved({ id, speakerId: "s1", tag: "highlight", text: "甲标签页", createdAt: "t", updatedAt: "t" });
    expect(tabB.getView().entries).toMatchObject([{ id, text: "甲标签页", state: "saved" }]);
    tabA.stop();
    tabB.stop();
  });
});
