"use client";
// Restores an archive (.zip from 归档文件) as a new meeting on this installation: prepared on
// the office PC, run on the hall laptop, brought back afterwards.
import Link from "next/link";
import { useState } from "react";
import { useSetup } from "@/components/setup/setup-context";

export function ArchiveImport() {
  const { request } = useSetup();
  const [result, setResult] = useState<{ ok: true; id: string; title: string } | { ok: false; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <section className="mt-4 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
      <h2 className="text-lg font-semibold">导入归档文件</h2>
      <p className="mt-1 text-slate-600">把另一台电脑导出的归档文件（.zip）恢复为本机的一个新会议（新的会议码和口令）；会议纪实的哈希链会先校验。</p>
      <input
        type="file"
        accept=".zip,application/zip"
        aria-label="归档文件"
        disabled={busy}
        className="mt-2"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          setBusy(true);
          void request<{ id: string; title: string }>("/api/meetings/import", { method: "POST", file }).then((r) => {
            setBusy(false);
            setResult(r.ok ? { ok: true, ...r.data } : { ok: false, message: r.message });
          });
        }}
      />
      {result &&
        (result.ok ? (
          <p className="mt-2 text-emerald-800">
            已导入：
            <Link href={`/setup/${encodeURIComponent(result.id)}/records`} className="underline">
              {result.title}
            </Link>
          </p>
        ) : (
          <p role="alert" className="mt-2 text-red-800">
            {result.message}
          </p>
        ))}
    </section>
  );
}
