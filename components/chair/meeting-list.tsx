"use client";
// The chair's list of meetings (GET /api/meetings with the chair token).
import Link from "next/link";
import { useEffect, useState } from "react";
import { TokenForm } from "./token-form";
import { useChairToken } from "./use-chair-token";

interface MeetingRow {
  id: string;
  title: string;
  date: string;
  venue: string;
  attendeeCode: string;
}

type Load =
  | { status: "loading" }
  | { status: "ok"; meetings: MeetingRow[] }
  | { status: "unauthorized"; message: string }
  | { status: "error"; message: string };

async function fetchMeetings(token: string): Promise<Load> {
  try {
    const res = await fetch("/api/meetings", { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
    const body: unknown = await res.json().catch(() => null);
    const message = body && typeof body === "object" && "message" in body && typeof body.message === "string" ? body.message : null;
    if (res.status === 401) return { status: "unauthorized", message: "主持人口令不正确。" };
    if (!res.ok || !Array.isArray(body)) return { status: "error", message: message ?? `读取会议列表失败（HTTP ${res.status}）。` };
    return { status: "ok", meetings: body as MeetingRow[] };
  } catch {
    return { status: "error", message: "无法连接服务器，请检查网络后刷新。" };
  }
}

export function MeetingList() {
  const { ready, token, save, forget } = useChairToken();
  const [load, setLoad] = useState<Load>({ status: "loading" });

  useEffect(() => {
    if (!token) return;
    let current = true;
    setLoad({ status: "loading" });
    void fetchMeetings(token).then((result) => {
      if (current) setLoad(result);
    });
    return () => {
      current = false;
    };
  }, [token]);

  if (!ready) return null;
  if (!token) return <TokenForm message={null} onToken={save} />;
  if (load.status === "unauthorized") {
    return (
      <TokenForm
        message={`${load.message} 请重新粘贴主持人口令。`}
        onToken={(t) => {
          forget();
          save(t);
        }}
      />
    );
  }

  return (
    <main className="min-h-screen bg-slate-100">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-4xl items-center justify-between px-6 py-3">
          <h1 className="text-base font-semibold">述职评议会 · 主持人</h1>
          <a href="/setup" className="ml-auto mr-4 text-sm text-red-700 underline underline-offset-4">
            会前准备（建会、导入名单）
          </a>
          <button type="button" onClick={forget} className="text-sm text-slate-600 hover:text-slate-900">
            退出（清除本机口令）
          </button>
        </div>
      </header>
      <section className="mx-auto max-w-4xl px-6 py-6">
        <h2 className="text-sm font-medium text-slate-600">会议</h2>
        {load.status === "loading" && <p className="mt-4 text-sm text-slate-600">正在读取会议列表…</p>}
        {load.status === "error" && <p className="mt-4 text-sm text-red-700">{load.message}</p>}
        {load.status === "ok" && load.meetings.length === 0 && <p className="mt-4 text-sm text-slate-600">还没有会议。</p>}
        {load.status === "ok" && load.meetings.length > 0 && (
          <ul className="mt-3 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {load.meetings.map((m) => (
              <li key={m.id}>
                <Link
                  href={`/chair/${encodeURIComponent(m.id)}`}
                  data-testid={`meeting-${m.id}`}
                  className="flex items-baseline justify-between gap-4 px-4 py-3 hover:bg-slate-50 focus:bg-slate-50 focus:outline-none"
                >
                  <span>
                    <span className="block font-medium text-slate-900">{m.title}</span>
                    <span className="mt-0.5 block text-sm text-slate-600">
                      {m.date} · {m.venue}
                    </span>
                  </span>
                  <span className="shrink-0 text-sm text-slate-600">
                    会议码 <span className="tabular font-mono text-slate-800">{m.attendeeCode}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
