// 测评汇总表 as .xlsx and .docx: counts per level, percentages, 好评率, 得分 and 名次 under the
// rule in force; electronic and paper merged and apart; 应到, 实到, 有效票, 废票; signature
// lines for 计票人 and 监票人. Counters only — nothing here is per seat or per ballot.
import type ExcelJS from "exceljs";
import type { Paragraph, Table } from "docx";
import { formatPercent, formatScore, lastBatchNote, type Distribution, type Tally } from "../domain/tally";
import { A4_LANDSCAPE, blank, body, document, heading, pageNumberFooter, SIZE_XIAOSI, table, TEXT_WIDTH_LANDSCAPE, title, toBuffer } from "./docx-kit";
import { ballotCounts, type Dossier } from "./dossier";
import { tallyRule } from "./tally-rule";
import { chineseFont, cleanCellText, describeBook, PAGE_FOOTER, printArea } from "./xlsx-kit";

export const SIGNATURE_LINE = "计票人：____________    监票人：____________    日期：______年____月____日";

type Row = Array<string | number>;

function distributionCells(d: Distribution): string[] {
  return [...d.levels.flatMap((l) => [String(l.count), formatPercent(l.percent)]), String(d.abstain.count), formatPercent(d.abstain.percent)];
}

function levelHeaders(levelLabels: string[]): string[] {
  return [...levelLabels.flatMap((label) => [`${label}（票）`, `${label}占比`]), "弃权（票）", "弃权占比"];
}

/** The merged table: one row per evaluated secretary in agenda order. */
function mergedRows(tally: Tally): string[][] {
  return tally.speakers.map((s, i) => [String(i + 1), s.unit, s.name, ...distributionCells(s), formatPercent(s.goodRate), formatScore(s.score), String(s.rank)]);
}

function sourceRows(tally: Tally, source: "electronic" | "paper"): string[][] {
  return tally.speakers.map((s, i) => {
    const d = s.bySource[source];
    const good = d.levels.slice(0, 2).reduce((n, l) => n + l.count, 0);
    return [String(i + 1), s.unit, s.name, ...distributionCells(d), formatPercent(d.ballots ? (good / d.ballots) * 100 : 0)];
  });
}

export function countsLine(dossier: Dossier): string {
  const c = ballotCounts(dossier);
  return `应到 ${c.expected} 人，实到 ${c.present} 人；有效票 ${c.valid} 张（电子 ${c.electronic} 张，纸质 ${c.paper} 张）；废票 ${c.invalid} 张。`;
}

function voidedLines(dossier: Dossier): string[] {
  return dossier.paperRounds.filter((r) => r.void).map((r) => `纸质票第 ${r.number} 轮：发出 ${r.issued} 张，收回 ${r.returned} 张，收回多于发出，本轮作废，不计入结果。`);
}

/** The close's last batch of electronic ballots, when it held fewer than k (as the chair console says). */
function lastBatchLines(tally: Tally): string[] {
  const note = lastBatchNote(tally);
  return note ? [note] : [];
}

export async function resultsXlsx(dossier: Dossier, tally: Tally): Promise<Buffer> {
  // Loaded on first use: exceljs takes a good part of a second to load, which a (re)start must not wait for.
  const { default: Excel } = await import("exceljs");
  const labels = dossier.meeting.ratingLevels.map((l) => l.label);
  const book = new Excel.Workbook();
  describeBook(book, `${dossier.meeting.title}民主测评汇总表`);
  const sheets: Array<{ name: string; header: string[]; rows: string[][]; caption: string }> = [
    { name: "测评汇总表", header: ["序号", "单位", "书记", ...levelHeaders(labels), "好评率", "得分", "名次"], rows: mergedRows(tally), caption: "电子票与纸质票合计" },
    { name: "电子票", header: ["序号", "单位", "书记", ...levelHeaders(labels), "好评率"], rows: sourceRows(tally, "electronic"), caption: `电子票 ${tally.ballots.electronic} 张` },
    { name: "纸质票", header: ["序号", "单位", "书记", ...levelHeaders(labels), "好评率"], rows: sourceRows(tally, "paper"), caption: `纸质票 ${tally.ballots.paper} 张` },
  ];
  for (const spec of sheets) {
    const sheet = book.addWorksheet(spec.name, {
      views: [{ state: "frozen", ySplit: 3 }],
      pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "3:3", horizontalCentered: true },
      headerFooter: { oddFooter: PAGE_FOOTER },
    });
    const width = spec.header.length;
    const caption = (rowNo: number, text: string, font: Partial<ExcelJS.Font>) => {
      sheet.mergeCells(rowNo, 1, rowNo, width);
      const cell = sheet.getCell(rowNo, 1);
      cell.value = text;
      cell.font = font;
      cell.alignment = { horizontal: rowNo === 1 ? "center" : "left", vertical: "middle", wrapText: true };
    };
    caption(1, `${dossier.meeting.title} 民主测评汇总表（${spec.caption}）`, chineseFont("黑体", 14, true));
    caption(2, countsLine(dossier), chineseFont("仿宋", 11));
    const head = sheet.getRow(3);
    head.values = spec.header;
    head.font = chineseFont("黑体", 10, true);
    head.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    const rows: Row[] = spec.rows.map((r) => r.map((cell, i) => (i === 0 || /^\d+$/.test(cell) ? Number(cell) : cell)));
    for (const r of rows) {
      const row = sheet.addRow(r);
      row.font = chineseFont("仿宋", 10);
      // Figures centred: a right-aligned count beside a left-aligned percentage read as one number ("847.1%").
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cell.alignment = { vertical: "middle", horizontal: col === 2 || col === 3 ? "left" : "center", wrapText: true };
      });
    }
    sheet.getColumn(1).width = 6;
    sheet.getColumn(2).width = 24;
    sheet.getColumn(3).width = 10;
    // Not 9: exceljs leaves a width of 9 out of the file (its default), and the column prints at 8.43.
    for (let c = 4; c <= width; c++) sheet.getColumn(c).width = 9.5;
    sheet.getRow(3).height = 30;
    for (let r = 3; r <= 3 + rows.length; r++) {
      sheet.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
        cell.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
      });
    }
    let next = 3 + rows.length + 2;
    for (const line of [...voidedLines(dossier), ...lastBatchLines(tally), `说明：${tallyRule(dossier.meeting.ratingLevels, tally)}`]) {
      caption(next++, line, chineseFont("仿宋", 9));
      sheet.getRow(next - 1).height = 36;
    }
    next++;
    caption(next, SIGNATURE_LINE, chineseFont("仿宋", 12));
    // Printed: the title down to the signature lines.
    sheet.pageSetup.printArea = printArea(sheet.getColumn(width).letter, next);
  }
  cleanCellText(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

export async function resultsDocx(dossier: Dossier, tally: Tally): Promise<Buffer> {
  const labels = dossier.meeting.ratingLevels.map((l) => l.label);
  const size = SIZE_XIAOSI - 4;
  // 序号, 单位 (the longest, e.g. 区离退休干部工委, on one line), 书记, then the figures.
  const widths = (columns: number) => [4, 14, 6, ...Array.from({ length: columns - 3 }, () => 76 / (columns - 3))];
  const merged = ["序号", "单位", "书记", ...levelHeaders(labels), "好评率", "得分", "名次"];
  const bySource = ["序号", "单位", "书记", ...levelHeaders(labels), "好评率"];
  const options = (header: string[], keepNext = false) => ({ size, widths: widths(header.length), textWidth: TEXT_WIDTH_LANDSCAPE, keepNext });
  const notes = [...voidedLines(dossier), ...lastBatchLines(tally)];
  const children: Array<Paragraph | Table> = [
    title("民主测评汇总表"),
    body(dossier.meeting.title, { indent: false, bold: "会议：" }),
    body(countsLine(dossier), { indent: false }),
    heading("一、合计（电子票与纸质票）"),
    table(merged, mergedRows(tally), options(merged)),
    heading(`二、电子票（${tally.ballots.electronic} 张）`),
    table(bySource, sourceRows(tally, "electronic"), options(bySource)),
    heading(`三、纸质票（${tally.ballots.paper} 张）`),
    // The table's last rows, the notes and the 计票人 / 监票人 lines are kept on one page:
    // the signatures never stand alone on a page of their own.
    table(bySource, sourceRows(tally, "paper"), options(bySource, true)),
    ...notes.map((line) => body(line, { indent: false, keepNext: true })),
    body(tallyRule(dossier.meeting.ratingLevels, tally), { indent: false, bold: "说明：", keepNext: true }),
    blank({ keepNext: true }),
    body(SIGNATURE_LINE, { indent: false }),
  ];
  return toBuffer(document({ title: `${dossier.meeting.title}民主测评汇总表`, description: "测评汇总表" }, [{ properties: { page: A4_LANDSCAPE }, footers: pageNumberFooter(), children }]));
}
