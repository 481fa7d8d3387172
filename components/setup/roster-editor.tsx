"use client";
// Step 2, 述职名单: the units in speaking order. Reorder by dragging a row, by keyboard
// (the ⠿ handle, then Alt+↑ / Alt+↓) or with the ↑ ↓ buttons; 抽签 draws a random order and
// keeps a record of it. On the day the same page adds, moves and removes upcoming units,
// and the projector and tablets follow at once.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import { reportStatus } from "@/components/attendee/report-list";
import type { RosterView } from "@/server/domain/snapshot";
import { isCurrentSpeaker, removalDecision } from "@/server/setup/setup-rules";
import type { LotDrawView, LotScope } from "@/server/setup/setup-schemas";
import { Button, Card, ConfirmDialog, msToMinutes, Notice } from "./form-controls";
import { useSetup } from "./setup-context";
import { SpeakerForm } from "./speaker-form";

/** "2026-11-28 09:12", in the browser's time zone (the hall's). */
export function formatDrawTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function lotDrawText(draw: LotDrawView): string {
  return `${formatDrawTime(draw.drawnAt)} 抽签结果：${draw.units.map((unit, i) => `${i + 1}. ${unit}`).join("　")}`;
}

function moved(order: string[], id: string, to: number): string[] {
  const next = order.filter((x) => x !== id);
  next.splice(Math.max(0, Math.min(to, next.length)), 0, id);
  return next;
}

type Flash = { tone: "success" | "error" | "info"; text: string } | null;

export function RosterEditor() {
  const { view, meetingId, request, reload } = useSetup();
  const { snapshot, locks, commentCounts, lotDraws } = view;
  const serverOrder = snapshot.roster.map((e) => e.id);
  const [order, setOrder] = useState(serverOrder);
  const [dragId, setDragId] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [flash, setFlash] = useState<Flash>(null);
  const [announcement, setAnnouncement] = useState("");
  const [removing, setRemoving] = useState<{ entry: RosterView; message: string; kind: "plain" | "confirm" | "refused" } | null>(null);
  const [lots, setLots] = useState<{ open: boolean; scope: LotScope; busy: boolean }>({ open: false, scope: "onsite", busy: false });
  const [busy, setBusy] = useState(false);
  const handles = useRef(new Map<string, HTMLButtonElement>());
  const refocus = useRef<string | null>(null);
  const params = useSearchParams();

  // Follow the server's order whenever it changes (our save, the chair, another organiser).
  const serverKey = serverOrder.join(",");
  useEffect(() => {
    if (!dragId) setOrder(serverKey ? serverKey.split(",") : []);
    // dragId is deliberately left out: the order must not jump back in the middle of a drag.
  }, [serverKey]);

  useEffect(() => {
    const imported = params.get("imported");
    if (imported) setFlash({ tone: "success", text: `已导入 ${imported} 个单位。请核对顺序；需要抽签的，点“抽签排序”。` });
  }, [params]);

  useEffect(() => {
    if (refocus.current) {
      handles.current.get(refocus.current)?.focus();
      refocus.current = null;
    }
  });

  const byId = new Map(snapshot.roster.map((e) => [e.id, e]));
  const entries = order.map((id) => byId.get(id)).filter((e): e is RosterView => !!e);
  const onsite = entries.filter((e) => e.mode === "onsite").length;

  async function commitOrder(next: string[], announce: string | null) {
    if (next.join(",") === serverKey) return;
    setOrder(next);
    setBusy(true);
    const result = await request(`/api/meetings/${encodeURIComponent(meetingId)}/order`, { method: "PUT", json: { order: next } });
    setBusy(false);
    if (!result.ok) {
      setOrder(serverOrder);
      setFlash({ tone: "error", text: `顺序未保存：${result.message}` });
      return;
    }
    if (announce) setAnnouncement(announce);
    await reload();
  }

  function moveBy(entry: RosterView, delta: number) {
    if (locks.order) return;
    const index = order.indexOf(entry.id);
    const to = index + delta;
    if (to < 0 || to >= order.length) return;
    refocus.current = entry.id;
    void commitOrder(moved(order, entry.id, to), `${entry.unit} 已移到第 ${to + 1} 位`);
  }

  function onHandleKey(event: KeyboardEvent, entry: RosterView) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    moveBy(entry, event.key === "ArrowUp" ? -1 : 1);
  }

  // The drag lives in a ref as well as in state: dragover and dragend can arrive before React
  // has rendered the previous event, and the order saved must be the one the organiser saw.
  const drag = useRef<{ id: string; order: string[] } | null>(null);
  const dragEvents = (entry: RosterView) => ({
    draggable: editing === null && !busy && !locks.order,
    onDragStart: (event: DragEvent) => {
      drag.current = { id: entry.id, order };
      setDragId(entry.id);
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", entry.unit);
    },
    onDragOver: (event: DragEvent) => {
      const current = drag.current;
      if (!current) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      if (current.id === entry.id) return;
      const next = moved(current.order, current.id, current.order.indexOf(entry.id));
      drag.current = { id: current.id, order: next };
      setOrder(next);
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault();
    },
    onDragEnd: () => {
      const done = drag.current;
      drag.current = null;
      setDragId(null);
      const unit = done ? byId.get(done.id)?.unit : null;
      if (done && unit) void commitOrder(done.order, `${unit} 已移到第 ${done.order.indexOf(done.id) + 1} 位`);
    },
  });

  /** The same rule the server applies, to explain before asking: refused, confirm, or plain remove. */
  function askRemove(entry: RosterView) {
    const decision = removalDecision(snapshot.live, entry, commentCounts[entry.id] ?? 0, false);
    if (decision.kind === "refused") setRemoving({ entry, kind: "refused", message: decision.message });
    else if (decision.kind === "confirm") setRemoving({ entry, kind: "confirm", message: decision.message });
    else setRemoving({ entry, kind: "plain", message: `确定要从名单中移除“${entry.unit} ${entry.name}”吗？${entry.attachment ? "上传的材料文件将一并删除。" : ""}` });
  }

  async function remove() {
    if (!removing) return;
    if (removing.kind === "refused") return setRemoving(null);
    setBusy(true);
    const result = await request<{ removed: string }>(
      `/api/meetings/${encodeURIComponent(meetingId)}/speakers/${encodeURIComponent(removing.entry.id)}${removing.kind === "confirm" ? "?confirm=1" : ""}`,
      { method: "DELETE" },
    );
    setBusy(false);
    if (!result.ok && result.confirmRequired) {
      // It reported while the dialog was open: ask again, now with the server's words.
      setRemoving({ ...removing, kind: "confirm", message: result.message });
      return;
    }
    setRemoving(null);
    if (!result.ok) return setFlash({ tone: "error", text: result.message });
    setFlash({ tone: "success", text: `已从名单中移除：${result.data.removed}` });
    await reload();
  }

  async function drawLots() {
    setLots((l) => ({ ...l, busy: true }));
    const result = await request<LotDrawView>(`/api/meetings/${encodeURIComponent(meetingId)}/lots`, { method: "POST", json: { scope: lots.scope } });
    setLots({ open: false, scope: lots.scope, busy: false });
    if (!result.ok) return setFlash({ tone: "error", text: result.message });
    setFlash(null);
    await reload();
  }

  const latestDraw = lotDraws[0];

  return (
    <div className="space-y-6">
      <Card
        title="述职名单"
        description={
          <>
            共 {entries.length} 个单位：现场述职 {onsite} 个，书面述职 {entries.length - onsite} 个。按此顺序述职，现场述职的单位排在书面述职之前。
          </>
        }
        actions={
          <>
            <Link
              href={`/setup/${encodeURIComponent(meetingId)}/import`}
              data-testid="roster-import-link"
              className="inline-flex min-h-10 items-center rounded-lg bg-white px-4 text-[15px] font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
            >
              从 Excel / WPS 导入
            </Link>
            <Button onClick={() => setLots((l) => ({ ...l, open: true }))} disabled={!!locks.lots || entries.length < 2} title={locks.lots ?? undefined} data-testid="roster-draw-lots">
              抽签排序
            </Button>
            <Button
              tone="primary"
              onClick={() => {
                setAdding(true);
                setEditing(null);
              }}
              disabled={!!locks.roster}
              title={locks.roster ?? undefined}
              data-testid="roster-add"
            >
              ＋ 添加单位
            </Button>
          </>
        }
      >
        <div className="space-y-3">
          {flash && (
            <Notice tone={flash.tone} testId="roster-flash">
              {flash.text}
            </Notice>
          )}
          {latestDraw && (
            <Notice tone="info" testId="roster-lot-result">
              {lotDrawText(latestDraw)}
            </Notice>
          )}
          {locks.order && <Notice tone="warning">{locks.order}</Notice>}
          {locks.roster && !locks.order && <Notice tone="warning">{locks.roster}</Notice>}
          {adding && (
            <div className="rounded-xl bg-red-50/40 p-4 ring-2 ring-red-200">
              <h3 className="mb-3 font-bold text-slate-900">添加单位</h3>
              <SpeakerForm
                entry={null}
                modeLocked={null}
                evaluatedLocked={null}
                onDone={(message) => {
                  setAdding(false);
                  if (message) setFlash({ tone: "success", text: `${message}。新单位排在同类（现场/书面）单位的最后，可再调整。` });
                }}
              />
            </div>
          )}
          {entries.length === 0 ? (
            <Notice tone="info">
              名单还是空的：点“从 Excel / WPS 导入”导入去年的名单或模板，也可以点“添加单位”逐个录入。
            </Notice>
          ) : (
            <>
              {!locks.order && (
                <p className="text-sm text-slate-600" id="reorder-help">
                  调整顺序：按住一行拖动；或点一下行首的 ⠿，再按 Alt+↑ / Alt+↓；也可以点 ↑ ↓ 按钮。
                </p>
              )}
              <ol className="divide-y divide-slate-200 rounded-xl ring-1 ring-slate-200" data-testid="roster-list" aria-describedby={locks.order ? undefined : "reorder-help"}>
                {entries.map((entry, index) => (
                  <RosterRow
                    key={entry.id}
                    entry={entry}
                    index={index}
                    count={entries.length}
                    dragging={dragId === entry.id}
                    editing={editing === entry.id}
                    comments={commentCounts[entry.id] ?? 0}
                    removeLocked={locks.roster}
                    orderLocked={locks.order}
                    dragEvents={dragEvents(entry)}
                    handleRef={(el) => {
                      if (el) handles.current.set(entry.id, el);
                      else handles.current.delete(entry.id);
                    }}
                    onHandleKey={(event) => onHandleKey(event, entry)}
                    onMove={(delta) => moveBy(entry, delta)}
                    onEdit={() => {
                      setEditing(editing === entry.id ? null : entry.id);
                      setAdding(false);
                    }}
                    onRemove={() => askRemove(entry)}
                    onEdited={(message) => {
                      setEditing(null);
                      if (message) setFlash({ tone: "success", text: message });
                    }}
                  />
                ))}
              </ol>
            </>
          )}
          <p aria-live="polite" className="sr-only">
            {announcement}
          </p>
        </div>
      </Card>

      {lotDraws.length > 0 && (
        <Card title="抽签记录" description="每次抽签的时间和结果都会保留。">
          <ul className="space-y-2 text-[15px] text-slate-800" data-testid="lot-history">
            {lotDraws.map((draw) => (
              <li key={draw.id} className="rounded-lg bg-slate-50 px-4 py-2 ring-1 ring-slate-200">
                {lotDrawText(draw)}
              </li>
            ))}
          </ul>
        </Card>
      )}

      <ConfirmDialog
        open={lots.open}
        title="抽签决定述职顺序"
        confirmLabel="开始抽签"
        tone="primary"
        busy={lots.busy}
        onConfirm={() => void drawLots()}
        onCancel={() => setLots((l) => ({ ...l, open: false }))}
      >
        <p>由系统随机抽取顺序（不可预测），抽签结果和时间会记录在案。当前顺序将被替换。</p>
        <fieldset className="mt-4 space-y-2">
          <legend className="font-medium text-slate-900">抽签范围</legend>
          <label className="flex items-start gap-2">
            <input type="radio" name="lot-scope" className="mt-1.5 accent-red-700" checked={lots.scope === "onsite"} onChange={() => setLots((l) => ({ ...l, scope: "onsite" }))} />
            <span>只抽现场述职的单位（书面述职单位顺序不变）</span>
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="lot-scope" className="mt-1.5 accent-red-700" checked={lots.scope === "all"} onChange={() => setLots((l) => ({ ...l, scope: "all" }))} />
            <span>全部单位（现场述职、书面述职分别抽签，现场述职仍在前）</span>
          </label>
        </fieldset>
      </ConfirmDialog>

      <ConfirmDialog
        open={!!removing}
        title={removing?.kind === "refused" ? "不能移除" : "从名单中移除"}
        confirmLabel={removing?.kind === "refused" ? "知道了" : removing?.kind === "confirm" ? "确认移除" : "移除"}
        cancelLabel={removing?.kind === "refused" ? null : undefined}
        tone={removing?.kind === "refused" ? "primary" : "danger"}
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setRemoving(null)}
      >
        <p data-testid="remove-message">{removing?.message}</p>
      </ConfirmDialog>
    </div>
  );
}

function RosterRow(props: {
  entry: RosterView;
  index: number;
  count: number;
  dragging: boolean;
  editing: boolean;
  comments: number;
  removeLocked: string | null;
  /** Why the order cannot change (the meeting has ended), or null. */
  orderLocked: string | null;
  dragEvents: Record<string, unknown>;
  handleRef: (el: HTMLButtonElement | null) => void;
  onHandleKey: (event: KeyboardEvent) => void;
  onMove: (delta: number) => void;
  onEdit: () => void;
  onRemove: () => void;
  onEdited: (message: string | null) => void;
}) {
  const { entry, index, count, comments } = props;
  const { view } = useSetup();
  const live = view.snapshot.live;
  const record = live.records[entry.id];
  const current = isCurrentSpeaker(live, entry.id);
  const started = live.cursor.item !== "pending" || Object.keys(live.records).length > 0;
  const modeLocked = current ? "正在述职或点评，不能更改述职方式。" : record?.status === "done" ? "已述职，不能更改述职方式。" : null;

  return (
    <li
      {...props.dragEvents}
      data-testid={`roster-row-${index + 1}`}
      data-unit={entry.unit}
      className={`bg-white first:rounded-t-xl last:rounded-b-xl ${props.dragging ? "opacity-40" : ""} ${current ? "bg-red-50" : ""}`}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 px-3 py-3 sm:flex-nowrap">
        <button
          ref={props.handleRef}
          type="button"
          disabled={!!props.orderLocked}
          title={props.orderLocked ?? undefined}
          onKeyDown={props.onHandleKey}
          aria-label={`调整顺序：${entry.unit}，第 ${index + 1} 位。按 Alt+↑ 或 Alt+↓ 移动`}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
          data-testid="roster-handle"
          className="cursor-grab rounded px-1.5 py-1 text-xl leading-none text-slate-600 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-red-700 active:cursor-grabbing disabled:cursor-not-allowed disabled:text-slate-300 disabled:hover:bg-transparent"
        >
          ⠿
        </button>
        <span className="tabular w-7 shrink-0 text-center text-lg font-bold text-slate-600">{index + 1}</span>
        <div className="min-w-0 flex-1 basis-56">
          <p className="text-[16px] leading-snug font-bold text-slate-900" data-testid="roster-unit">
            {entry.unit}
          </p>
          <p className="text-sm text-slate-600">
            {entry.title} {entry.name}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-1.5 text-sm">
          <span className={`rounded-full px-2.5 py-0.5 ring-1 ${entry.mode === "onsite" ? "bg-white text-slate-700 ring-slate-300" : "bg-slate-100 text-slate-600 ring-slate-200"}`}>
            {entry.mode === "onsite" ? "现场述职" : "书面述职"}
          </span>
          {entry.mode === "onsite" && entry.limitMs !== null && <span className="rounded-full bg-sky-50 px-2.5 py-0.5 text-sky-800 ring-1 ring-sky-200">时限 {msToMinutes(entry.limitMs)} 分钟</span>}
          {!entry.evaluated && <span className="rounded-full bg-amber-50 px-2.5 py-0.5 text-amber-800 ring-1 ring-amber-200">不参加测评</span>}
          {(entry.attachment || entry.reportText.trim()) && (
            <span className="rounded-full bg-emerald-50 px-2.5 py-0.5 text-emerald-800 ring-1 ring-emerald-200" title={entry.attachment?.fileName}>
              {entry.attachment ? "有材料文件" : "有文字材料"}
            </span>
          )}
          {comments > 0 && <span className="rounded-full bg-violet-50 px-2.5 py-0.5 text-violet-800 ring-1 ring-violet-200">点评 {comments} 条</span>}
          {started && <LiveChip entry={entry} />}
        </div>
        <div className="flex shrink-0 items-center gap-1">
          <Button tone="quiet" className="!px-2.5" aria-label={`上移 ${entry.unit}`} disabled={index === 0 || !!props.orderLocked} title={props.orderLocked ?? undefined} onClick={() => props.onMove(-1)}>
            ↑
          </Button>
          <Button tone="quiet" className="!px-2.5" aria-label={`下移 ${entry.unit}`} disabled={index === count - 1 || !!props.orderLocked} title={props.orderLocked ?? undefined} onClick={() => props.onMove(1)}>
            ↓
          </Button>
          <Button tone="quiet" onClick={props.onEdit} aria-expanded={props.editing} aria-label={`编辑 ${entry.unit}`}>
            {props.editing ? "收起" : "编辑"}
          </Button>
          <Button tone="quiet" className="!text-red-700 hover:!text-red-800 disabled:!text-slate-300" onClick={props.onRemove} disabled={!!props.removeLocked} title={props.removeLocked ?? undefined} aria-label={`移除 ${entry.unit}`}>
            移除
          </Button>
        </div>
      </div>
      {props.editing && (
        <div className="border-t border-slate-200 bg-slate-50/60 px-4 py-4 sm:pl-20">
          <SpeakerForm entry={entry} modeLocked={modeLocked} evaluatedLocked={props.removeLocked ? "民主测评已开始，不能更改。" : null} onDone={props.onEdited} />
        </div>
      )}
    </li>
  );
}

const LIVE_TONE = {
  waiting: "bg-white text-slate-600 ring-slate-200",
  current: "bg-red-700 text-white ring-red-700",
  done: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  skipped: "bg-slate-100 text-slate-600 ring-slate-200 line-through",
} as const;

/** Where the unit stands on the day, in the tablets' words (待述职 / 正在述职 / 已述职（用时 5:12）…). */
function LiveChip({ entry }: { entry: RosterView }) {
  const { view } = useSetup();
  const status = reportStatus(entry, view.snapshot.live);
  // A written unit not yet opened just says 书面述职 again: the mode chip already does.
  if (status.tone === "waiting" && entry.mode === "written") return null;
  return <span className={`tabular rounded-full px-2.5 py-0.5 font-medium ring-1 ${LIVE_TONE[status.tone]}`}>{status.text}</span>;
}
