"use client";
// 整改跟踪 (/setup/<id>/rectification): every 问题 / 建议 of the meeting as a 整改事项 with its
// 整改措施, 责任人, 完成时限, 状态 and dated 进展 notes; filters by unit and status, and a
// progress bar per unit.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useSetup } from "@/components/setup/setup-context";
import { RECTIFICATION_STATUS_LABELS, RECTIFICATION_STATUSES, type RectificationStatus } from "@/server/records/dossier";
import type { RectificationView } from "@/server/records/records-service";

type Item = RectificationView["items"][number];

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

const isDone = (status: RectificationStatus) => status === "done" || status === "closed";

export function RectificationBoard() {
  const { meetingId, request } = useSetup();
  const [view, setView] = useState<RectificationView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [unit, setUnit] = useState("");
  const [status, setStatus] = useState<"" | RectificationStatus>("");
  const base = `/api/meetings/${encodeURIComponent(meetingId)}/rectification`;

  const load = useCallback(async () => {
    const result = await request<RectificationView>(base);
    if (result.ok) setView(result.data);
    else setMessage(result.message);
  }, [base, request]);

  useEffect(() => {
    void load();
  }, [load]);

  const units = useMemo(() => {
    const byUnit = new Map<string, { total: number; done: number }>();
    for (const item of view?.items ?? []) {
      const entry = byUnit.get(item.unit) ?? { total: 0, done: 0 };
      entry.total++;
      if (isDone(item.status)) entry.done++;
      byUnit.set(item.unit, entry);
    }
    return [...byUnit.entries()];
  }, [view]);

  async function change(item: Item, patch: Partial<Pick<Item, "status" | "measures" | "owner" | "dueDate">>) {
    const result = await request<RectificationView>(`${base}/${encodeURIComponent(item.commentId)}`, { method: "PATCH", json: patch });
    if (result.ok) {
      setView(result.data);
      setMessage(null);
    } else setMessage(result.message);
  }

  async function addNote(item: Item, date: string, text: string): Promise<boolean> {
    const result = await request<RectificationView>(`${base}/${encodeURIComponent(item.commentId)}/notes`, { method: "POST", json: { date, text } });
    if (result.ok) {
      setView(result.data);
      setMessage(null);
      return true;
    }
    setMessage(result.message);
    return false;
  }

  if (!view) return <p className="text-sm text-slate-600">{message ?? "正在读取整改事项…"}</p>;
  const shown = view.items.filter((i) => (!unit || i.unit === unit) && (!status || i.status === status));

  return (
    <div className="space-y-4">
      <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 className="text-lg font-semibold">整改跟踪</h2>
        <p className="mt-1 text-sm text-slate-600">会上点评的每条问题、建议都是一项整改事项。填写整改措施、责任人和完成时限，随时记录进展。</p>
        {units.length === 0 && <p className="mt-3 text-sm text-slate-600">本次会议没有问题或建议类点评。</p>}
        <ul className="mt-3 grid gap-2 sm:grid-cols-2" data-testid="rectification-progress">
          {units.map(([name, p]) => (
            <li key={name} className="text-sm">
              <div className="flex justify-between">
                <span>{name}</span>
                <span className="tabular text-slate-600">
                  {p.done} / {p.total}
                </span>
              </div>
              <div className="mt-1 h-2 rounded bg-slate-200" role="progressbar" aria-label={`${name} 整改进度`} aria-valuemin={0} aria-valuemax={p.total} aria-valuenow={p.done}>
                <div className="h-2 rounded bg-emerald-600" style={{ width: `${p.total ? (p.done / p.total) * 100 : 0}%` }} />
              </div>
            </li>
          ))}
        </ul>
        <div className="mt-4 flex flex-wrap gap-3 text-sm">
          <label className="flex items-center gap-2">
            单位
            <select data-testid="rectification-filter-unit" value={unit} onChange={(e) => setUnit(e.target.value)} className="rounded border border-slate-300 px-2 py-1">
              <option value="">全部</option>
              {units.map(([name]) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
          <label className="flex items-center gap-2">
            状态
            <select data-testid="rectification-filter-status" value={status} onChange={(e) => setStatus(e.target.value as "" | RectificationStatus)} className="rounded border border-slate-300 px-2 py-1">
              <option value="">全部</option>
              {RECTIFICATION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {RECTIFICATION_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <span className="self-center text-slate-600">显示 {shown.length} / {view.items.length} 项</span>
        </div>
        {message && (
          <p role="alert" className="mt-3 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
            {message}
          </p>
        )}
      </section>
      <ol className="space-y-3">
        {shown.map((item) => (
          <ItemCard key={item.commentId} item={item} onChange={change} onNote={addNote} />
        ))}
      </ol>
    </div>
  );
}

function ItemCard({ item, onChange, onNote }: { item: Item; onChange: (item: Item, patch: Partial<Item>) => Promise<void>; onNote: (item: Item, date: string, text: string) => Promise<boolean> }) {
  const [measures, setMeasures] = useState(item.measures);
  const [owner, setOwner] = useState(item.owner);
  const [dueDate, setDueDate] = useState(item.dueDate);
  const [noteDate, setNoteDate] = useState(today);
  const [note, setNote] = useState("");
  const dirty = measures !== item.measures || owner !== item.owner || dueDate !== item.dueDate;
  return (
    <li data-testid="rectification-item" data-status={item.status} className="rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="min-w-0 flex-1">
          <span className="font-medium">{item.unit}</span> {item.name}
          <span className="ml-2 rounded bg-slate-100 px-1.5 py-px text-sm">{item.tag === "problem" ? "问题" : "建议"}</span>
          <span className="mt-1 block text-slate-800">{item.text}</span>
        </p>
        <label className="flex items-center gap-2">
          状态
          <select
            data-testid="rectification-status"
            value={item.status}
            onChange={(e) => void onChange(item, { status: e.target.value as RectificationStatus })}
            className="rounded border border-slate-300 px-2 py-1"
          >
            {RECTIFICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {RECTIFICATION_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="mt-3 grid gap-2 sm:grid-cols-[1fr_10rem_10rem]">
        <label className="flex flex-col gap-1">
          整改措施
          <textarea value={measures} onChange={(e) => setMeasures(e.target.value)} rows={2} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1">
          责任人
          <input value={owner} onChange={(e) => setOwner(e.target.value)} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1">
          完成时限
          <input type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} className="rounded border border-slate-300 px-2 py-1" />
        </label>
      </div>
      {dirty && (
        <button type="button" onClick={() => void onChange(item, { measures, owner, dueDate })} className="mt-2 rounded bg-slate-900 px-3 py-1.5 text-white">
          保存
        </button>
      )}
      <div className="mt-3 border-t border-slate-100 pt-2">
        <p className="font-medium text-slate-700">进展</p>
        {item.notes.length === 0 && <p className="text-slate-600">暂无进展记录。</p>}
        <ul className="mt-1 space-y-0.5">
          {item.notes.map((n) => (
            <li key={n.id}>
              <span className="tabular text-slate-600">{n.date}</span> {n.text}
            </li>
          ))}
        </ul>
        <form
          className="mt-2 flex flex-wrap gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            void onNote(item, noteDate, note).then((saved) => saved && setNote(""));
          }}
        >
          <input type="date" aria-label="进展日期" value={noteDate} onChange={(e) => setNoteDate(e.target.value)} required className="rounded border border-slate-300 px-2 py-1" />
          <input aria-label="进展内容" value={note} onChange={(e) => setNote(e.target.value)} placeholder="记录一条进展" required className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1" />
          <button type="submit" className="rounded border border-slate-300 px-3 py-1">
            添加进展
          </button>
        </form>
      </div>
    </li>
  );
}
