"use client";
// One quiet line at the bottom of the console: refusals from the server (in its own
// words) and short confirmations. A newer message replaces the older one.
import { useCallback, useEffect, useRef, useState } from "react";

/** How long a message stays before the line clears itself. */
const STATUS_VISIBLE_MS = 6_000;

export type StatusTone = "error" | "info";

export interface StatusMessage {
  id: number;
  text: string;
  tone: StatusTone;
}

export function useStatusLine() {
  const [message, setMessage] = useState<StatusMessage | null>(null);
  const counter = useRef(0);

  useEffect(() => {
    if (!message) return;
    const handle = setTimeout(() => setMessage((m) => (m?.id === message.id ? null : m)), STATUS_VISIBLE_MS);
    return () => clearTimeout(handle);
  }, [message]);

  const show = useCallback((text: string, tone: StatusTone = "info") => {
    counter.current += 1;
    setMessage({ id: counter.current, text, tone });
  }, []);

  const clear = useCallback(() => setMessage(null), []);

  return { message, show, clear };
}

export function StatusLine({ message, onClose }: { message: StatusMessage | null; onClose: () => void }) {
  return (
    <div role="status" aria-live="polite" data-testid="chair-status" className="flex min-w-0 flex-1 items-center justify-end">
      {message && (
        <span
          key={message.id}
          className={`flex min-w-0 items-center gap-2 rounded px-2 py-0.5 text-sm ${
            message.tone === "error" ? "bg-red-50 text-red-800 ring-1 ring-red-200" : "bg-slate-100 text-slate-700"
          }`}
        >
          <span className="truncate">{message.tone === "error" ? `未执行：${message.text}` : message.text}</span>
          <button type="button" onClick={onClose} className="min-h-6 min-w-6 shrink-0 text-slate-600 hover:text-slate-900" aria-label="关闭提示">
            ×
          </button>
        </span>
      )}
    </div>
  );
}
