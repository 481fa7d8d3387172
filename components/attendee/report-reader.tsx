// One unit's report, full width and in reading type. A unit reporting on site usually
// has no written material; the reader says so instead of showing an empty page.
import { comradeName } from "@/components/display/hall-labels";
import type { MeetingSnapshot, RosterView } from "@/server/domain/snapshot";
import { reportStatus, StatusChip } from "./report-list";

function BackButton({ onBack }: { onBack: () => void }) {
  return (
    <button
      type="button"
      onClick={onBack}
      className="inline-flex min-h-14 items-center gap-2 rounded-xl bg-white px-5 text-xl font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 active:bg-slate-100"
    >
      <span aria-hidden className="text-2xl leading-none">‹</span> 返回述职名单
    </button>
  );
}

export function ReportReader({ entry, snapshot, onBack }: { entry: RosterView; snapshot: MeetingSnapshot; onBack: () => void }) {
  const text = entry.reportText.trim();
  const paragraphs = text.split(/\n+/).map((p) => p.trim()).filter((p) => p !== "");
  let empty = "暂无书面材料";
  if (entry.mode === "onsite") empty = "现场述职，无书面材料";

  return (
    <div className="space-y-6">
      <BackButton onBack={onBack} />
      <header className="space-y-2 px-1">
        <p className="text-lg text-slate-500">{entry.mode === "written" ? "书面述职" : "现场述职"}</p>
        <h2 className="text-3xl leading-snug font-bold text-slate-900">{entry.unit}</h2>
        <div className="flex flex-wrap items-center gap-3 text-xl text-slate-700">
          <span>
            {entry.title} {comradeName(entry.name)}
          </span>
          <StatusChip status={reportStatus(entry, snapshot.live)} />
        </div>
      </header>
      <article
        data-testid="tablet-report-text"
        className="rounded-2xl bg-white px-6 py-6 font-serif text-[22px] leading-[1.9] text-slate-900 shadow-sm ring-1 ring-slate-200 sm:px-10 sm:py-8"
      >
        {paragraphs.length > 0 ? (
          paragraphs.map((paragraph, index) => (
            <p key={index} className="indent-[2em] [&+p]:mt-4">
              {paragraph}
            </p>
          ))
        ) : (
          <p className="font-sans text-xl text-slate-500">{empty}</p>
        )}
      </article>
      {paragraphs.length > 0 && <BackButton onBack={onBack} />}
    </div>
  );
}
