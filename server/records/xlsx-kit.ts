// What the .xlsx files need so they print as the office expects, in Excel, WPS and LibreOffice
// alike: row heights written out (none of them grows a wrapped row when it opens a file whose
// rows carry no height, so long 点评 would print cut to one line), the page header and footer
// within Excel's limit, Chinese fonts as Excel writes them, and only text XML can carry.
import type ExcelJS from "exceljs";
import { xmlText } from "./office-text";

/** Column width units a character takes at 11 pt: 2 for CJK and full-width forms, 1 otherwise. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u2018-\u201d\u3000-\u303f]/.test(ch) ? 2 : 1;
  return width;
}

/** Lines a wrapped cell of `width` units needs for `text` at `fontSize` pt. */
export function wrappedLines(text: string, width: number, fontSize: number): number {
  const usable = Math.max(1, width - 1);
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil((displayWidth(line) * fontSize) / 11 / usable)), 0);
}

/** Sets the row's height to its tallest wrapped cell (points): a row is never cut to one line. */
export function fitRowHeight(sheet: ExcelJS.Worksheet, row: ExcelJS.Row, fontSize: number, minimum = 18): void {
  let lines = 1;
  row.eachCell((cell, col) => {
    const width = sheet.getColumn(col).width ?? 9;
    if (cell.isMerged) return;
    lines = Math.max(lines, wrappedLines(String(cell.value ?? ""), width, fontSize));
  });
  row.height = Math.max(minimum, Math.ceil(lines * fontSize * 1.35 + 4));
}

/** GB2312, as a .xlsx font's charset gives it (Excel writes it with every Chinese font). */
const CHARSET_GB2312 = 134;

/**
 * A Chinese font (黑体, 仿宋) as Excel itself writes one: with the GB2312 charset and family,
 * so Excel and WPS put a Chinese font of the kind in its place on a PC without it, as they do
 * for a .docx's font table, instead of a Western font.
 */
export function chineseFont(name: string, size: number, bold = false): Partial<ExcelJS.Font> {
  return { name, size, ...(bold ? { bold } : {}), family: 3, charset: CHARSET_GB2312 };
}

/** The workbook's properties (File → Info): who wrote it, and what it is. */
export function describeBook(book: ExcelJS.Workbook, title: string): void {
  book.creator = "Debrief Console";
  book.lastModifiedBy = "Debrief Console";
  book.title = xmlText(title);
}

/** Excel refuses a header or footer longer than this, its "&C" codes included. */
const MAX_HEADER_FOOTER = 255;

/**
 * A centred page header: `title` then `after`, "&" written "&&" as Excel reads it. A title too
 * long for Excel's 255 characters (a 会议名称 may have 200, and each "&" counts twice) is cut,
 * with "…", never `after`.
 */
export function centredHeader(title: string, after: string): string {
  const header = (text: string) => `&C${xmlText(text).replace(/&/g, "&&")}${after}`;
  const chars = [...title];
  for (let keep = chars.length; keep > 0; keep--) {
    const text = header(keep === chars.length ? title : `${chars.slice(0, keep).join("")}…`);
    if (text.length <= MAX_HEADER_FOOTER) return text;
  }
  return header("");
}

/** The book's cells as a part can carry them (office-text.ts): call before writing the file. */
export function cleanCellText(book: ExcelJS.Workbook): void {
  book.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string") cell.value = xmlText(cell.value);
      }),
    ),
  );
}

/** "第 1 页，共 3 页" at the foot of every printed page. */
export const PAGE_FOOTER = "&C第 &P 页，共 &N 页";

/**
 * The print area A1:<column><row> as exceljs must be given it: it puts a "$" before each
 * corner only, so "A$1:J$5" comes out as the absolute "$A$1:$J$5" Excel writes ("A1:J5"
 * would come out half relative, "$A1:$J5").
 */
export function printArea(lastColumn: string, lastRow: number): string {
  return `A$1:${lastColumn}$${lastRow}`;
}
