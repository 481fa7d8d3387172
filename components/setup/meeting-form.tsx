"use client";
// Step 1, 会议信息: what the 会标 and the chair's script say — title, date, venue, chair,
// guests, the three agenda items, the chair's points for item 3 — and the speaking time.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { CLOSING_SECTION_LABEL } from "@/components/display/hall-labels";
import { closingPointNumber, closingSectionOf, type ClosingPoint, type MeetingInfo } from "@/server/domain/snapshot";
import { meetingPatchSchema } from "@/server/setup/setup-schemas";
import { Button, Card, Field, INPUT, minutesToMs, msToMinutes, Notice, SaveBar, type SaveStatus } from "./form-controls";
import { useSetup } from "./setup-context";

interface Draft {
  title: string;
  date: string;
  venue: string;
  chairName: string;
  guests: string;
  limit: string;
  warning: string;
  agenda: MeetingInfo["agenda"];
  closingPoints: ClosingPoint[];
}

function draftOf(meeting: MeetingInfo): Draft {
  return {
    title: meeting.title,
    date: meeting.date,
    venue: meeting.venue,
    chairName: meeting.chairName,
    guests: meeting.guests,
    limit: msToMinutes(meeting.limitMs),
    warning: msToMinutes(meeting.warningMs),
    agenda: meeting.agenda,
    closingPoints: meeting.closingPoints,
  };
}

const AGENDA_LABELS = [
  ["reports", "第一项议程（述职、点评）"],
  ["evaluation", "第二项议程（民主测评）"],
  ["closing", "第三项议程（书记讲话）"],
] as const;

export function MeetingForm() {
  const { view, meetingId, request, reload } = useSetup();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view.snapshot.meeting));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<SaveStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const saved = draftOf(view.snapshot.meeting);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);

  // When the meeting changes elsewhere (or after our own save, as the server stored it),
  // follow it — unless the organiser is in the middle of editing.
  const baseline = useRef(JSON.stringify(saved));
  const justSaved = useRef(false);
  useEffect(() => {
    const next = draftOf(view.snapshot.meeting);
    const untouched = JSON.stringify(draft) === baseline.current;
    baseline.current = JSON.stringify(next);
    if (untouched || justSaved.current) {
      justSaved.current = false;
      setDraft(next);
    }
    // Only a new version of the meeting should re-sync the form, not every keystroke.
  }, [view.snapshot.version]);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setStatus(null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const limitMs = minutesToMs(draft.limit);
    const warningMs = minutesToMs(draft.warning);
    const input = {
      title: draft.title,
      date: draft.date,
      venue: draft.venue,
      chairName: draft.chairName,
      guests: draft.guests,
      agenda: draft.agenda,
      closingPoints: draft.closingPoints,
      limitMs: limitMs ?? Number.NaN,
      warningMs: warningMs ?? 0,
    };
    const parsed = meetingPatchSchema.safeParse(input);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.join(".");
        const message = issue.message.startsWith("Invalid") ? (key === "limitMs" ? "请填写述职时限（分钟）" : "请检查此项") : issue.message;
        found[key] ??= message;
      }
      setErrors(found);
      setStatus({ tone: "error", text: "有几项需要修改，见标红的地方。" });
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await request<null>(`/api/meetings/${encodeURIComponent(meetingId)}`, { method: "PATCH", json: parsed.data });
    setBusy(false);
    if (!result.ok) return setStatus({ tone: "error", text: result.message });
    justSaved.current = true;
    await reload();
    setStatus({ tone: "success", text: "已保存。" });
  }

  const field = (key: keyof Draft & ("title" | "date" | "venue" | "chairName" | "guests"), label: string, options: { placeholder?: string; hint?: string; type?: string; wide?: boolean } = {}) => (
    <Field label={label} hint={options.hint} error={errors[key]} className={options.wide ? "sm:col-span-2" : ""}>
      {({ id, describedBy, invalid }) => (
        <input
          id={id}
          type={options.type ?? "text"}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={INPUT}
          value={draft[key]}
          placeholder={options.placeholder}
          onChange={(e) => set(key, e.target.value)}
          data-testid={`meeting-${key}`}
        />
      )}
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-6 pb-24">
      <Card title="会议信息" description="会议名称显示在投影的会标上；日期、地点显示在平板和会前投影上。">
        <div className="grid gap-4 sm:grid-cols-2">
          {field("title", "会议名称", { wide: true, placeholder: "如：2024年度党(工)委书记抓基层党建工作述职评议会" })}
          {field("date", "会议日期", { type: "date" })}
          {field("venue", "会议地点", { placeholder: "如：区委第一会议室" })}
          {field("chairName", "主持人", { placeholder: "如：XXX同志" })}
          {field("guests", "到会指导", { placeholder: "如：市委组织部XXX同志、XXX同志" })}
        </div>
      </Card>

      <Card title="述职时限" description="现场述职的统一时限；个别单位可以在“述职名单”里单独设置。书面述职不计时。">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="每位现场述职时限（分钟）" error={errors.limitMs} hint="如 6 或 5.5">
            {({ id, describedBy, invalid }) => (
              <input id={id} inputMode="decimal" aria-describedby={describedBy} aria-invalid={invalid} className={INPUT} value={draft.limit} onChange={(e) => set("limit", e.target.value)} data-testid="meeting-limit" />
            )}
          </Field>
          <Field label="提前提醒（分钟）" error={errors.warningMs} hint="剩余这么多时间时，倒计时变成琥珀色。">
            {({ id, describedBy, invalid }) => (
              <input id={id} inputMode="decimal" aria-describedby={describedBy} aria-invalid={invalid} className={INPUT} value={draft.warning} onChange={(e) => set("warning", e.target.value)} />
            )}
          </Field>
        </div>
      </Card>

      <Card title="议程" description="三项议程的标题和说明，投影与平板在进入该项议程时显示。">
        <div className="space-y-5">
          {AGENDA_LABELS.map(([key, label]) => (
            <fieldset key={key} className="grid gap-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 sm:grid-cols-[16rem_1fr]">
              <legend className="sr-only">{label}</legend>
              <Field label={`${label}标题`} error={errors[`agenda.${key}.title`]}>
                {({ id, describedBy, invalid }) => (
                  <input
                    id={id}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    className={INPUT}
                    value={draft.agenda[key].title}
                    onChange={(e) => set("agenda", { ...draft.agenda, [key]: { ...draft.agenda[key], title: e.target.value } })}
                  />
                )}
              </Field>
              <Field label="说明" error={errors[`agenda.${key}.text`]}>
                {({ id, describedBy, invalid }) => (
                  <textarea
                    id={id}
                    rows={3}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    className={INPUT}
                    value={draft.agenda[key].text}
                    onChange={(e) => set("agenda", { ...draft.agenda, [key]: { ...draft.agenda[key], text: e.target.value } })}
                  />
                )}
              </Field>
            </fieldset>
          ))}
        </div>
      </Card>

      <ClosingPoints points={draft.closingPoints} errors={errors} onChange={(points) => set("closingPoints", points)} />

      <SaveBar label="保存会议信息" testId="meeting-save" busy={busy} dirty={dirty} status={status} onUndo={() => setDraft(saved)} />
    </form>
  );
}

function ClosingPoints({ points, errors, onChange }: { points: ClosingPoint[]; errors: Record<string, string>; onChange: (points: ClosingPoint[]) => void }) {
  const update = (index: number, point: ClosingPoint) => onChange(points.map((p, i) => (i === index ? point : p)));
  const move = (index: number, delta: number) => {
    const next = [...points];
    const [point] = next.splice(index, 1);
    if (point) next.splice(index + delta, 0, point);
    onChange(next);
  };
  const last = points[points.length - 1];
  return (
    <Card
      title="书记讲话要点（第三项议程）"
      description="按讲话顺序：先讲成绩，再提要求，每部分从 1. 编号。主持人按 → 键逐条推进，投影和平板依次显示“1. ……”“2. ……”。"
      actions={
        <Button onClick={() => onChange([...points, { title: "", body: "", section: last ? closingSectionOf(last) : "requirements" }])} disabled={points.length >= 30}>
          ＋ 添加一条
        </Button>
      }
    >
      {errors.closingPoints && <Notice tone="error" className="mb-3">{errors.closingPoints}</Notice>}
      {points.length === 0 ? (
        <p className="text-sm text-slate-600">还没有要点。不填也可以开会：第三项议程只显示标题。</p>
      ) : (
        <ol className="space-y-3">
          {points.map((point, index) => {
            const label = `${CLOSING_SECTION_LABEL[closingSectionOf(point)]} ${closingPointNumber(points, index)}.`;
            return (
              <li key={index} className="grid gap-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 sm:grid-cols-[4.5rem_1fr_auto]">
                <span className="tabular text-lg font-bold text-slate-600 sm:pt-7 sm:text-center">{label}</span>
                <div className="space-y-3">
                  <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
                    <Field label="部分" error={errors[`closingPoints.${index}.section`]}>
                      {({ id, describedBy }) => (
                        <select
                          id={id}
                          aria-describedby={describedBy}
                          className={INPUT}
                          value={closingSectionOf(point)}
                          onChange={(e) => update(index, { ...point, section: e.target.value === "achievements" ? "achievements" : "requirements" })}
                        >
                          <option value="achievements">成绩</option>
                          <option value="requirements">要求</option>
                        </select>
                      )}
                    </Field>
                    <Field label={`${label} 标题`} error={errors[`closingPoints.${index}.title`]}>
                      {({ id, describedBy, invalid }) => (
                        <input id={id} aria-describedby={describedBy} aria-invalid={invalid} className={INPUT} value={point.title} onChange={(e) => update(index, { ...point, title: e.target.value })} placeholder="如：要始终坚持政治引领" />
                      )}
                    </Field>
                  </div>
                  <Field label="内容（可不填）" error={errors[`closingPoints.${index}.body`]}>
                    {({ id, describedBy }) => (
                      <textarea id={id} rows={2} aria-describedby={describedBy} className={INPUT} value={point.body} onChange={(e) => update(index, { ...point, body: e.target.value })} />
                    )}
                  </Field>
                </div>
                <div className="flex gap-1 sm:flex-col sm:pt-6">
                  <Button tone="quiet" aria-label={`上移${label}`} disabled={index === 0} onClick={() => move(index, -1)}>
                    ↑
                  </Button>
                  <Button tone="quiet" aria-label={`下移${label}`} disabled={index === points.length - 1} onClick={() => move(index, 1)}>
                    ↓
                  </Button>
                  <Button tone="quiet" aria-label={`删除${label}`} className="!text-red-700" onClick={() => onChange(points.filter((_, i) => i !== index))}>
                    删除
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
