// One unit's report, full width and in reading type. A unit reporting on site usually
// has no written material; the reader says so instead of showing an empty page.
import { useState } from "react";
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

interface ReaderProps {
  /** The 会议码 the tablet joined with: it opens the report file. */
  code: string;
  entry: RosterView;
  snapshot: MeetingSnapshot;
  onBack: () => void;
  /** 大字: 1 (normal), 1.25 or 1.5; applies inside the report's frame too. */
  textScale?: number;
}

export function ReportReader({ code, entry, snapshot, onBack, textScale = 1 }: ReaderProps) {
  const text = entry.reportText.trim();
  const paragraphs = text.split(/\n+/).map((p) => p.trim()).filter((p) => p !== "");
  let empty = "暂无书面材料";
  if (entry.mode === "onsite") empty = "现场述职，无书面材料";

  return (
    <div className="space-y-6">
      <BackButton onBack={onBack} />
      <header className="space-y-2 px-1">
        <p className="text-lg text-slate-600">{entry.mode === "written" ? "书面述职" : "现场述职"}</p>
        <h2 className="text-3xl leading-snug font-bold text-slate-900">{entry.unit}</h2>
        <div className="flex flex-wrap items-center gap-3 text-xl text-slate-700">
          <span>
            {entry.title} {comradeName(entry.name)}
          </span>
          <StatusChip status={reportStatus(entry, snapshot.live)} />
        </div>
      </header>
      {/* With an uploaded file and no typed text, the file is the material: no "暂无" note. */}
      {(paragraphs.length > 0 || !entry.attachment) && (
        <article
          data-testid="tablet-report-text"
          className="rounded-2xl bg-white px-6 py-6 font-serif text-[1.375rem] leading-[1.9] text-slate-900 shadow-sm ring-1 ring-slate-200 sm:px-10 sm:py-8"
        >
          {paragraphs.length > 0 ? (
            paragraphs.map((paragraph, index) => (
              <p key={index} className="indent-[2em] [&+p]:mt-4">
                {paragraph}
              </p>
            ))
          ) : (
            <p className="font-sans text-xl text-slate-600">{empty}</p>
          )}
        </article>
      )}
      {entry.attachment && <AttachmentView code={code} entry={entry} textScale={textScale} />}
      {(paragraphs.length > 0 || entry.attachment) && <BackButton onBack={onBack} />}
    </div>
  );
}

// --- uploaded report file (meeting preparation) ---
// A .docx arrives as HTML the server built from an allow-list, and is shown in a sandboxed
// frame: no scripts and an opaque origin, so even a sanitiser bug could not reach this
// page's storage (seat code, ballot key) or its socket. The frame loads a whole reading
// page from the server (server/attachments/reader-document.ts) at this tablet's text size;
// the 目录 links jump within it. A PDF opens in the browser's own viewer. Either way the
// original can be downloaded.

/** Matches READER_SANDBOX on the server: external links may open a tab; nothing may run. */
const READER_SANDBOX = "allow-popups allow-popups-to-escape-sandbox";

function AttachmentView({ code, entry, textScale }: { code: string; entry: RosterView; textScale: number }) {
  const attachment = entry.attachment;
  const base = `/api/attachments/${encodeURIComponent(entry.id)}?code=${encodeURIComponent(code)}`;
  const source = attachment?.hasHtml ? `${base}&as=html&scale=${textScale}` : base;
  const [loaded, setLoaded] = useState<string | null>(null);

  if (!attachment) return null;
  const download = (
    <a
      href={`${base}&download=1`}
      download={attachment.fileName}
      className="inline-flex min-h-14 items-center gap-2 rounded-xl bg-white px-5 text-xl font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 active:bg-slate-100"
    >
      下载原文件：{attachment.fileName}
    </a>
  );

  return (
    <section className="space-y-4" data-testid="tablet-report-file">
      {attachment.hasHtml && loaded !== source && <p className="px-1 text-xl text-slate-600">正在加载述职材料…</p>}
      <iframe
        // A new frame for a new file or text size, so the old page never shows under the new label.
        key={`${source}|${attachment.fileName}`}
        src={source}
        title={`${entry.unit} 述职材料：${attachment.fileName}`}
        data-testid={attachment.hasHtml ? "tablet-report-html" : "tablet-report-pdf"}
        // The PDF viewer is the browser's own and cannot run in a sandbox; the file was checked to be a PDF.
        sandbox={attachment.hasHtml ? READER_SANDBOX : undefined}
        referrerPolicy="no-referrer"
        onLoad={() => setLoaded(source)}
        className="block h-[80dvh] min-h-96 w-full rounded-2xl bg-white shadow-sm ring-1 ring-slate-200"
      />
      {!attachment.hasHtml && <p className="px-1 text-lg text-slate-600">若平板无法直接显示 PDF，请下载后阅读。</p>}
      {download}
    </section>
  );
}
