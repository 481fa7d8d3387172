import { describe, expect, it } from "vitest";
import { DEFAULT_RATING_LEVELS } from "@/server/domain/evaluation-setup";
import { applyEntryKey, emptyDraft, keyLegend, type EntryAction, type EntryDraft } from "./paper-keys";

const levels = DEFAULT_RATING_LEVELS;

function press(draft: EntryDraft, ...keys: string[]): { draft: EntryDraft; last: EntryAction } {
  let last: EntryAction = { type: "ignored" };
  for (const key of keys) {
    last = applyEntryKey(draft, key, levels);
    if (last.type === "draft" || last.type === "incomplete") draft = last.draft;
  }
  return { draft, last };
}

describe("keyboard entry of a paper ballot", () => {
  it("keys one row per digit, moving on by itself, and saves on Enter", () => {
    const { draft, last } = press(emptyDraft(3), "1", "0", "4", "Enter");
    expect(draft.cursor).toBe(3);
    expect(last).toEqual({ type: "save", marks: ["good", null, "poor"], invalid: false });
  });

  it("Backspace clears the row before the cursor and goes back to it", () => {
    const { draft } = press(emptyDraft(3), "1", "2", "Backspace");
    expect(draft.marks).toEqual(["good", undefined, undefined]);
    expect(draft.cursor).toBe(1);
    expect(press(emptyDraft(2), "Backspace").last.type).toBe("ignored");
  });

  it("refuses to save with a row missing and puts the cursor on it", () => {
    const { draft, last } = press(emptyDraft(3), "1", "ArrowDown", "2", "Enter");
    expect(last).toMatchObject({ type: "incomplete", row: 1 });
    expect(draft.cursor).toBe(1);
  });

  it("after a correction further up, goes on to the next row still blank", () => {
    const { draft } = press(emptyDraft(4), "1", "1", "1", "ArrowUp", "ArrowUp", "3");
    expect(draft.marks).toEqual(["good", "average", "good", undefined]);
    expect(draft.cursor).toBe(3);
  });

  it("ignores digits past the last level and keys past the last row", () => {
    expect(press(emptyDraft(2), "7").last.type).toBe("ignored");
    expect(press(emptyDraft(1), "1", "2").last.type).toBe("ignored");
  });

  it("X toggles 废票, which saves whatever rows were keyed", () => {
    const { draft, last } = press(emptyDraft(3), "2", "x", "Enter");
    expect(draft.invalid).toBe(true);
    expect(last).toEqual({ type: "save", marks: ["fair", null, null], invalid: true });
    expect(press(emptyDraft(3), "*", "*").draft.invalid).toBe(false);
    expect(press(emptyDraft(3), "X", "Backspace").draft.invalid).toBe(false);
  });

  it("N asks for the ballot number field", () => {
    expect(press(emptyDraft(3), "n").last.type).toBe("ballot-number");
  });

  it("lists the keys of the configured levels and 0 for 弃权", () => {
    expect(keyLegend(levels)).toEqual([
      ["1", "好"],
      ["2", "较好"],
      ["3", "一般"],
      ["4", "差"],
      ["0", "弃权"],
    ]);
  });
});
