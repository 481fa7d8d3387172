// 整改清单: the .xlsx the party office tracks (one row per 问题 / 建议, A4 landscape, the
// header repeated on every printed page) and the .docx of 点评意见反馈单, one page per unit,
// handed to each secretary. Pure, from the dossier.
import type ExcelJS from "exceljs";
import type { Paragraph, Table } from "docx";
import { COMMENT_TAGS } from "../domain/comments";
import { A4_PORTRAIT, body, chineseDate, document, form, title, toBuffer } from "./docx-kit";
import { rectificationRows, RECTIFICATION_STATUS_LABELS, type Dossier, type DossierSpeaker } from "./dossier";
import { TAG_HEADINGS } from "./minutes-document";
import { centredHeader, chineseFont, cleanCellText, describeBook, fitRowHeight, PAGE_FOOTER, printArea } from "./xlsx-kit";

export const RECTIFICATION_COLUMNS = ["序号", "单位", "书记", "类型", "内容", "整改措施", "责任人", "完成时限", "状态", "最新进展"] as const;
// Sums to about an A4 landscape page at 11 pt (fit to width prints it at ~90%, not smaller).
const WIDTHS = [6, 18, 10, 6, 40, 30, 10, 11, 10, 24]; // never 9: exceljs leaves a width of 9 out of the file
/** Short columns (序号, 书记, 类型, 责任人, 完成时限, 状态) are centred. */
const CENTRED = new Set([1, 3, 4, 7, 8, 9]);

export async function rectificationXlsx(dossier: Dossier): Promise<Buffer> {
  // Loaded on first use: exceljs takes a good part of a second to load, which a (re)start must not wait for.
  const { default: Excel } = await import("exceljs");
  const book = new Excel.Workbook();
  describeBook(book, `${dossier.meeting.title}整改清单`);
  const sheet = book.addWorksheet("整改清单", {
    views: [{ state: "frozen", ySplit: 1 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddHeader: centredHeader(dossier.meeting.title, " 整改清单"), oddFooter: PAGE_FOOTER },
  });
  sheet.columns = RECTIFICATION_COLUMNS.map((header, i) => ({ header, width: WIDTHS[i] }));
  const head = sheet.getRow(1);
  head.font = chineseFont("黑体", 11, true);
  head.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  head.height = 22;
  rectificationRows(dossier).forEach(({ speaker, comment, rectification }, i) => {
    const row = sheet.addRow([
      i + 1,
      speaker.unit,
      speaker.name,
      TAG_HEADINGS[comment.tag],
      comment.text.trim(),
      rectification.measures,
      rectification.owner,
      rectification.dueDate,
      RECTIFICATION_STATUS_LABELS[rectification.status],
      rectification.notes.at(-1) ? `${rectification.notes.at(-1)?.date} ${rectification.notes.at(-1)?.text}` : "",
    ]);
    row.font = chineseFont("仿宋", 11);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.alignment = { vertical: "middle", horizontal: CENTRED.has(col) ? "center" : "left", wrapText: true };
    });
    fitRowHeight(sheet, row, 11);
  });
  // Printed: the table and nothing else, whatever someone types beside it later.
  sheet.pageSetup.printArea = printArea(sheet.getColumn(RECTIFICATION_COLUMNS.length).letter, sheet.rowCount);
  sheet.eachRow((row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
    }),
  );
  cleanCellText(book);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * One unit's 点评意见反馈单: the title, then a form (会议, 单位, 书记, 亮点, 问题, 建议, 整改要求)
 * whose last row holds the 整改时限 and the signature lines, so the sheet fits one page for a
 * unit's usual 点评 and the signature never lands alone on the next page.
 */
function feedbackPage(dossier: Dossier, speaker: DossierSpeaker): Array<Paragraph | Table> {
  const dueDates = speaker.comments.flatMap((c) => (c.rectification?.dueDate ? [c.rectification.dueDate] : [])).sort();
  const due = dueDates.at(-1);
  const rows = [
    { label: "会议名称", lines: [{ text: dossier.meeting.title }] },
    { label: "单　　位", lines: [{ text: speaker.unit }] },
    { label: "书　　记", lines: [{ text: [speaker.name, speaker.title].filter(Boolean).join("，") }] },
    ...COMMENT_TAGS.map((tag) => {
      const comments = speaker.comments.filter((c) => c.tag === tag && c.text.trim() !== "");
      return {
        label: TAG_HEADINGS[tag],
        lines: comments.length ? comments.map((c, n) => ({ text: c.text.trim(), bold: comments.length > 1 ? `${n + 1}. ` : undefined })) : [{ text: "无。" }],
      };
    }),
    {
      label: "整改要求",
      lines: [
        { text: `请对照上述问题和建议认真梳理，切实抓好整改落实，于${due ? chineseDate(due) : "______年____月____日"}前完成整改，并报送整改情况。`, bold: "整改时限：" },
        { text: "" },
        { text: "签收人（签字）：______________", right: true },
        { text: "日期：______年____月____日", right: true },
      ],
    },
  ];
  return [title("点评意见反馈单"), form(rows)];
}

export async function rectificationDocx(dossier: Dossier): Promise<Buffer> {
  const units = dossier.speakers.filter((s) => s.comments.some((c) => c.text.trim() !== ""));
  const pages = units.length ? units : dossier.speakers.filter((s) => !s.removed);
  // One section per unit: each sheet starts on a new page.
  const sections = pages.map((speaker) => ({ properties: { page: A4_PORTRAIT }, children: feedbackPage(dossier, speaker) }));
  if (!sections.length) sections.push({ properties: { page: A4_PORTRAIT }, children: [title("点评意见反馈单"), body("名单为空。")] });
  return toBuffer(document({ title: `${dossier.meeting.title}点评意见反馈单`, description: "整改清单" }, sections));
}
