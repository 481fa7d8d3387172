"use client";
// Last year's 整改事项 of one unit, beside its name: open ones first, each with its status,
// so the chair can 点评 on them and the hall sees them followed up.
import { isOpenStatus, RECTIFICATION_STATUS_LABELS, type CarriedItem } from "@/server/records/dossier";

const STATUS_STYLE: Record<CarriedItem["status"], string> = {
  not_started: "bg-red-100 text-red-800",
  in_progress: "bg-amber-100 text-amber-900",
  done: "bg-emerald-100 text-emerald-800",
  closed: "bg-slate-200 text-slate-700",
};

export function CarriedItems({ items, title, size = "sm" }: { items: CarriedItem[]; title: string; size?: "sm" | "lg" }) {
  if (!items.length) return null;
  const open = items.filter((i) => isOpenStatus(i.status)).length;
  const ordered = [...items].sort((a, b) => Number(isOpenStatus(b.status)) - Number(isOpenStatus(a.status)));
  const text = size === "lg" ? "text-base" : "text-sm";
  return (
    <details data-testid="carried-items" open={open > 0} className={`mt-2 rounded border border-slate-200 bg-white px-3 py-2 ${text}`}>
      <summary className="cursor-pointer font-medium text-slate-800">
        上年度整改事项 {items.length} 项{open > 0 ? `，未完成 ${open} 项` : "，均已完成"}
        <span className="ml-1 font-normal text-slate-600">（{title}）</span>
      </summary>
      <ul className="mt-2 space-y-1.5">
        {ordered.map((item, i) => (
          <li key={i} data-testid="carried-item" className="flex items-start gap-2">
            <span data-testid="carried-status" className={`shrink-0 rounded px-1.5 py-px ${STATUS_STYLE[item.status]}`}>
              {RECTIFICATION_STATUS_LABELS[item.status]}
            </span>
            <span className="min-w-0 text-slate-700">
              {item.text}
              {item.lastNote && <span className="block text-slate-600">进展：{item.lastNote}</span>}
            </span>
          </li>
        ))}
      </ul>
    </details>
  );
}
