// Keyboard-only entry of one paper 测评票, as a teller reads it aloud: one key per row in
// agenda order (1–4 the levels via `keyToMark`, 0 弃权), the cursor moving on by itself.
// Pure, so the keystroke rules are tested without a browser.
import { keyToMark, type PaperMark } from "@/server/domain/paper-ballots";
import type { RatingLevel } from "@/server/domain/tally";

export interface EntryDraft {
  /** One per evaluated secretary, in agenda order; undefined = not keyed yet. */
  marks: (PaperMark | undefined)[];
  /** The row the next key goes to; equals marks.length once every row is keyed. */
  cursor: number;
  /** The whole ballot is a 废票. */
  invalid: boolean;
}

export type EntryAction =
  | { type: "draft"; draft: EntryDraft }
  | { type: "save"; marks: PaperMark[]; invalid: boolean }
  /** Enter on an incomplete ballot: the cursor goes to the first missing row. */
  | { type: "incomplete"; draft: EntryDraft; row: number }
  | { type: "ballot-number" }
  | { type: "ignored" };

/** Keys that mark the whole ballot as 废票 (toggle). */
export const INVALID_KEYS = ["x", "X", "*"];
/** Jumps to the ballot-number field. */
export const BALLOT_NUMBER_KEYS = ["n", "N"];

export function emptyDraft(rows: number): EntryDraft {
  return { marks: Array.from({ length: rows }, () => undefined), cursor: 0, invalid: false };
}

function nextOpenRow(marks: (PaperMark | undefined)[], from: number): number {
  for (let i = from; i < marks.length; i++) if (marks[i] === undefined) return i;
  const earlier = marks.findIndex((m) => m === undefined);
  return earlier === -1 ? marks.length : earlier;
}

/** What one keystroke does to the draft. `key` is KeyboardEvent.key. */
export function applyEntryKey(draft: EntryDraft, key: string, levels: RatingLevel[]): EntryAction {
  const rows = draft.marks.length;
  if (INVALID_KEYS.includes(key)) return { type: "draft", draft: { ...draft, invalid: !draft.invalid } };
  if (BALLOT_NUMBER_KEYS.includes(key)) return { type: "ballot-number" };

  if (key === "Enter") {
    if (draft.invalid) return { type: "save", marks: draft.marks.map((m) => m ?? null), invalid: true };
    const missing = draft.marks.findIndex((m) => m === undefined);
    if (missing !== -1) return { type: "incomplete", draft: { ...draft, cursor: missing }, row: missing };
    return { type: "save", marks: draft.marks.map((m) => m ?? null), invalid: false };
  }

  if (key === "Backspace") {
    if (draft.invalid) return { type: "draft", draft: { ...draft, invalid: false } };
    if (draft.cursor === 0) return { type: "ignored" };
    const marks = [...draft.marks];
    const back = draft.cursor - 1;
    marks[back] = undefined;
    return { type: "draft", draft: { ...draft, marks, cursor: back } };
  }

  if (key === "ArrowUp") return { type: "draft", draft: { ...draft, cursor: Math.max(0, draft.cursor - 1) } };
  if (key === "ArrowDown") return { type: "draft", draft: { ...draft, cursor: Math.min(rows, draft.cursor + 1) } };

  const mark = keyToMark(key, levels);
  if (mark === undefined || draft.cursor >= rows) return { type: "ignored" };
  const marks = [...draft.marks];
  marks[draft.cursor] = mark;
  return { type: "draft", draft: { ...draft, marks, cursor: nextOpenRow(marks, draft.cursor + 1) } };
}

/** The key a teller presses for each level, e.g. [["1","好"], …, ["0","弃权"]]. */
export function keyLegend(levels: RatingLevel[]): Array<[key: string, label: string]> {
  return [...levels.slice(0, 9).map((level, i): [string, string] => [String(i + 1), level.label]), ["0", "弃权"]];
}
