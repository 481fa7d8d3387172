"use client";
// 会前准备: every meeting, a new one, or a copy of last year's (roster, texts and settings —
// never its 点评, ballots or live state).
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { TokenForm } from "@/components/chair/token-form";
import { useChairToken } from "@/components/chair/use-chair-token";
import { formatMeetingDate } from "@/components/display/hall-labels";
import { copyMeetingSchema, newMeetingSchema, type SetupMeetingRow } from "@/server/setup/setup-schemas";
import { Button, Card, Field, INPUT, Notice } from "./form-controls";
import { setupRequest } from "./setup-api";

type Load = { status: "loading" } | { status: "ok"; meetings: SetupMeetingRow[] } | { status: "unauthorized"; message: string } | { status: "error"; message: string };

const STATUS = {
  pending: { text: "未开始", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  live: { text: "进行中", className: "bg-amber-100 text-amber-900 ring-amber-300" },
  closed: { text: "已结束", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
} as const;

/** "2023年度…" → "2024年度…": the usual edit when copying last year's meeting. */
export function nextYearTitle(title: string): string {
  return title.replace(/(19|20)\d{2}/g, (year) => String(Number(year) + 1));
}

export function SetupMeetingList() {
  const { ready, token, save, forget } = useChairToken();
  const [load, setLoad] = useState<Load>({ status: "loading" });
  const [creating, setCreating] = useState(false);
  const [copying, setCopying] = useState<SetupMeetingRow | null>(null);

  const refresh = useCallback(async () => {
    if (!token) return;
    const result = await setupRequest<SetupMeetingRow[]>(token, "/api/setup/meetings");
    if (result.ok) setLoad({ status: "ok", meetings: result.data });
    else if (result.status === 401) setLoad({ status: "unauthorized", message: result.message });
    else setLoad({ status: "error", message: result.message });
  }, [token]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

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

  return (
    <div className="min-h-screen bg-slate-100">
      <header className="bg-white shadow-sm">
        <div className="h-1.5 bg-banner" />
        <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-4 px-4 py-4 sm:px-6">
          <div className="flex-1">
            <h1 className="text-2xl font-bold text-slate-900">会前准备</h1>
            <p className="mt-0.5 text-sm text-slate-600">建立会议、导入述职名单、设置民主测评、打印座位二维码。</p>
          </div>
          <Link href="/chair" className="text-sm font-medium text-red-700 hover:text-red-900">
            主持人控制台 ›
          </Link>
          <button type="button" onClick={forget} className="text-sm text-slate-600 hover:text-slate-900">
            退出（清除本机口令）
          </button>
        </div>
      </header>
      <main className="mx-auto max-w-5xl space-y-6 px-4 py-6 sm:px-6">
        {creating ? (
          <CreateMeeting token={token} onCancel={() => setCreating(false)} />
        ) : (
          <div className="flex flex-wrap gap-3">
            <Button tone="primary" onClick={() => setCreating(true)} data-testid="setup-new-meeting">
              ＋ 新建会议
            </Button>
            <p className="self-center text-sm text-slate-600">或在下方找到去年的会议，点“复制为新会议”，名单和设置一并带过来。</p>
          </div>
        )}
        {copying && <CopyMeeting token={token} source={copying} onCancel={() => setCopying(null)} />}
        {load.status === "loading" && <p className="text-slate-600">正在读取会议列表…</p>}
        {load.status === "error" && <Notice tone="error">{load.message}</Notice>}
        {load.status === "ok" && load.meetings.length === 0 && <Notice tone="info">还没有会议：点“新建会议”开始。</Notice>}
        {load.status === "ok" && load.meetings.length > 0 && (
          <ul className="space-y-3" aria-label="会议列表">
            {load.meetings.map((meeting) => (
              <li key={meeting.id} data-testid={`setup-meeting-${meeting.id}`} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200">
                <div className="flex flex-wrap items-start gap-3">
                  <div className="min-w-0 flex-1">
                    <p className="text-lg leading-snug font-bold text-slate-900">{meeting.title}</p>
                    <p className="mt-1 text-sm text-slate-600">
                      {[meeting.date ? formatMeetingDate(meeting.date) : "日期未定", meeting.venue || "地点未定", `${meeting.speakerCount} 个述职单位`].join(" · ")}
                      <span className="ml-2 text-slate-600">
                        会议码 <span className="tabular font-mono text-slate-800">{meeting.attendeeCode}</span>
                      </span>
                    </p>
                  </div>
                  <span className={`shrink-0 rounded-full px-3 py-0.5 text-sm ring-1 ${STATUS[meeting.status].className}`}>{STATUS[meeting.status].text}</span>
                </div>
                <div className="mt-4 flex flex-wrap gap-2">
                  <Link
                    href={`/setup/${encodeURIComponent(meeting.id)}`}
                    className="inline-flex min-h-10 items-center rounded-lg bg-red-700 px-4 text-[15px] font-medium text-white shadow-sm hover:bg-red-800"
                  >
                    准备会议
                  </Link>
                  <Button onClick={() => setCopying(meeting)}>复制为新会议</Button>
                  <Link
                    href={`/chair/${encodeURIComponent(meeting.id)}`}
                    className="inline-flex min-h-10 items-center rounded-lg px-4 text-[15px] font-medium text-slate-700 hover:bg-slate-100"
                  >
                    主持会议 ›
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </main>
    </div>
  );
}

function CreateMeeting({ token, onCancel }: { token: string; onCancel: () => void }) {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [date, setDate] = useState("");
  const [venue, setVenue] = useState("");
  const [voters, setVoters] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { title, date, venue, expectedVoters: voters.trim() === "" ? 0 : Number(voters) };
    const parsed = newMeetingSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message.startsWith("Invalid") ? "请输入整数" : issue.message])));
      return;
    }
    setBusy(true);
    const result = await setupRequest<{ id: string }>(token, "/api/meetings", { method: "POST", json: parsed.data });
    setBusy(false);
    if (!result.ok) return setErrors({ form: result.message });
    router.push(`/setup/${encodeURIComponent(result.data.id)}`);
  }

  return (
    <Card title="新建会议" description="先填会议名称，其余信息随时可以补充。">
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
        <Field label="会议名称（必填）" error={errors.title} className="sm:col-span-2">
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={INPUT}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              placeholder="如：2024年度党(工)委书记抓基层党建工作述职评议会"
              autoFocus
              data-testid="new-meeting-title"
            />
          )}
        </Field>
        <Field label="会议日期" error={errors.date}>
          {({ id, describedBy, invalid }) => (
            <input id={id} type="date" aria-describedby={describedBy} aria-invalid={invalid} className={INPUT} value={date} onChange={(e) => setDate(e.target.value)} data-testid="new-meeting-date" />
          )}
        </Field>
        <Field label="会议地点" error={errors.venue}>
          {({ id, describedBy, invalid }) => (
            <input id={id} aria-describedby={describedBy} aria-invalid={invalid} className={INPUT} value={venue} onChange={(e) => setVenue(e.target.value)} placeholder="如：区委第一会议室" />
          )}
        </Field>
        <Field label="应到人数（民主测评）" hint="按人数生成座位二维码，以后也可以修改。" error={errors.expectedVoters}>
          {({ id, describedBy, invalid }) => (
            <input id={id} inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid} className={INPUT} value={voters} onChange={(e) => setVoters(e.target.value)} placeholder="如：40" />
          )}
        </Field>
        {errors.form && (
          <Notice tone="error" className="sm:col-span-2">
            {errors.form}
          </Notice>
        )}
        <div className="flex gap-3 sm:col-span-2">
          <button
            type="submit"
            disabled={busy}
            data-testid="new-meeting-submit"
            className="inline-flex min-h-10 items-center rounded-lg bg-red-700 px-5 text-[15px] font-medium text-white shadow-sm hover:bg-red-800 disabled:bg-slate-200 disabled:text-slate-600 disabled:shadow-none"
          >
            {busy ? "正在建立…" : "建立会议"}
          </button>
          <Button tone="quiet" onClick={onCancel}>
            取消
          </Button>
        </div>
      </form>
    </Card>
  );
}

function CopyMeeting({ token, source, onCancel }: { token: string; source: SetupMeetingRow; onCancel: () => void }) {
  const router = useRouter();
  const [title, setTitle] = useState(nextYearTitle(source.title));
  const [date, setDate] = useState("");
  const [includeReports, setIncludeReports] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = copyMeetingSchema.safeParse({ title, date, includeReports });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? "请检查输入");
    setBusy(true);
    const result = await setupRequest<{ id: string }>(token, `/api/meetings/${encodeURIComponent(source.id)}/copy`, { method: "POST", json: parsed.data });
    setBusy(false);
    if (!result.ok) return setError(result.message);
    router.push(`/setup/${encodeURIComponent(result.data.id)}`);
  }

  return (
    <Card title="复制为新会议" description={<>从“{source.title}”复制述职名单、议程文字、时限和民主测评设置。点评、测评票和会议进程不会复制；会议码、投影口令和座位码全部重新生成。</>}>
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2" noValidate>
        <Field label="新会议名称" error={error} className="sm:col-span-2">
          {({ id, describedBy, invalid }) => (
            <input id={id} aria-describedby={describedBy} aria-invalid={invalid} className={INPUT} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="copy-meeting-title" />
          )}
        </Field>
        <Field label="会议日期">
          {({ id }) => <input id={id} type="date" className={INPUT} value={date} onChange={(e) => setDate(e.target.value)} />}
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-[15px] text-slate-800">
          <input type="checkbox" className="size-4 accent-red-700" checked={includeReports} onChange={(e) => setIncludeReports(e.target.checked)} />
          同时复制去年的述职材料（文字和上传的文件）
        </label>
        <div className="flex gap-3 sm:col-span-2">
          <button type="submit" disabled={busy} className="inline-flex min-h-10 items-center rounded-lg bg-red-700 px-5 text-[15px] font-medium text-white shadow-sm hover:bg-red-800 disabled:bg-slate-200 disabled:text-slate-600 disabled:shadow-none">
            {busy ? "正在复制…" : "复制并打开"}
          </button>
          <Button tone="quiet" onClick={onCancel}>
            取消
          </Button>
        </div>
      </form>
    </Card>
  );
}
