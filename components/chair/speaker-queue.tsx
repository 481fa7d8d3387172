"use client";
// The speaking order: 现场述职 first, then 书面述职, each row with its status. A click on a
// row opens that speaker (speaker.open); pending rows can be skipped or moved later.
import { agendaNumbers } from "@/components/display/hall-labels";
import type { MeetingSnapshot, RosterView } from "@/server/domain/snapshot";
import { canReorder, speakerStatus, type QueueStatusKey } from "./chair-view";

const STATUS_STYLE: Record<QueueStatusKey, string> = {
  pending: "text-slate-600",
  ready: "bg-sky-100 text-sky-800",
  reporting: "bg-emerald-700 text-white",
  review: "bg-amber-100 text-amber-900",
  done: "text-slate-600",
  skipped: "text-slate-600 line-through",
};

interface QueueProps {
  snapshot: MeetingSnapshot;
  /** The speaker whose 点评 the pad shows. */
  padSpeakerId: string | null;
  commentCounts: Map<string, number>;
  onOpen: (entry: RosterView) => void;
  onSkip: (entry: RosterView) => void;
  onMoveLater: (entry: RosterView) => void;
  onShowComments: (entry: RosterView) => void;
}

export function SpeakerQueue(props: QueueProps) {
  const { snapshot } = props;
  const onsite = snapshot.roster.filter((e) => e.mode === "onsite");
  const written = snapshot.roster.filter((e) => e.mode === "written");
  const numbers = agendaNumbers(snapshot.roster);
  return (
    <section aria-label="述职名单" className="p-3">
      <QueueGroup title="现场述职" entries={onsite} numbers={numbers} {...props} />
      <QueueGroup title="书面述职" entries={written} numbers={numbers} {...props} />
    </section>
  );
}

function QueueGroup({
  title,
  entries,
  numbers,
  ...props
}: QueueProps & { title: string; entries: RosterView[]; numbers: Map<string, number> }) {
  if (entries.length === 0) return null;
  return (
    <div className="mb-3">
      <h2 className="mb-1 flex items-baseline justify-between text-sm font-medium text-slate-600">
        <span>{title}</span>
        <span className="text-slate-600">{entries.length} 个单位</span>
      </h2>
      <ol className="space-y-px">
        {entries.map((entry) => (
          <QueueRow key={entry.id} entry={entry} position={numbers.get(entry.id) ?? 0} {...props} />
        ))}
      </ol>
    </div>
  );
}

function QueueRow({
  entry,
  position,
  snapshot,
  padSpeakerId,
  commentCounts,
  onOpen,
  onSkip,
  onMoveLater,
  onShowComments,
}: QueueProps & { entry: RosterView; position: number }) {
  const live = snapshot.live;
  const status = speakerStatus(entry, live);
  const cursor = live.cursor;
  const current = cursor.item === "reports" && cursor.speakerId === entry.id;
  const reorder = status.key === "pending" || (status.key === "ready" && canReorder(entry, live));
  const count = commentCounts.get(entry.id) ?? 0;
  const onPad = padSpeakerId === entry.id;

  return (
    <li
      data-testid={`queue-${entry.id}`}
      data-status={status.key}
      aria-current={current ? "true" : undefined}
      className={`group rounded border-l-4 px-2 py-1 ${
        current ? "border-red-700 bg-white shadow-sm" : "border-transparent hover:bg-white focus-within:bg-white"
      } ${onPad && !current ? "ring-1 ring-slate-300" : ""}`}
    >
      {/* In a narrow rail the status goes under the unit rather than squeezing it onto two lines. */}
      <div className="flex flex-wrap items-center gap-x-2">
        <span className="tabular w-5 shrink-0 text-right text-sm text-slate-600">{position}</span>
        <button
          type="button"
          onClick={() => onOpen(entry)}
          title={current ? "当前单位" : `切换到${entry.unit}`}
          className={`min-h-6 min-w-[8.5em] flex-1 text-left text-sm break-words ${current ? "font-semibold text-slate-900" : "text-slate-800"}`}
        >
          {entry.unit}
        </button>
        <span className={`ml-auto shrink-0 rounded px-1.5 py-px text-sm ${STATUS_STYLE[status.key]}`}>{status.label}</span>
      </div>
      <div className="flex flex-wrap items-center gap-x-1 pl-7 text-sm leading-5">
        <span className="min-w-0 break-words text-slate-600">
          {entry.name}
          {entry.title}
        </span>
        <button
          type="button"
          onClick={() => onShowComments(entry)}
          className={`min-h-6 min-w-6 shrink-0 rounded px-1.5 ${
            onPad ? "bg-slate-800 text-white" : count > 0 ? "text-slate-700 hover:bg-slate-200" : "text-slate-600 hover:bg-slate-200"
          }`}
          title="在点评栏查看、补充该单位的点评（不切换会议进度）"
        >
          点评{count > 0 ? ` ${count}` : ""}
        </button>
        <span className="ml-auto flex shrink-0 items-center gap-1">
          {status.detail && <span className={`tabular ${status.overtime ? "text-red-700" : "text-slate-600"}`}>{status.detail}</span>}
          {reorder && (
            <span className={`flex gap-1 ${current ? "" : "opacity-0 group-hover:opacity-100 group-focus-within:opacity-100"}`}>
              <button
                type="button"
                onClick={() => onSkip(entry)}
                data-testid={`queue-skip-${entry.id}`}
                className="min-h-6 rounded px-1.5 text-slate-700 hover:bg-slate-200"
              >
                跳过
              </button>
              <button
                type="button"
                onClick={() => onMoveLater(entry)}
                data-testid={`queue-later-${entry.id}`}
                className="min-h-6 rounded px-1.5 text-slate-700 hover:bg-slate-200"
              >
                后移
              </button>
            </span>
          )}
        </span>
      </div>
    </li>
  );
}
