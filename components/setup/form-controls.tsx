"use client";
// The few building blocks every setup form uses: labelled fields with their error under
// them, buttons, notices and a confirmation dialog for anything destructive.
import { useEffect, useId, useRef, type ButtonHTMLAttributes, type ReactNode } from "react";

type Tone = "primary" | "secondary" | "danger" | "quiet";

const BUTTON: Record<Tone, string> = {
  primary: "bg-red-700 text-white shadow-sm hover:bg-red-800 focus-visible:outline-red-700 disabled:bg-slate-200 disabled:text-slate-600 disabled:shadow-none",
  secondary: "bg-white text-slate-800 ring-1 ring-slate-300 shadow-sm hover:bg-slate-50 focus-visible:outline-slate-500 disabled:text-slate-600",
  danger: "bg-white text-red-700 ring-1 ring-red-300 hover:bg-red-50 focus-visible:outline-red-700 disabled:text-red-300",
  quiet: "text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-slate-500 disabled:text-slate-300",
};

export function Button({ tone = "secondary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: Tone }) {
  return (
    <button
      type="button"
      {...props}
      className={`inline-flex min-h-10 items-center justify-center gap-1.5 rounded-lg px-4 text-[15px] font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-offset-2 disabled:cursor-not-allowed ${BUTTON[tone]} ${className}`}
    />
  );
}

export const INPUT =
  "w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-[15px] text-slate-900 shadow-xs placeholder:text-slate-500 focus:border-red-600 focus:ring-2 focus:ring-red-600/20 focus:outline-none disabled:bg-slate-100 disabled:text-slate-600 aria-[invalid=true]:border-red-500";

/** A label, its control, a hint and the error for that control. `children` receives the ids to wire up. */
export function Field(props: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  className?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={props.className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {props.label}
      </label>
      {props.children({ id, describedBy, invalid: !!props.error })}
      {props.hint && (
        <p id={hintId} className="mt-1 text-sm text-slate-600">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-700">
          {props.error}
        </p>
      )}
    </div>
  );
}

const NOTICE = {
  info: "bg-sky-50 text-sky-900 ring-sky-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-300",
  error: "bg-red-50 text-red-800 ring-red-300",
  success: "bg-emerald-50 text-emerald-900 ring-emerald-300",
} as const;

export function Notice({ tone, children, className = "", testId }: { tone: keyof typeof NOTICE; children: ReactNode; className?: string; testId?: string }) {
  return (
    <div
      data-testid={testId}
      role={tone === "error" ? "alert" : "status"}
      className={`rounded-lg px-4 py-3 text-[15px] leading-relaxed ring-1 ${NOTICE[tone]} ${className}`}
    >
      {children}
    </div>
  );
}

export function Card({ title, description, actions, children, className = "", id }: { title: string; description?: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; id?: string }) {
  return (
    <section id={id} className={`rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6 ${className}`}>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-bold text-slate-900">{title}</h2>
          {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
        </div>
        {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/**
 * A modal question before anything destructive. The native <dialog> keeps focus inside and
 * closes on Esc; the confirming button says what it does ("移除", not "确定").
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** null: a notice with one button (the confirm button just closes it). */
  cancelLabel?: string | null;
  tone?: "danger" | "primary";
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/50"
    >
      <div className="p-6">
        <h2 className="text-lg font-bold text-slate-900">{props.title}</h2>
        <div className="mt-3 text-[15px] leading-relaxed text-slate-700">{props.children}</div>
        <div className="mt-6 flex justify-end gap-3">
          {props.cancelLabel !== null && (
            <Button tone="secondary" onClick={props.onCancel} disabled={props.busy}>
              {props.cancelLabel ?? "取消"}
            </Button>
          )}
          <Button
            tone={props.tone === "primary" ? "primary" : "danger"}
            className={props.tone === "primary" ? "" : "!bg-red-700 !text-white hover:!bg-red-800"}
            onClick={props.onConfirm}
            disabled={props.busy}
            autoFocus
          >
            {props.busy ? "请稍候…" : props.confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}

/** Minutes as typed ("6", "5.5", blank) ↔ milliseconds. */
export function minutesToMs(text: string): number | null {
  const value = Number(text.trim().replace(/分钟?$/, ""));
  return text.trim() === "" || !Number.isFinite(value) ? null : Math.round(value * 60_000);
}

export function msToMinutes(ms: number | null): string {
  if (ms === null) return "";
  const minutes = ms / 60_000;
  return Number.isInteger(minutes) ? String(minutes) : String(Math.round(minutes * 100) / 100);
}

export interface SaveStatus {
  tone: "success" | "error";
  text: string;
}

/** The bar pinned to the bottom of a setup form: save, what happened, undo the edits. */
export function SaveBar(props: {
  label: string;
  testId: string;
  busy: boolean;
  dirty: boolean;
  status: SaveStatus | null;
  onUndo: () => void;
}) {
  const { label, testId, busy, dirty, status, onUndo } = props;
  return (
    <div className="fixed inset-x-0 bottom-0 z-20 border-t border-slate-200 bg-white/95 backdrop-blur print:hidden">
      <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3 sm:px-6">
        <button
          type="submit"
          disabled={busy || !dirty}
          data-testid={testId}
          className="inline-flex min-h-11 items-center rounded-lg bg-red-700 px-6 text-[15px] font-bold text-white shadow-sm hover:bg-red-800 disabled:bg-slate-300"
        >
          {busy ? "正在保存…" : label}
        </button>
        {dirty && !status && <span className="text-sm text-amber-800">有未保存的修改</span>}
        {status && (
          <span role={status.tone === "error" ? "alert" : "status"} className={`text-sm ${status.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
            {status.text}
          </span>
        )}
        {dirty && (
          <Button tone="quiet" className="ml-auto" onClick={onUndo}>
            撤销修改
          </Button>
        )}
      </div>
    </div>
  );
}
