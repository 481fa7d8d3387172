"use client";
// One unit's fields (单位, 姓名, 职务, 述职方式, 时限, 参加测评, 述职材料), for adding a unit or
// editing one, and its report file: upload a .docx or .pdf, download the original, remove it.
import { useRef, useState, type FormEvent } from "react";
import type { RosterView } from "@/server/domain/snapshot";
import { MAX_ATTACHMENT_BYTES, newSpeakerSchema, speakerPatchSchema } from "@/server/setup/setup-schemas";
import { Button, ConfirmDialog, Field, INPUT, minutesToMs, msToMinutes, Notice } from "./form-controls";
import { downloadWithToken } from "./setup-api";
import { useSetup } from "./setup-context";

interface Draft {
  unit: string;
  name: string;
  title: string;
  mode: "onsite" | "written";
  limit: string;
  evaluated: boolean;
  reportText: string;
}

function draftOf(entry: RosterView | null): Draft {
  return {
    unit: entry?.unit ?? "",
    name: entry?.name ?? "",
    title: entry?.title ?? "书记",
    mode: entry?.mode ?? "onsite",
    limit: msToMinutes(entry?.limitMs ?? null),
    evaluated: entry?.evaluated ?? true,
    reportText: entry?.reportText ?? "",
  };
}

/** `entry` null: a new unit. `modeLocked`: why the mode can't change now (reported / current). */
export function SpeakerForm(props: { entry: RosterView | null; modeLocked: string | null; evaluatedLocked: string | null; onDone: (message: string | null) => void }) {
  const { entry, modeLocked, evaluatedLocked, onDone } = props;
  const { meetingId, request, reload, view } = useSetup();
  const [draft, setDraft] = useState<Draft>(() => draftOf(entry));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const meetingLimit = msToMinutes(view.snapshot.meeting.limitMs);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const limitMs = minutesToMs(draft.limit);
    if (draft.limit.trim() !== "" && limitMs === null) return setErrors({ limitMs: "时限应为分钟数，如 6 或 5.5；不填则用会议统一时限" });
    const { limit: _typed, ...fields } = draft;
    const input = { ...fields, limitMs: draft.mode === "written" ? null : limitMs };
    const parsed = (entry ? speakerPatchSchema : newSpeakerSchema).safeParse(input);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[String(issue.path[0])] ??= issue.message;
      return setErrors(found);
    }
    setErrors({});
    setBusy(true);
    const path = entry
      ? `/api/meetings/${encodeURIComponent(meetingId)}/speakers/${encodeURIComponent(entry.id)}`
      : `/api/meetings/${encodeURIComponent(meetingId)}/speakers`;
    const result = await request(path, { method: entry ? "PATCH" : "POST", json: parsed.data });
    setBusy(false);
    if (!result.ok) return setErrors({ form: result.message });
    await reload();
    onDone(entry ? `已保存：${draft.unit.trim()}` : `已添加：${draft.unit.trim()}`);
  }

  const text = (key: "unit" | "name" | "title", label: string, placeholder: string) => (
    <Field label={label} error={errors[key]}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={INPUT}
          value={draft[key]}
          placeholder={placeholder}
          onChange={(e) => set(key, e.target.value)}
          data-testid={`speaker-${key}`}
          autoFocus={key === "unit" && !entry}
        />
      )}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid={entry ? "speaker-edit-form" : "speaker-add-form"}>
      <div className="grid gap-4 sm:grid-cols-3">
        {text("unit", "单位", "如：城东街道党工委")}
        {text("name", "书记姓名", "如：张XX")}
        {text("title", "职务", "如：书记")}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <fieldset>
          <legend className="mb-1 block text-sm font-medium text-slate-700">述职方式</legend>
          <div className="flex gap-2">
            {(["onsite", "written"] as const).map((mode) => (
              <label
                key={mode}
                className={`flex min-h-10 flex-1 cursor-pointer items-center justify-center gap-2 rounded-lg px-3 text-[15px] ring-1 ${
                  draft.mode === mode ? "bg-red-50 font-medium text-red-800 ring-red-400" : "bg-white text-slate-700 ring-slate-300"
                } ${modeLocked ? "cursor-not-allowed opacity-60" : ""}`}
              >
                <input type="radio" name="mode" className="accent-red-700" checked={draft.mode === mode} disabled={!!modeLocked} onChange={() => set("mode", mode)} />
                {mode === "onsite" ? "现场述职" : "书面述职"}
              </label>
            ))}
          </div>
          {modeLocked && <p className="mt-1 text-sm text-slate-600">{modeLocked}</p>}
        </fieldset>
        <Field label="时限（分钟）" hint={draft.mode === "written" ? "书面述职不计时。" : `不填则用会议统一时限（${meetingLimit} 分钟）。`} error={errors.limitMs}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              inputMode="decimal"
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={INPUT}
              value={draft.limit}
              placeholder={`统一 ${meetingLimit} 分钟`}
              disabled={draft.mode === "written"}
              onChange={(e) => set("limit", e.target.value)}
              data-testid="speaker-limit"
            />
          )}
        </Field>
        <div>
          <span className="mb-1 block text-sm font-medium text-slate-700">民主测评</span>
          <label className="flex min-h-10 items-center gap-2 text-[15px] text-slate-800">
            <input type="checkbox" className="size-4 accent-red-700" checked={draft.evaluated} disabled={!!evaluatedLocked} onChange={(e) => set("evaluated", e.target.checked)} />
            列入测评票
          </label>
          {evaluatedLocked && <p className="mt-1 text-sm text-slate-600">{evaluatedLocked}</p>}
        </div>
      </div>
      <Field label="述职材料（文字，可不填）" hint="可直接粘贴述职报告全文，平板上按段落显示；也可以在下方上传 Word 或 PDF 文件。" error={errors.reportText}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            rows={entry?.reportText ? 6 : 3}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={INPUT}
            value={draft.reportText}
            onChange={(e) => set("reportText", e.target.value)}
            data-testid="speaker-report"
          />
        )}
      </Field>
      {entry && <AttachmentControls entry={entry} />}
      {errors.form && <Notice tone="error">{errors.form}</Notice>}
      <div className="flex gap-3">
        <button
          type="submit"
          disabled={busy}
          data-testid="speaker-save"
          className="inline-flex min-h-10 items-center rounded-lg bg-red-700 px-5 text-[15px] font-medium text-white shadow-sm hover:bg-red-800 disabled:bg-slate-200 disabled:text-slate-600 disabled:shadow-none"
        >
          {busy ? "正在保存…" : entry ? "保存" : "添加到名单"}
        </button>
        <Button tone="quiet" onClick={() => onDone(null)}>
          取消
        </Button>
      </div>
    </form>
  );
}

function AttachmentControls({ entry }: { entry: RosterView }) {
  const { meetingId, token, request, reload } = useSetup();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<{ busy: boolean; message: string | null; tone: "error" | "success" }>({ busy: false, message: null, tone: "success" });
  const [confirmRemove, setConfirmRemove] = useState(false);
  const path = `/api/meetings/${encodeURIComponent(meetingId)}/speakers/${encodeURIComponent(entry.id)}/attachment`;

  async function upload(file: File) {
    if (!/\.(docx|pdf)$/i.test(file.name)) return setState({ busy: false, tone: "error", message: "只支持 Word (.docx) 或 PDF 文件。旧版 .doc 请先在 Word/WPS 中另存为 .docx。" });
    if (file.size > MAX_ATTACHMENT_BYTES) return setState({ busy: false, tone: "error", message: `文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB），述职材料不能超过 10 MB。` });
    setState({ busy: true, tone: "success", message: `正在上传 ${file.name}…` });
    const result = await request<{ fileName: string }>(`${path}?name=${encodeURIComponent(file.name)}`, { method: "PUT", file });
    if (input.current) input.current.value = "";
    if (!result.ok) return setState({ busy: false, tone: "error", message: `未上传：${result.message}` });
    await reload();
    setState({ busy: false, tone: "success", message: `已上传：${result.data.fileName}，参会平板可以阅读。` });
  }

  async function remove() {
    setState((s) => ({ ...s, busy: true }));
    const result = await request(path, { method: "DELETE" });
    setConfirmRemove(false);
    if (!result.ok) return setState({ busy: false, tone: "error", message: result.message });
    await reload();
    setState({ busy: false, tone: "success", message: "已删除材料文件。" });
  }

  const attachment = entry.attachment;
  return (
    <div className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
      <p className="text-sm font-medium text-slate-700">述职材料文件（Word .docx 或 PDF，10 MB 以内）</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        {attachment ? (
          <>
            <span className="text-[15px] text-slate-900" data-testid="attachment-name">
              {attachment.fileName}
            </span>
            <span className="text-sm text-slate-600">{attachment.hasHtml ? "平板上按网页显示" : "平板上用 PDF 阅读器打开"}</span>
            <Button
              tone="quiet"
              onClick={async () => {
                const error = await downloadWithToken(token, path, attachment.fileName);
                if (error) setState({ busy: false, tone: "error", message: error });
              }}
            >
              下载原文件
            </Button>
            <Button tone="danger" onClick={() => setConfirmRemove(true)} disabled={state.busy}>
              删除文件
            </Button>
          </>
        ) : (
          <span className="text-sm text-slate-600">尚未上传</span>
        )}
        <label className={`inline-flex min-h-10 cursor-pointer items-center rounded-lg bg-white px-4 text-[15px] font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50 ${state.busy ? "pointer-events-none opacity-50" : ""}`}>
          {attachment ? "换一个文件…" : "上传文件…"}
          <input
            ref={input}
            type="file"
            className="sr-only"
            accept=".docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            data-testid="attachment-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
        </label>
      </div>
      {state.message && (
        <p role={state.tone === "error" ? "alert" : "status"} className={`mt-2 text-sm ${state.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {state.message}
        </p>
      )}
      <ConfirmDialog open={confirmRemove} title="删除材料文件？" confirmLabel="删除文件" busy={state.busy} onConfirm={() => void remove()} onCancel={() => setConfirmRemove(false)}>
        将删除 {entry.unit} 上传的“{attachment?.fileName}”，平板上将不再显示。文字材料不受影响。
      </ConfirmDialog>
    </div>
  );
}
