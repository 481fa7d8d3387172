// Every unit on the agenda, in roster order: 现场述职 first as the hall hears them, then
// 书面述职. Each row is one large touch target that opens the unit's report.
import { CarriedItems } from "@/components/records/carried-items";
import { carriedForUnit, type CarriedOver } from "@/components/records/use-carried-over";
import { agendaNumbers, comradeName } from "@/components/display/hall-labels";
import type { LiveState } from "@/server/domain/meeting-types";
import type { MeetingSnapshot, RosterView } from "@/server/domain/snapshot";
import { formatDuration } from "@/server/domain/timer";

type Tone = "waiting" | "current" | "done" | "skipped";

export interface ReportStatus {
  text: string;
  tone: Tone;
}

const TONE_CHIP: Record<Tone, string> = {
  waiting: "bg-slate-100 text-slate-600 ring-slate-200",
  current: "bg-red-600 text-white ring-red-600",
  done: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  skipped: "bg-slate-100 text-slate-600 ring-slate-200 line-through decoration-slate-300",
};

function isCurrent(entry: RosterView, live: LiveState): boolean {
  return live.cursor.item === "reports" && live.cursor.speakerId === entry.id;
}

/** Where a unit stands: 待述职 / 正在述职 / 已述职（用时 5:12）/ 已跳过, or the written equivalents. */
export function reportStatus(entry: RosterView, live: LiveState): ReportStatus {
  const record = live.records[entry.id];
  const current = isCurrent(entry, live);
  if (record?.status === "skipped") return { text: "已跳过", tone: "skipped" };
  if (entry.mode === "written") {
    if (current) return { text: "正在点评", tone: "current" };
    return record ? { text: "已点评", tone: "done" } : { text: "书面述职", tone: "waiting" };
  }
  if (record?.status === "done") return { text: `已述职（用时 ${formatDuration(record.spokenMs)}）`, tone: "done" };
  if (current) return { text: "正在述职", tone: "current" };
  return { text: "待述职", tone: "waiting" };
}

export function StatusChip({ status }: { status: ReportStatus }) {
  return (
    <span className={`tabular shrink-0 rounded-full px-3 py-1 text-base font-medium whitespace-nowrap ring-1 ${TONE_CHIP[status.tone]}`}>
      {status.text}
    </span>
  );
}

export function ReportList({ snapshot, onOpen, carried = null }: { snapshot: MeetingSnapshot; onOpen: (speakerId: string) => void; carried?: CarriedOver | null }) {
  const onsite = snapshot.roster.filter((entry) => entry.mode === "onsite");
  const written = snapshot.roster.filter((entry) => entry.mode === "written");
  const numbers = agendaNumbers(snapshot.roster);
  return (
    <div data-testid="tablet-report-list" className="space-y-8">
      <Section title="现场述职" entries={onsite} numbers={numbers} snapshot={snapshot} onOpen={onOpen} carried={carried} />
      <Section title="书面述职" entries={written} numbers={numbers} snapshot={snapshot} onOpen={onOpen} carried={carried} />
    </div>
  );
}

function Section(props: {
  title: string;
  entries: RosterView[];
  numbers: Map<string, number>;
  snapshot: MeetingSnapshot;
  onOpen: (speakerId: string) => void;
  carried: CarriedOver | null;
}) {
  const { title, entries, numbers, snapshot, onOpen, carried } = props;
  if (entries.length === 0) return null;
  return (
    <section>
      <h2 className="mb-3 flex items-baseline gap-2 px-1 text-xl font-bold text-slate-800">
        {title}
        <span className="text-base font-normal text-slate-600">{entries.length} 个单位</span>
      </h2>
      <ol className="space-y-3">
        {entries.map((entry) => {
          const status = reportStatus(entry, snapshot.live);
          const current = isCurrent(entry, snapshot.live);
          return (
            <li key={entry.id}>
              <button
                type="button"
                data-testid={`tablet-report-${entry.id}`}
                onClick={() => onOpen(entry.id)}
                aria-current={current ? "step" : undefined}
                className={`flex min-h-20 w-full items-center gap-3 rounded-2xl px-3 py-3 text-left shadow-sm ring-1 transition-colors active:bg-slate-100 sm:gap-4 sm:px-5 sm:py-4 ${
                  current ? "bg-red-50 ring-2 ring-red-600" : "bg-white ring-slate-200 hover:bg-slate-50"
                }`}
              >
                <span className="tabular w-7 shrink-0 text-center text-lg text-slate-600 sm:w-8">{numbers.get(entry.id)}</span>
                {/* The status chip goes under the name when the row is too narrow for both. */}
                <span className="flex min-w-0 flex-1 flex-wrap items-center gap-x-4 gap-y-2">
                  <span className="min-w-0 flex-[1_1_11rem]">
                    <span className="block text-xl leading-snug font-bold break-words text-slate-900 sm:text-[1.375rem]">{entry.unit}</span>
                    <span className="block text-lg text-slate-600">
                      {entry.title} {comradeName(entry.name)}
                    </span>
                  </span>
                  <StatusChip status={status} />
                </span>
                <span aria-hidden className="shrink-0 text-3xl leading-none text-slate-400">
                  ›
                </span>
              </button>
              {carried && <CarriedItems items={carriedForUnit(carried, entry.unit)} title={carried.title} size="lg" />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
