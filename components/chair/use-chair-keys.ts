"use client";
// The console's single-key controls. They are off while focus is on anything that takes keys
// itself — a field, the 点评 pad, a button or a link — so Space and Enter press the focused
// button and Space types a space in a 点评; the new-entry shortcuts work everywhere.
import { useEffect, useRef } from "react";

export interface ChairKeyActions {
  startPause: () => void;
  next: () => void;
  previous: () => void;
  addMinute: () => void;
  removeMinute: () => void;
  newComment: () => void;
  showKeys: () => void;
}

/** What the legend shows; kept next to the handler so the two cannot drift apart. */
export const KEY_LEGEND: Array<{ keys: string[]; label: string }> = [
  { keys: ["Space"], label: "开始/暂停" },
  { keys: ["→"], label: "下一步" },
  { keys: ["←"], label: "上一步" },
  { keys: ["+"], label: "加 1 分钟" },
  { keys: ["−"], label: "减 1 分钟" },
  { keys: ["Alt+N", "Ctrl+Enter"], label: "新增点评" },
  { keys: ["Esc"], label: "离开输入框" },
  { keys: ["?"], label: "全部快捷键" },
];

/** What the footer has room for at 14 px; `?` lists all of KEY_LEGEND. */
export const KEY_LEGEND_SHORT = KEY_LEGEND.filter(({ label }) => ["开始/暂停", "下一步", "上一步", "全部快捷键"].includes(label));

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * Focus on something that handles keys of its own: Space/Enter press a focused button or
 * follow a link, and arrows move within a radio group. A shortcut there would do something
 * other than what the chair sees focused.
 */
export function ownsKeys(target: EventTarget | null): boolean {
  if (isTypingTarget(target)) return true;
  if (!(target instanceof HTMLElement)) return false;
  return target.closest('button, a[href], summary, [role="button"], [role="link"], [role="radio"], [role="checkbox"], [role="menuitem"], [role="tab"], [data-keys="own"]') !== null;
}

export function useChairKeys(actions: ChairKeyActions): void {
  const latest = useRef(actions);
  useEffect(() => {
    latest.current = actions;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const a = latest.current;
      const typing = isTypingTarget(event.target);

      if ((event.altKey && event.code === "KeyN") || ((event.ctrlKey || event.metaKey) && event.key === "Enter")) {
        event.preventDefault();
        if (!event.repeat) a.newComment();
        return;
      }
      if (typing) {
        if (event.key === "Escape" && event.target instanceof HTMLElement) event.target.blur();
        return;
      }
      if (ownsKeys(event.target)) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;

      let action: (() => void) | null = null;
      switch (event.key) {
        case " ":
        case "Spacebar":
          action = a.startPause;
          break;
        case "ArrowRight":
          action = a.next;
          break;
        case "ArrowLeft":
          action = a.previous;
          break;
        case "+":
        case "=":
          action = a.addMinute;
          break;
        case "-":
        case "−":
        case "_":
          action = a.removeMinute;
          break;
        case "?":
          action = a.showKeys;
          break;
        default:
          return;
      }
      event.preventDefault();
      if (!event.repeat) action();
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
