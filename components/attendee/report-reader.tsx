// One unit's report, full width and in reading type. A unit reporting on site usually
// has no written material; the reader says so instead of showing an empty page.
import { useParams } from "next/navigation";
import { useEffect, useState } from "react";
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
      {/* With an uploaded file and no typed text, the file is the material: no "暂无" note. */}
      {(paragraphs.length > 0 || !entry.attachment) && (
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
      )}
      {entry.attachment && <AttachmentView entry={entry} />}
      {(paragraphs.length > 0 || entry.attachment) && <BackButton onBack={onBack} />}
    </div>
  );
}

// --- uploaded report file (meeting preparation) ---
// A .docx arrives as HTML the server built from an allow-list (no script, no handlers, no
// outside resources), read with this tablet's meeting code; a PDF opens in the browser's
// own viewer. Either way the original can be downloaded.

type AttachmentHtml = { status: "loading" } | { status: "ok"; html: string } | { status: "error"; message: string };

function AttachmentView({ entry }: { entry: RosterView }) {
  const code = useParams<{ code?: string }>()?.code ?? "";
  const attachment = entry.attachment;
  const base = `/api/attachments/${encodeURIComponent(entry.id)}?code=${encodeURIComponent(code)}`;
  const [state, setState] = useState<AttachmentHtml>({ status: "loading" });

  useEffect(() => {
    if (!attachment?.hasHtml) return;
    let current = true;
    setState({ status: "loading" });
    fetch(`${base}&as=html`, { cache: "no-store" })
      .then(async (res) => {
        if (!current) return;
        if (res.ok) setState({ status: "ok", html: await res.text() });
        else setState({ status: "error", message: "材料暂时无法显示，请稍后重试或下载原文件。" });
      })
      .catch(() => current && setState({ status: "error", message: "连接中断，材料未能加载。" }));
    return () => {
      current = false;
    };
  }, [base, attachment?.hasHtml, attachment?.fileName]);

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

  if (!attachment.hasHtml) {
    return (
      <section className="space-y-4" data-testid="tablet-report-file">
        <object data={base} type="application/pdf" className="h-[80vh] w-full rounded-2xl bg-white ring-1 ring-slate-200" aria-label={attachment.fileName}>
          <p className="p-6 text-xl text-slate-600">此平板无法直接显示 PDF，请下载后阅读。</p>
        </object>
        {download}
      </section>
    );
  }
  return (
    <section className="space-y-4" data-testid="tablet-report-file">
      {state.status === "loading" && <p className="px-1 text-xl text-slate-500">正在加载述职材料…</p>}
      {state.status === "error" && <p className="px-1 text-xl text-red-700">{state.message}</p>}
      {state.status === "ok" && (
        <article
          data-testid="tablet-report-html"
          className="rounded-2xl bg-white px-6 py-6 font-serif text-[22px] leading-[1.9] text-slate-900 shadow-sm ring-1 ring-slate-200 sm:px-10 sm:py-8 [&_h1]:mb-3 [&_h1]:text-[28px] [&_h1]:font-bold [&_h2]:mb-2 [&_h2]:text-[25px] [&_h2]:font-bold [&_h3]:font-bold [&_img]:my-4 [&_img]:max-w-full [&_li]:ml-8 [&_ol]:list-decimal [&_p]:indent-[2em] [&_p+p]:mt-4 [&_table]:my-4 [&_table]:w-full [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_ul]:list-disc"
          // Sanitised on the server from an allow-list (server/attachments/sanitise-html.ts).
          dangerouslySetInnerHTML={{ __html: state.html }}
        />
      )}
      {download}
    </section>
  );
}
