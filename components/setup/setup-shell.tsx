"use client";
// The frame of every page of one meeting's preparation: the organiser's token, the meeting's
// title, the four steps, and — on the day — a banner saying the meeting is live and that
// changes reach the projector and tablets at once.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useMemo, useState, type ReactNode } from "react";
import { TokenForm } from "@/components/chair/token-form";
import { useChairToken } from "@/components/chair/use-chair-token";
import { RehearsalControls } from "@/components/chair/rehearsal-controls";
import { speakerLabel } from "@/components/display/hall-labels";
import { RehearsalMark } from "@/components/realtime/hall-signs";
import { canStartRehearsal, type RehearsalSpeed } from "@/server/domain/rehearsal";
import { hallState } from "@/server/domain/snapshot";
import type { SetupView } from "@/server/setup/setup-schemas";
import { setupRequest, type RequestOptions } from "./setup-api";
import { SetupProvider, useSetupLoad, type SetupContextValue } from "./setup-context";

const STEPS = [
  { path: "", label: "会议信息", number: 1 },
  { path: "/roster", label: "述职名单", number: 2, also: ["/import"] },
  { path: "/evaluation", label: "民主测评", number: 3 },
  { path: "/access", label: "会场入口与座位卡", number: 4, also: ["/seats"] },
  { path: "/records", label: "会后材料与整改", number: 5, also: ["/rectification"] },
];

export function SetupShell({ meetingId, children }: { meetingId: string; children: ReactNode }) {
  const { ready, token, save, forget } = useChairToken();
  const { load, reload, connection } = useSetupLoad(meetingId, token);

  // Stable while the token is: pages use it in effects' dependencies.
  const request = useCallback(
    function request<T>(path: string, options?: RequestOptions) {
      return setupRequest<T>(token ?? "", path, options);
    },
    [token],
  );
  const value = useMemo((): SetupContextValue | null => {
    if (!token || load.status !== "ok") return null;
    return { meetingId, token, view: load.view, connection, reload, request };
  }, [meetingId, token, load, connection, reload, request]);

  if (!ready) return null;
  if (!token) return <TokenForm message="会前准备需要主持人（组织者）口令：请使用服务器启动时打印的链接打开，或在下方粘贴口令。" onToken={save} />;
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
  if (load.status === "missing" || load.status === "error") {
    return (
      <main className="mx-auto max-w-xl px-6 py-20 text-center">
        <p className="text-lg text-slate-800">{load.message}</p>
        <Link href="/setup" className="mt-6 inline-block text-red-700 underline underline-offset-4">
          返回会议列表
        </Link>
      </main>
    );
  }
  if (!value) return <p className="px-6 py-20 text-center text-slate-600">正在读取会议…</p>;

  return (
    <SetupProvider value={value}>
      <div data-meeting-version={value.view.snapshot.version} className="min-h-screen bg-slate-100 print:bg-white">
        <SetupHeader view={value.view} meetingId={meetingId} onSignOut={forget} />
        <RehearsalBar value={value} />
        <LiveBanner view={value.view} />
        <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 print:max-w-none print:p-0">{children}</main>
      </div>
    </SetupProvider>
  );
}

function SetupHeader({ view, meetingId, onSignOut }: { view: SetupView; meetingId: string; onSignOut: () => void }) {
  const pathname = usePathname() ?? "";
  const base = `/setup/${encodeURIComponent(meetingId)}`;
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : "";
  const meeting = view.snapshot.meeting;
  return (
    <header className="bg-white shadow-sm print:hidden">
      <div className="h-1.5 bg-banner" />
      <div className="mx-auto max-w-6xl px-4 pt-3 sm:px-6">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-600">
          <Link href="/setup" className="hover:text-slate-900">
            ‹ 全部会议
          </Link>
          <span className="flex-1" />
          <Link href={`/chair/${encodeURIComponent(meetingId)}`} className="font-medium text-red-700 hover:text-red-900">
            进入主持人控制台 ›
          </Link>
          <button type="button" onClick={onSignOut} className="hover:text-slate-900">
            退出（清除本机口令）
          </button>
        </div>
        <h1 data-testid="setup-meeting-title" className="mt-1 text-xl leading-snug font-bold text-slate-900 sm:text-2xl">
          {meeting.title}
        </h1>
        <nav aria-label="准备步骤" className="-mb-px mt-3 flex flex-wrap gap-x-1">
          {STEPS.map((step) => {
            const active = rest === step.path || step.also?.some((p) => rest.startsWith(p)) || (step.path !== "" && rest.startsWith(step.path));
            return (
              <Link
                key={step.path}
                href={`${base}${step.path}`}
                aria-current={active ? "page" : undefined}
                className={`flex shrink-0 items-center gap-2 border-b-[3px] px-3 py-2.5 text-[15px] font-medium ${
                  active ? "border-red-700 text-red-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                <span
                  className={`tabular flex size-6 items-center justify-center rounded-full text-sm ${active ? "bg-red-700 text-white" : "bg-slate-200 text-slate-700"}`}
                >
                  {step.number}
                </span>
                {step.label}
              </Link>
            );
          })}
        </nav>
      </div>
    </header>
  );
}

/**
 * 彩排 from the preparation pages: offered while the meeting has not started; while one runs,
 * the 彩排 mark and 结束彩排 (the same as on the chair console).
 */
function RehearsalBar({ value }: { value: SetupContextValue }) {
  const { view, meetingId, request, reload } = value;
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const rehearsal = view.snapshot.live.rehearsal;
  if (!rehearsal && !canStartRehearsal(view.snapshot.live).ok) return null;

  async function send(method: "POST" | "DELETE", speed?: RehearsalSpeed) {
    setBusy(true);
    const result = await request(`/api/meetings/${encodeURIComponent(meetingId)}/rehearsal`, method === "POST" ? { method, json: { speed } } : { method });
    setBusy(false);
    setMessage(result.ok ? null : result.message);
    if (result.ok) await reload();
  }

  return (
    <div className="bg-white ring-1 ring-slate-200 print:hidden">
      <RehearsalMark rehearsal={rehearsal} />
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-2 text-sm text-slate-700 sm:px-6">
        <span className="flex-1">
          {rehearsal ? "彩排进行中：请在主持人控制台操作议程；结束彩排后会议回到彩排前的状态。" : "会前彩排：用真实的会议码、座位卡、投影和计票链接演练一遍，结束后一切恢复原样。"}
        </span>
        <RehearsalControls running={Boolean(rehearsal)} busy={busy} onStart={(speed) => void send("POST", speed)} onEnd={() => void send("DELETE")} />
        {message && (
          <p role="alert" className="w-full text-red-700">
            {message}
          </p>
        )}
      </div>
    </div>
  );
}

/** Once the meeting has started, every page says so: changes reach the hall at once. */
function LiveBanner({ view }: { view: SetupView }) {
  const snapshot = view.snapshot;
  if (snapshot.live.rehearsal) return null;
  const hall = hallState(snapshot, Date.now());
  if (hall.item.key === "pending") return null;
  let where: string = hall.item.title;
  if (hall.item.key === "reports" && hall.speaker) where = `${hall.item.title} · ${speakerLabel(hall.speaker)}`;
  if (hall.item.key === "closed") {
    return (
      <div data-testid="setup-live-banner" data-state="closed" className="bg-slate-200 text-slate-900 ring-1 ring-slate-300 print:hidden">
        <p className="mx-auto max-w-6xl px-4 py-2 text-sm sm:px-6">
          <strong className="font-bold">会议已结束</strong>：述职顺序已记入会议记录，不能再调整。
        </p>
      </div>
    );
  }
  return (
    <div data-testid="setup-live-banner" data-state="live" className="bg-amber-100 text-amber-950 ring-1 ring-amber-300 print:hidden">
      <p className="mx-auto max-w-6xl px-4 py-2 text-sm sm:px-6">
        <strong className="font-bold">会议进行中</strong>：{where}。对名单的修改会立即同步到投影和参会平板。
      </p>
    </div>
  );
}
