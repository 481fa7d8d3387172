// The organisers' roster import: an .xlsx, a CSV (UTF-8 or GBK) or a table pasted from Word
// or Excel becomes a preview — every row the organiser typed, each with its problems in
// Chinese — before anything is saved. Pure: no database, no HTTP. Bad input is a value.

import type { SpeakerMode } from "../domain/meeting-types";
import { fail, ok, type Result } from "../domain/result";
import { decodeText, type TextEncoding } from "./decode-text";
import { type Separator, separatorMergesOverflow, separatorsFor, splitText } from "./delimited-text";
import {
  describeBytes,
  MAX_DATA_ROWS,
  MAX_FILE_BYTES,
  MAX_NAME_CHARS,
  MAX_REPORT_CHARS,
  MAX_SHEET_ROWS,
  MAX_TITLE_CHARS,
  MAX_UNIT_CHARS,
} from "./import-limits";
import { readXlsx } from "./read-xlsx";
import {
  findHeaderRow,
  type GridRow,
  type HeaderMatch,
  NO_HEADER_MESSAGE,
  type RecognisedColumn,
  type RosterField,
} from "./roster-columns";
import { cleanCell, parseLimit, parseMode, parseOrder, personName, singleLine, unitKey } from "./roster-values";
import { NOT_XLSX_MESSAGE } from "./zip-inspect";

export type ImportSource = { kind: "file"; fileName: string; bytes: Uint8Array } | { kind: "text"; text: string };

export interface RosterRow {
  /** Row number as the organiser sees it: Excel's row number, or the record's line in a CSV or paste. */
  line: number;
  unit: string;
  name: string;
  title: string;
  /** 现场述职 when the column is absent or the cell blank. */
  mode: SpeakerMode;
  /** Explicit 述职顺序; null when not given. */
  order: number | null;
  /** null means the meeting's own limit applies. */
  limitMs: number | null;
  reportText: string;
}

export interface RowProblem {
  line: number;
  /** The cell to highlight; absent for problems of the whole row. */
  field?: RosterField;
  message: string;
}

/**
 * A row with text in it but no unit, name, title or report (a 备注 line under the table, a
 * 合计 line): not imported, and listed so the organiser sees that it was left out and why.
 */
export interface SkippedRow {
  line: number;
  /** The row's text, cells joined, shortened. */
  text: string;
  reason: string;
}

/** A row with what is wrong with it; values that could not be read are null or the default mode. */
export interface PreviewRow extends RosterRow {
  problems: RowProblem[];
}

export type RosterSourceInfo =
  | { format: "xlsx"; sheetName: string }
  | { format: "csv" | "text"; encoding: TextEncoding | null; separator: Separator };

export interface RosterPreview {
  source: RosterSourceInfo;
  headerLine: number;
  /** Which column became which field, so the preview can say "单位 ← 党组织名称". */
  columns: RecognisedColumn[];
  /** Headers of columns that were not imported (备注, 联系电话 …). */
  ignoredHeaders: string[];
  /** Every non-blank row below the header, in file order, each with its own problems. */
  rows: PreviewRow[];
  /** All rows' problems in one list, for a summary; empty when the roster can be imported as is. */
  problems: RowProblem[];
  /** Rows below the header that are not units at all (notes, totals); never imported. */
  skipped: SkippedRow[];
}

/** The rows that have no problems, without their (empty) problem lists. */
export function importableRows(preview: RosterPreview): RosterRow[] {
  return preview.rows
    .filter((row) => row.problems.length === 0)
    .map(({ problems: _problems, ...row }) => row);
}

const UNREADABLE_MESSAGE = "无法读取该文件：请上传 .xlsx 或 .csv 格式的名单，或直接粘贴表格";

/** Never throws: a parser failing on a hostile file becomes an error message. */
export async function parseRoster(source: ImportSource): Promise<Result<RosterPreview>> {
  try {
    return source.kind === "text" ? parseText(source.text, "text", null) : await parseFile(source.fileName, source.bytes);
  } catch {
    return fail("invalid", UNREADABLE_MESSAGE);
  }
}

type FileSignature = "zip" | "ole2" | "other-binary" | "unknown";

function signatureOf(bytes: Uint8Array): FileSignature {
  const starts = (...prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return "zip";
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return "ole2";
  const binaries = [
    [0x89, 0x50, 0x4e, 0x47], // PNG
    [0xff, 0xd8, 0xff], // JPEG
    [0x47, 0x49, 0x46, 0x38], // GIF
    [0x25, 0x50, 0x44, 0x46], // PDF
    [0x52, 0x61, 0x72, 0x21], // RAR
    [0x37, 0x7a, 0xbc, 0xaf], // 7z
  ];
  return binaries.some((prefix) => starts(...prefix)) ? "other-binary" : "unknown";
}

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot < 0 ? "" : fileName.slice(dot + 1).trim().toLowerCase();
}

const EXCEL_EXTENSIONS = new Set(["xlsx", "xlsm", "xltx"]);
/** .xls included: web systems often export tab-separated text under that name. */
const TEXT_EXTENSIONS = new Set(["csv", "tsv", "txt", "xls", ""]);

async function parseFile(fileName: string, bytes: Uint8Array): Promise<Result<RosterPreview>> {
  // Refused before decoding or unzipping anything.
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return fail(
      "invalid",
      `文件过大（${describeBytes(bytes.byteLength)}），名单文件不能超过 ${describeBytes(MAX_FILE_BYTES)}`,
    );
  }
  if (bytes.byteLength === 0) return fail("invalid", "文件是空的");
  const extension = extensionOf(fileName);
  const signature = signatureOf(bytes);

  // Content decides over the name: an .xlsx renamed to .csv is still read as a workbook.
  if (signature === "zip") return parseWorkbook(bytes);
  if (signature === "ole2") {
    return fail("invalid", "暂不支持旧版 Excel (.xls) 文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入");
  }
  if (EXCEL_EXTENSIONS.has(extension)) return fail("invalid", NOT_XLSX_MESSAGE);
  if (signature === "other-binary") return fail("invalid", UNREADABLE_MESSAGE);
  if (!TEXT_EXTENSIONS.has(extension)) {
    return fail("invalid", `不支持的文件类型：.${extension}（请上传 .xlsx 或 .csv 文件，或直接粘贴表格）`);
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  return parseText(decoded.data.text, extension === "csv" ? "csv" : "text", decoded.data.encoding);
}

async function parseWorkbook(bytes: Uint8Array): Promise<Result<RosterPreview>> {
  const sheets = await readXlsx(bytes);
  if (!sheets.ok) return sheets;
  let firstError: Result<never> | null = null;
  // The first worksheet with a header: a 填写说明 sheet in front of the roster is skipped.
  for (const sheet of sheets.data) {
    const header = findHeaderRow(sheet.rows);
    if (header.ok) return buildPreview(sheet.rows, header.data, false, { format: "xlsx", sheetName: sheet.name });
    firstError ??= header;
  }
  return firstError ?? fail("invalid", NO_HEADER_MESSAGE);
}

function parseText(text: string, kind: "csv" | "text", encoding: TextEncoding | null): Result<RosterPreview> {
  if (text.length > MAX_FILE_BYTES) {
    return fail("invalid", `内容过多，名单不能超过 ${describeBytes(MAX_FILE_BYTES)}`);
  }
  if (cleanCell(text) === "") return fail("invalid", kind === "text" ? "没有可导入的内容" : "文件是空的");
  let nearMiss: Result<never> | null = null;
  for (const separator of separatorsFor(kind)) {
    const split = splitText(text, separator, MAX_SHEET_ROWS);
    if (split.truncated) return tooManySheetRows();
    const header = findHeaderRow(split.rows);
    if (header.ok) {
      const source: RosterSourceInfo = { format: kind, encoding, separator };
      return buildPreview(split.rows, header.data, separatorMergesOverflow(separator), source);
    }
    if (nearMiss === null && header.error.message !== NO_HEADER_MESSAGE) nearMiss = header;
  }
  return nearMiss ?? fail("invalid", NO_HEADER_MESSAGE);
}

function tooManySheetRows(): Result<never> {
  return fail("invalid", `表格行数过多（超过 ${MAX_SHEET_ROWS} 行），请删除多余的行后再导入`);
}

const SKIPPED_TEXT_CHARS = 60;
const SKIPPED_REASON = "没有单位和姓名（如表格下方的备注、说明或合计），不导入";

/**
 * The text of a row that is blank as a roster row, when it says something: a pre-numbered
 * empty row (only digits) or a spacer says nothing and is passed over silently.
 */
function noteText(cells: string[]): string | null {
  const text = cells.map(cleanCell).filter((cell) => cell !== "").join(" ");
  if (!/[^\d\s.]/.test(text)) return null;
  return text.length > SKIPPED_TEXT_CHARS ? `${text.slice(0, SKIPPED_TEXT_CHARS)}…` : text;
}

/** Rows with nothing in the unit, name, title or report cells: spacer rows, pre-numbered empty rows, notes. */
function isBlank(cell: (field: RosterField) => string): boolean {
  return (["unit", "name", "title", "reportText"] as const).every((field) => cleanCell(cell(field)) === "");
}

function buildPreview(
  grid: GridRow[],
  header: HeaderMatch,
  mergeOverflow: boolean,
  source: RosterSourceInfo,
): Result<RosterPreview> {
  const width = grid[header.rowIndex].cells.length;
  const rows: PreviewRow[] = [];
  const skipped: SkippedRow[] = [];
  const unitLines = new Map<string, number>();
  const orderLines = new Map<number, number>();

  for (const gridRow of grid.slice(header.rowIndex + 1)) {
    const cells =
      mergeOverflow && gridRow.cells.length > width
        ? [...gridRow.cells.slice(0, width - 1), gridRow.cells.slice(width - 1).join(" ")]
        : gridRow.cells;
    const cell = (field: RosterField): string => {
      const column = header.columns.find((candidate) => candidate.field === field);
      return column === undefined ? "" : (cells[column.index] ?? "");
    };
    if (isBlank(cell)) {
      const text = noteText(cells);
      if (text !== null && skipped.length < MAX_DATA_ROWS) skipped.push({ line: gridRow.line, text, reason: SKIPPED_REASON });
      continue;
    }
    if (rows.length >= MAX_DATA_ROWS) {
      return fail("invalid", `名单行数过多：最多 ${MAX_DATA_ROWS} 行，请分批导入或删除多余的行`);
    }

    const line = gridRow.line;
    const problems: RowProblem[] = [];
    const problem = (field: RosterField, message: string) => problems.push({ line, field, message });

    const unit = singleLine(cell("unit"));
    if (unit === "") problem("unit", "缺少单位");
    else if (unit.length > MAX_UNIT_CHARS) problem("unit", `单位名称过长（超过 ${MAX_UNIT_CHARS} 字）`);
    else {
      const firstLine = unitLines.get(unitKey(unit));
      if (firstLine === undefined) unitLines.set(unitKey(unit), line);
      else problem("unit", `单位重复：与第${firstLine}行相同`);
    }

    const name = personName(cell("name"));
    if (name === "") problem("name", "缺少姓名");
    else if (name.length > MAX_NAME_CHARS) problem("name", `姓名过长（超过 ${MAX_NAME_CHARS} 字）`);

    const title = singleLine(cell("title"));
    if (title.length > MAX_TITLE_CHARS) problem("title", `职务过长（超过 ${MAX_TITLE_CHARS} 字）`);

    const mode = parseMode(singleLine(cell("mode")));
    if (!mode.ok) problem("mode", mode.error.message);

    const order = parseOrder(singleLine(cell("order")));
    if (!order.ok) problem("order", order.error.message);
    else if (order.data !== null) {
      const firstLine = orderLines.get(order.data);
      if (firstLine === undefined) orderLines.set(order.data, line);
      else problem("order", `顺序重复：与第${firstLine}行相同`);
    }

    const limit = parseLimit(singleLine(cell("limitMs")), header.limitInSeconds);
    if (!limit.ok) problem("limitMs", limit.error.message);

    const reportText = cleanCell(cell("reportText"));
    if (reportText.length > MAX_REPORT_CHARS) {
      problem("reportText", `述职材料过长（超过 ${MAX_REPORT_CHARS} 字），请精简后再导入`);
    }

    rows.push({
      line,
      unit,
      name,
      title,
      mode: mode.ok ? mode.data : "onsite",
      order: order.ok ? order.data : null,
      limitMs: limit.ok ? limit.data : null,
      reportText,
      problems,
    });
  }

  if (rows.length === 0) return fail("invalid", `第${header.line}行是表头，但表头下面没有名单`);
  return ok({
    source,
    headerLine: header.line,
    columns: header.columns,
    ignoredHeaders: header.ignoredHeaders,
    rows,
    problems: rows.flatMap((row) => row.problems),
    skipped,
  });
}
