// Reads an .xlsx into text grids, one per worksheet. The archive is checked (declared and
// actual uncompressed sizes, row counts) before exceljs is given it, because exceljs
// inflates and parses every part into memory at once.

import type ExcelJS from "exceljs";
import { fail, ok, type Result } from "../domain/result";
import { MAX_SHEET_ROWS } from "./import-limits";
import type { GridRow } from "./roster-columns";
import { inflateZipEntry, NOT_XLSX_MESSAGE, readZipDirectory, type ZipEntry } from "./zip-inspect";

export interface SheetGrid {
  name: string;
  rows: GridRow[];
}

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

/** Other Office files are ZIPs too; naming them beats a generic "not an Excel file". */
function describeForeignZip(entries: ZipEntry[]): string {
  const names = new Set(entries.map((entry) => entry.name));
  if (names.has("word/document.xml")) {
    return "这是 Word 文档，不是 Excel 表格：请把文档中的名单表格复制后粘贴导入，或另存为 .xlsx";
  }
  if (names.has("ppt/presentation.xml")) return "这是 PowerPoint 演示文稿，不是 Excel 表格";
  return NOT_XLSX_MESSAGE;
}

/** Rows the sheet XML declares, counted without parsing it. */
function countRowElements(xml: Buffer): number {
  let count = 0;
  for (const tag of ["<row ", "<row>", ":row "]) {
    let from = xml.indexOf(tag);
    while (from >= 0) {
      count += 1;
      from = xml.indexOf(tag, from + tag.length);
    }
  }
  return count;
}

/** Inflates every part under its declared size (what exceljs will do, but capped) and counts sheet rows. */
function checkArchive(bytes: Uint8Array): Result<null> {
  const directory = readZipDirectory(bytes);
  if (!directory.ok) return directory;
  const entries = directory.data;
  if (!entries.some((entry) => entry.name === "xl/workbook.xml")) return fail("invalid", describeForeignZip(entries));
  for (const entry of entries) {
    if (entry.name.endsWith("/")) continue;
    const inflated = inflateZipEntry(bytes, entry);
    if (!inflated.ok) return inflated;
    if (WORKSHEET_PART.test(entry.name) && countRowElements(inflated.data) > MAX_SHEET_ROWS) {
      return fail(
        "invalid",
        `表格行数过多（超过 ${MAX_SHEET_ROWS} 行）：请只保留名单所在的工作表，并删除多余的空行后再导入`,
      );
    }
  }
  return ok(null);
}

function twoDigits(value: number): string {
  return String(value).padStart(2, "0");
}

/**
 * Excel stores a typed "5:30" as the time of day 05:30 (h:mm). In a time-limit column that
 * means 5 min 30 s, so a whole-minute time with hours is read as minutes:seconds; a time with
 * no hours ("0:06:00") is already minutes. Only a time with hours *and* seconds is kept as h:mm:ss.
 */
function timeText(date: Date): string {
  const hours = date.getUTCHours();
  const minutes = date.getUTCMinutes();
  const seconds = date.getUTCSeconds();
  if (hours === 0) return `${minutes}:${twoDigits(seconds)}`;
  if (seconds === 0) return `${hours}:${twoDigits(minutes)}`;
  return `${hours}:${twoDigits(minutes)}:${twoDigits(seconds)}`;
}

/** exceljs gives dates as UTC; a time-only cell lands on Excel's day zero (1899-12-30). */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  if (date.getUTCFullYear() < 1901) return timeText(date);
  return `${date.getUTCFullYear()}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  // toPrecision drops binary noise such as 6.000000000000001 from formulas.
  if (typeof value === "number") return String(Number(value.toPrecision(12)));
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value);
  if ("richText" in value) return value.richText.map((run) => run.text).join("");
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : "";
  if ("error" in value) return "";
  if ("result" in value) return cellText(value.result ?? null);
  return "";
}

function sheetRows(worksheet: ExcelJS.Worksheet): GridRow[] {
  const rows: GridRow[] = [];
  worksheet.eachRow((row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // A cell merged down a column (述职方式 "现场述职" spanning the street units) repeats its
      // value on every row; one merged across columns (a note row) counts once.
      if (cell.isMerged && cell.master.fullAddress.col !== colNumber) return;
      cells[colNumber - 1] = cellText(cell.value);
    });
    rows.push({ line: rowNumber, cells: Array.from(cells, (cell) => cell ?? "") });
  });
  return rows;
}

/** Visible sheets first, in tab order; hidden ones (often dropdown lists) after. */
export async function readXlsx(bytes: Uint8Array): Promise<Result<SheetGrid[]>> {
  const checkedArchive = checkArchive(bytes);
  if (!checkedArchive.ok) return checkedArchive;
  // Loaded on first use: exceljs takes a good part of a second to load, and most starts never import.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    // A copy as a plain ArrayBuffer: exceljs's typings take one, and JSZip reads it as is.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    return fail("invalid", NOT_XLSX_MESSAGE);
  }
  const sheets = [...workbook.worksheets].sort(
    (a, b) => Number(a.state !== "visible") - Number(b.state !== "visible"),
  );
  if (sheets.length === 0) return fail("invalid", "该 Excel 文件中没有工作表");
  try {
    return ok(sheets.map((worksheet) => ({ name: worksheet.name, rows: sheetRows(worksheet) })));
  } catch {
    return fail("invalid", NOT_XLSX_MESSAGE);
  }
}
