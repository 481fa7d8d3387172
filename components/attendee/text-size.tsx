"use client";
// 大字 on attendee tablets: A+ steps the text through 100 % → 125 % → 150 % and back. The
// setting belongs to the device (older cadres keep the same tablet all day), so it is kept in
// this browser's storage and applied to the root element, where every rem-sized text, target
// and gap of the attendee screens follows it (app/globals.css). It changes only how the
// screen looks: nothing about it is sent to the server or touches a ballot.
import { useCallback, useEffect, useSyncExternalStore } from "react";

export const TEXT_SCALES = [100, 125, 150] as const;
export type TextScale = (typeof TEXT_SCALES)[number];

const STORAGE_KEY = "debrief.textScale";
const CHANGED = "debrief:text-scale";
const SCALE_NAMES: Record<TextScale, string> = { 100: "标准", 125: "大", 150: "特大" };

function readScale(): TextScale {
  try {
    const stored = Number(window.localStorage.getItem(STORAGE_KEY));
    return (TEXT_SCALES as readonly number[]).includes(stored) ? (stored as TextScale) : 100;
  } catch {
    // Storage refused (private mode): the standard size.
    return 100;
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener("storage", onChange);
  };
}

function apply(scale: TextScale): void {
  if (scale === 100) delete document.documentElement.dataset.textScale;
  else document.documentElement.dataset.textScale = String(scale);
}

/** The device's text scale (100 on the server and before hydration), and a way to set it. */
export function useTextScale(): { scale: TextScale; setScale: (scale: TextScale) => void } {
  const scale = useSyncExternalStore(subscribe, readScale, () => 100 as TextScale);
  useEffect(() => apply(scale), [scale]);
  const setScale = useCallback((next: TextScale) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, String(next));
    } catch {
      // Not remembered, but still applied for this page.
    }
    apply(next);
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  return { scale, setScale };
}

/** The A+ button on every attendee screen; `tone` matches the bar it sits on. */
export function TextSizeButton({ tone = "dark" }: { tone?: "dark" | "light" }) {
  const { scale, setScale } = useTextScale();
  const next = TEXT_SCALES[(TEXT_SCALES.indexOf(scale) + 1) % TEXT_SCALES.length]!;
  const style =
    tone === "dark"
      ? "bg-white/10 text-white ring-1 ring-white/40 active:bg-white/20"
      : "bg-white text-slate-900 ring-1 ring-slate-400 active:bg-slate-100";
  return (
    <button
      type="button"
      data-testid="text-size"
      data-scale={scale}
      onClick={() => setScale(next)}
      className={`inline-flex min-h-11 min-w-11 shrink-0 items-center justify-center gap-0.5 rounded-lg px-2 text-lg font-bold whitespace-nowrap ${style}`}
    >
      A+
      {scale !== 100 && <span className="tabular text-base font-medium">{scale}%</span>}
      <span className="sr-only">
        字号{SCALE_NAMES[scale]}，点按切换为{SCALE_NAMES[next]}
      </span>
    </button>
  );
}
