"use client";
// The three agenda items (一/二/三); the current one is marked, a click jumps there.
import type { AgendaItemKey } from "@/server/domain/meeting-types";
import { AGENDA_NUMBERS, AGENDA_ORDER, type MeetingSnapshot } from "@/server/domain/snapshot";

export function AgendaRail({ snapshot, onGoto }: { snapshot: MeetingSnapshot; onGoto: (item: AgendaItemKey) => void }) {
  const cursor = snapshot.live.cursor;
  return (
    <nav aria-label="议程" className="border-b border-slate-200 p-3">
      <h2 className="mb-2 flex items-baseline justify-between text-sm font-medium text-slate-600">
        <span>议程</span>
        {cursor.item === "pending" && <span className="text-slate-600">会议未开始</span>}
        {cursor.item === "closed" && <span className="text-slate-600">会议已结束</span>}
      </h2>
      <ol className="space-y-1">
        {AGENDA_ORDER.map((key) => {
          const current = cursor.item === key;
          return (
            <li key={key}>
              <button
                type="button"
                onClick={() => onGoto(key)}
                aria-current={current ? "step" : undefined}
                data-testid={`agenda-${key}`}
                className={`flex w-full items-baseline gap-2 rounded px-2 py-1.5 text-left text-sm ${
                  current ? "bg-red-700 font-medium text-white" : "text-slate-700 hover:bg-slate-100"
                }`}
              >
                <span className={`shrink-0 text-sm ${current ? "text-red-100" : "text-slate-600"}`}>{AGENDA_NUMBERS[key]}</span>
                <span className="min-w-0 flex-1">{snapshot.meeting.agenda[key].title}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
