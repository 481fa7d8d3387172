// Splits text into rows and cells: CSV as Excel and WPS write it, tab-separated text as
// Excel and Word put on the clipboard, and hand-typed tables separated by spaces.

import type { GridRow } from "./roster-columns";

export type Separator = "comma" | "tab" | "semicolon" | "fullwidth-comma" | "wide-space" | "any-space";

export interface SplitText {
  rows: GridRow[];
  /** True when the text had more than `maxRows` records; `rows` then stops there. */
  truncated: boolean;
}

const QUOTE = '"';

function isLineBreak(char: string | undefined): boolean {
  return char === "\n" || char === "\r";
}

/**
 * A quoted field starting at `start`, or null when the quote does not really open one —
 * Word and hand-typed text are not quoted, so `"两新"工委` must stay a plain cell: a quoted
 * field counts only when its closing quote is followed by a delimiter, a line break or the end.
 */
function readQuoted(text: string, start: number, delimiter: string): { value: string; end: number } | null {
  let value = "";
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf(QUOTE, from);
    if (quote < 0) return null;
    value += text.slice(from, quote);
    if (text[quote + 1] === QUOTE) {
      value += QUOTE;
      from = quote + 2;
      continue;
    }
    let end = quote + 1;
    // Tolerate `"a" ,` — spaces between the closing quote and the delimiter.
    while (text[end] === " " && delimiter !== " ") end += 1;
    if (end >= text.length || text[end] === delimiter || isLineBreak(text[end])) return { value, end };
    return null;
  }
}

function readBare(text: string, start: number, delimiter: string): { value: string; end: number } {
  let end = start;
  while (end < text.length && text[end] !== delimiter && !isLineBreak(text[end])) end += 1;
  return { value: text.slice(start, end), end };
}

/**
 * RFC 4180 records: quoted fields may hold delimiters, doubled quotes and line breaks;
 * CRLF, LF and CR all end a record. `line` is the record's 1-based number, which is the
 * row number Excel shows for the same file. A final line break does not make an empty record.
 */
export function parseDelimited(text: string, delimiter: string, maxRows: number): SplitText {
  const rows: GridRow[] = [];
  if (text === "") return { rows, truncated: false };
  let cells: string[] = [];
  let position = 0;
  for (;;) {
    const field =
      text[position] === QUOTE
        ? (readQuoted(text, position, delimiter) ?? readBare(text, position, delimiter))
        : readBare(text, position, delimiter);
    cells.push(field.value);
    position = field.end;
    if (position < text.length && text[position] === delimiter) {
      position += 1;
      continue;
    }
    rows.push({ line: rows.length + 1, cells });
    cells = [];
    if (position >= text.length) break;
    position += text[position] === "\r" && text[position + 1] === "\n" ? 2 : 1;
    if (position >= text.length) break;
    if (rows.length >= maxRows) return { rows, truncated: true };
  }
  return { rows, truncated: false };
}

/** Line by line, no quoting: for tables typed by hand or pasted as plain text. */
function splitLines(text: string, splitter: RegExp, maxRows: number): SplitText {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.at(-1) === "") lines.pop();
  const truncated = lines.length > maxRows;
  const rows = lines.slice(0, maxRows).map((line, index) => ({
    line: index + 1,
    cells: line.trim() === "" ? [""] : line.trim().split(splitter),
  }));
  return { rows, truncated };
}

export function splitText(text: string, separator: Separator, maxRows: number): SplitText {
  switch (separator) {
    case "comma":
      return parseDelimited(text, ",", maxRows);
    case "tab":
      return parseDelimited(text, "\t", maxRows);
    case "semicolon":
      return parseDelimited(text, ";", maxRows);
    case "fullwidth-comma":
      return splitLines(text, /\s*，\s*/, maxRows);
    case "wide-space":
      // Two or more spaces, or any full-width space: single spaces stay inside a cell.
      return splitLines(text, /(?: {2,}|[ ]*\u3000[\u3000 ]*)/, maxRows);
    case "any-space":
      return splitLines(text, /[\s\u3000]+/, maxRows);
    default: {
      const unreachable: never = separator;
      return unreachable;
    }
  }
}

/** Separators worth trying for a file, in order; the first that yields a header row wins. */
export function separatorsFor(kind: "csv" | "text"): Separator[] {
  return kind === "csv"
    ? ["comma", "semicolon", "tab"]
    : ["tab", "comma", "fullwidth-comma", "wide-space", "any-space"];
}

/** Space-separated cells cannot be quoted, so a row's extra cells belong to its last column. */
export function separatorMergesOverflow(separator: Separator): boolean {
  return separator === "wide-space" || separator === "any-space";
}
