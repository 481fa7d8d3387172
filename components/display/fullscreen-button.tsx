"use client";
// The projector's only control: a "全屏" button (or the F key). It and the mouse pointer
// disappear once the screen is fullscreen or the mouse has been still for a while, so
// nothing but the meeting shows on the hall screen.
import { useEffect, useState } from "react";

/** How long the mouse must be still before the button and the pointer hide. */
const POINTER_IDLE_MS = 4_000;

/** True once the pointer has not moved (nor a key been pressed) for POINTER_IDLE_MS. */
export function usePointerIdle(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timeout = setTimeout(() => setIdle(true), POINTER_IDLE_MS);
    const wake = () => {
      setIdle(false);
      clearTimeout(timeout);
      timeout = setTimeout(() => setIdle(true), POINTER_IDLE_MS);
    };
    const events = ["pointermove", "pointerdown", "keydown"] as const;
    for (const name of events) window.addEventListener(name, wake);
    return () => {
      clearTimeout(timeout);
      for (const name of events) window.removeEventListener(name, wake);
    };
  }, []);
  return idle;
}

function toggleFullscreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  else void document.documentElement.requestFullscreen().catch(() => {});
}

export function FullscreenButton({ pointerIdle }: { pointerIdle: boolean }) {
  const [fullscreen, setFullscreen] = useState(false);
  const [supported, setSupported] = useState(false);

  useEffect(() => {
    setSupported(document.fullscreenEnabled);
    const sync = () => setFullscreen(document.fullscreenElement !== null);
    const onKey = (event: KeyboardEvent) => {
      if ((event.key === "f" || event.key === "F") && !event.ctrlKey && !event.metaKey && !event.altKey) toggleFullscreen();
    };
    sync();
    document.addEventListener("fullscreenchange", sync);
    window.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("fullscreenchange", sync);
      window.removeEventListener("keydown", onKey);
    };
  }, []);

  if (!supported || fullscreen || pointerIdle) return null;
  return (
    <button
      type="button"
      onClick={toggleFullscreen}
      className="fixed right-[2vw] bottom-[2vh] z-20 rounded-lg bg-slate-800/90 px-5 py-3 text-lg text-slate-100 shadow-lg ring-1 ring-slate-600 hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-amber-300"
      title="全屏显示（F 键）"
    >
      全屏 <span className="ml-1 text-sm text-slate-400">F</span>
    </button>
  );
}
