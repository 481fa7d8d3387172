"use client";
// 会后: every download of the meeting (会议纪要, 整改清单, 测评汇总表, 会议纪实, 归档) with a
// preview of what they hold. Shown in the chair console after 会议结束 and on
// /setup/<id>/records. Downloads go through fetch with the chair token (a link can't carry it).
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { downloadWithToken } from "@/components/setup/setup-api";
import { formatPercent, formatScore } from "@/server/domain/tally";
import type { RecordsPreview } from "@/server/records/records-service";

export function RecordsPanel({ meetingId, token, showSetupLinks = true }: { meetingId: string; token: string; showSetupLinks?: boolean }) {
  const [preview, setPreview] = useState<RecordsPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const base = `/api/meetings/${encodeURIComponent(meetingId)}`;

  const load = useCallback(async () => {
    try {
      const res = await fetch(`${base}/records`, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
      const body: unknown = await res.json();
      if (res.ok) setPreview(body as RecordsPreview);
      else setMessage((body as { message?: string }).message ?? `读取失败（HTTP ${res.status}）`);
    } catch {
      setMessage("无法连接服务器，请稍后重试。");
    }
  }, [base, token]);

  useEffect(() => {
    void load();
  }, [load]);

  async function download(path: string, fileName: string) {
    setBusy(path);
    const failed = await downloadWithToken(token, `${base}/${path}`, fileName);
    setBusy(null);
    setMessage(failed);
  }

  return (
    <section data-testid="records-panel" aria-label="会后材料" className="mt-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-lg font-semibold text-slate-900">会后材料</h2>
        {showSetupLinks && (
          <span className="flex gap-3 text-sm">
            <Link href={`/setup/${encodeURIComponent(meetingId)}/rectification`} className="text-red-700 underline underline-offset-4">
              整改跟踪
            </Link>
            <Link href={`/setup/${encodeURIComponent(meetingId)}/records`} className="text-red-700 underline underline-offset-4">
              会后页面
            </Link>
          </span>
        )}
      </div>
      {message && (
        <p role="alert" className="mt-2 rounded bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      )}
      {!preview ? (
        !message && <p className="mt-2 text-sm text-slate-600">正在读取…</p>
      ) : (
        <>
          <ul className="mt-3 grid gap-2 sm:grid-cols-2">
            {preview.exports.map((file) => (
              <li key={file.path}>
                <button
                  type="button"
                  data-testid={`records-download-${file.path.replace(/^exports\//, "")}`}
                  disabled={!file.available || busy !== null}
                  onClick={() => void download(file.path, file.fileName)}
                  title={file.available ? file.fileName : "测评结束后才有测评汇总表"}
                  className="flex w-full items-center justify-between gap-2 rounded border border-slate-300 px-3 py-2 text-left text-sm hover:bg-slate-50 disabled:opacity-50"
                >
                  <span className="font-medium text-slate-900">{file.label}</span>
                  <span className="text-sm text-slate-600">{busy === file.path ? "正在生成…" : file.available ? "下载" : "测评结束后可用"}</span>
                </button>
              </li>
            ))}
          </ul>
          <Preview preview={preview} />
        </>
      )}
    </section>
  );
}

function Preview({ preview }: { preview: RecordsPreview }) {
  const { record, rectification } = preview;
  return (
    <div className="mt-4 grid gap-4 text-sm lg:grid-cols-2">
      <div>
        <h3 className="font-semibold text-slate-800">点评（会议纪要、整改清单）</h3>
        <table className="mt-1 w-full text-left">
          <thead className="text-sm text-slate-600">
            <tr>
              <th className="py-1 font-normal">单位</th>
              <th className="font-normal">亮点</th>
              <th className="font-normal">问题</th>
              <th className="font-normal">建议</th>
            </tr>
          </thead>
          <tbody data-testid="records-units">
            {preview.units.map((u) => (
              <tr key={`${u.unit}-${u.name}`} className="border-t border-slate-100">
                <td className="py-1 pr-2">
                  {u.unit} {u.name}
                  {u.removed && <span className="ml-1 text-sm text-slate-600">（已调出议程）</span>}
                </td>
                <td className="tabular">{u.highlights}</td>
                <td className="tabular">{u.problems}</td>
                <td className="tabular">{u.suggestions}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-slate-600">
          整改事项 {rectification.total} 项，已完成 {rectification.done} 项。
        </p>
      </div>
      <div>
        <h3 className="font-semibold text-slate-800">民主测评</h3>
        {preview.results ? (
          <ol className="mt-1 space-y-0.5">
            {preview.results.map((r) => (
              <li key={`${r.unit}-${r.name}`} className="tabular flex gap-2">
                <span className="w-8 text-slate-600">{r.rank}</span>
                <span className="flex-1">
                  {r.unit} {r.name}
                </span>
                <span>{formatPercent(r.goodRate)}</span>
                <span className="w-14 text-right">{formatScore(r.score)}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p className="mt-1 text-slate-600">测评尚未结束。</p>
        )}
        <h3 className="mt-4 font-semibold text-slate-800">会议纪实</h3>
        <p data-testid="records-chain" data-ok={record.check.ok ? "true" : "false"} className={record.check.ok ? "text-emerald-800" : "text-red-800"}>
          {record.check.ok ? `${record.entries} 条记录，哈希链完整。` : `哈希链在第 ${record.check.seq} 条中断：${record.check.reason}`}
        </p>
      </div>
    </div>
  );
}
