// 整改清单: the .xlsx the party office tracks (one row per 问题 / 建议, A4 landscape, the
// header repeated on every printed page) and the .docx of 点评意见反馈单, one page per unit,
// handed to each secretary. Pure, from the dossier.
import ExcelJS from "exceljs";
import type { Paragraph, Table } from "docx";
import { COMMENT_TAGS } from "../domain/comments";
import { A4_PORTRAIT, blank, body, document, heading, right, title, toBuffer } from "./docx-kit";
import { rectificationRows, RECTIFICATION_STATUS_LABELS, type Dossier, type DossierSpeaker } from "./dossier";
import { TAG_HEADINGS } from "./minutes-document";

export const RECTIFICATION_COLUMNS = ["序号", "单位", "书记", "类型", "内容", "整改措施", "责任人", "完成时限", "状态", "最新进展"] as const;
const WIDTHS = [6, 22, 10, 7, 48, 36, 10, 12, 9, 30];

export async function rectificationXlsx(dossier: Dossier): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = "Debrief Console";
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
    headerFooter: { oddHeader: `&C${dossier.meeting.title.replace(/&/g, "&&")} 整改清单`, oddFooter: "&C第 &P 页，共 &N 页" },
  });
  sheet.columns = RECTIFICATION_COLUMNS.map((header, i) => ({ header, width: WIDTHS[i] }));
  const head = sheet.getRow(1);
  head.font = { name: "黑体", bold: true, size: 11 };
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
    row.font = { name: "仿宋", size: 11 };
    row.alignment = { vertical: "top", wrapText: true };
  });
  sheet.eachRow((row) =>
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
    }),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

function feedbackPage(dossier: Dossier, speaker: DossierSpeaker): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [
    title("点评意见反馈单"),
    body(dossier.meeting.title, { indent: false, bold: "会议：" }),
    body(`${speaker.unit}`, { indent: false, bold: "单位：" }),
    body([speaker.name, speaker.title].filter(Boolean).join("，"), { indent: false, bold: "书记：" }),
  ];
  const dueDates = speaker.comments.flatMap((c) => (c.rectification?.dueDate ? [c.rectification.dueDate] : [])).sort();
  COMMENT_TAGS.forEach((tag, i) => {
    const comments = speaker.comments.filter((c) => c.tag === tag && c.text.trim() !== "");
    out.push(heading(`${["一", "二", "三"][i]}、${TAG_HEADINGS[tag]}`));
    if (!comments.length) out.push(body("无。"));
    comments.forEach((c, n) => out.push(body(c.text.trim(), { bold: `${n + 1}. ` })));
  });
  out.push(
    heading("四、整改要求"),
    body(`请对照上述问题和建议认真梳理，切实抓好整改落实，于 ${dueDates.at(-1) ?? "______年____月____日"} 前完成整改，并报送整改情况。`, { bold: "整改时限：" }),
    blank(),
    right("签收人（签字）：____________"),
    right("日期：______年____月____日"),
  );
  return out;
}

export async function rectificationDocx(dossier: Dossier): Promise<Buffer> {
  const units = dossier.speakers.filter((s) => s.comments.some((c) => c.text.trim() !== ""));
  const pages = units.length ? units : dossier.speakers.filter((s) => !s.removed);
  // One section per unit: each sheet starts on a new page.
  const sections = pages.map((speaker) => ({ properties: { page: A4_PORTRAIT }, children: feedbackPage(dossier, speaker) }));
  if (!sections.length) sections.push({ properties: { page: A4_PORTRAIT }, children: [title("点评意见反馈单"), body("名单为空。")] });
  return toBuffer(document({ title: `${dossier.meeting.title}点评意见反馈单`, description: "整改清单" }, sections));
}
