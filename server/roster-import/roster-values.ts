// Reads the organiser's cell text into roster values. Each reader returns a Result whose
// message is shown next to the cell in the import preview.

import type { SpeakerMode } from "../domain/meeting-types";
import { fail, ok, type Result } from "../domain/result";
import { MAX_LIMIT_MS } from "./import-limits";

const OUTER_SPACE = /^[\s\u200b]+|[\s\u200b]+$/g;
const CJK_GAP = /(?<=[\u3400-\u9fff])[\s\u200b]+(?=[\u3400-\u9fff])/g;

/**
 * Trims outer whitespace — full-width (U+3000), non-breaking and zero-width spaces included —
 * and turns CRLF into LF. Inner line breaks stay: a 述职材料 cell keeps its paragraphs.
 */
export function cleanCell(raw: string): string {
  return raw.replace(/\r\n?/g, "\n").replace(OUTER_SPACE, "");
}

/** For one-line fields: any run of whitespace, line breaks included, becomes one space. */
export function singleLine(raw: string): string {
  return cleanCell(raw).replace(/[\s\u200b]+/g, " ");
}

/**
 * Two-character names are padded to line up with three-character ones ("张　三"); the padding
 * between Chinese characters is not part of the name. Latin names keep their spaces.
 */
export function personName(raw: string): string {
  return singleLine(raw).replace(CJK_GAP, "");
}

/** Two units are the same when they differ only in spacing, width or letter case. */
export function unitKey(unit: string): string {
  return unit.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

function compact(raw: string): string {
  return raw.normalize("NFKC").replace(/[\s\u200b]+/g, "").toLowerCase();
}

const MODE_WORDS: Record<string, SpeakerMode> = {
  现场述职: "onsite",
  现场: "onsite",
  口头述职: "onsite",
  口头: "onsite",
  onsite: "onsite",
  "on-site": "onsite",
  书面述职: "written",
  书面: "written",
  written: "written",
};

/** A blank cell is 现场述职, the common case (the street/town secretaries). */
export function parseMode(raw: string): Result<SpeakerMode> {
  const key = compact(raw);
  if (key === "") return ok("onsite");
  const mode = MODE_WORDS[key];
  if (mode === undefined) return fail("invalid", `述职方式无法识别：${raw}（应为 现场述职 或 书面述职）`);
  return ok(mode);
}

const MAX_ORDER = 99_999;

/** Returns null for a blank cell: the unit keeps its place in the file. Accepts "3", "3.0", "第3位". */
export function parseOrder(raw: string): Result<number | null> {
  const key = compact(raw);
  if (key === "") return ok(null);
  const match = /^第?(\d+)(?:\.0+)?[位名个号]?$/.exec(key);
  const order = match === null ? Number.NaN : Number(match[1]);
  if (!Number.isInteger(order) || order < 1 || order > MAX_ORDER) {
    return fail("invalid", `顺序应为正整数：${raw}`);
  }
  return ok(order);
}

const MINUTE_SUFFIX = "(?:分钟|分|minutes|minute|mins|min|m|')";
const SECOND_SUFFIX = "(?:秒钟|秒|seconds|second|secs|sec|s|\")";
const NUMBER = "(\\d+(?:\\.\\d+)?)";

const LIMIT_PATTERNS: { pattern: RegExp; toMs: (groups: number[], inSeconds: boolean) => number }[] = [
  { pattern: new RegExp(`^${NUMBER}$`), toMs: ([value], inSeconds) => value * (inSeconds ? 1000 : 60_000) },
  { pattern: new RegExp(`^${NUMBER}${MINUTE_SUFFIX}$`), toMs: ([minutes]) => minutes * 60_000 },
  { pattern: new RegExp(`^${NUMBER}${SECOND_SUFFIX}$`), toMs: ([seconds]) => seconds * 1000 },
  {
    pattern: new RegExp(`^(\\d+)${MINUTE_SUFFIX}(\\d+)${SECOND_SUFFIX}?$`),
    toMs: ([minutes, seconds]) => (seconds < 60 ? minutes * 60_000 + seconds * 1000 : Number.NaN),
  },
  {
    pattern: /^(\d+):(\d{1,2})$/,
    toMs: ([minutes, seconds]) => (seconds < 60 ? minutes * 60_000 + seconds * 1000 : Number.NaN),
  },
  {
    pattern: /^(\d+):(\d{1,2}):(\d{1,2})$/,
    toMs: ([hours, minutes, seconds]) =>
      minutes < 60 && seconds < 60 ? hours * 3_600_000 + minutes * 60_000 + seconds * 1000 : Number.NaN,
  },
];

/**
 * The per-speaker time limit in ms, or null for a blank cell (the meeting's limit applies).
 * "6", "6分钟", "6.5", "5:30", "5分30秒", "90秒"; bare numbers are minutes unless the
 * header says seconds ("时长（秒）").
 */
export function parseLimit(raw: string, inSeconds: boolean): Result<number | null> {
  const key = compact(raw);
  if (key === "") return ok(null);
  for (const { pattern, toMs } of LIMIT_PATTERNS) {
    const match = pattern.exec(key);
    if (match === null) continue;
    const ms = Math.round(toMs(match.slice(1).map(Number), inSeconds));
    if (Number.isNaN(ms)) break;
    if (ms <= 0 || ms > MAX_LIMIT_MS) {
      return fail("invalid", `时限超出范围：${raw}（应大于 0 且不超过 ${MAX_LIMIT_MS / 60_000} 分钟）`);
    }
    return ok(ms);
  }
  return fail("invalid", `时限无法识别：${raw}（应为分钟数，如 6、6分钟 或 5:30）`);
}
