// The 党政机关公文 look (GB/T 9704) for every .docx the console writes: A4 with the standard
// margins, the title in 方正小标宋 二号, headings in 黑体 三号, body in 仿宋 三号, 28 pt lines.
// Fonts are named, never embedded: Word and WPS use the office PC's own (and substitute one
// they lack, as they do for any 公文).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
  PageOrientation,
} from "docx";
import { xmlText } from "./office-text";

export const FONT_TITLE = "方正小标宋简体";
export const FONT_HEADING = "黑体";
export const FONT_BODY = "仿宋";
export const FONT_KAITI = "楷体";
/** GB/T 9704 page numbers: 宋体 四号, "— 1 —". */
export const FONT_PAGE_NUMBER = "宋体";

/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
export const SIZE_ERHAO = 44;
export const SIZE_SANHAO = 32;
export const SIZE_SIHAO = 28;
export const SIZE_XIAOSI = 24;

/** Twentieths of a point per millimetre. */
const MM = 56.7;
/** A4, and GB/T 9704's margins: 天头 37 mm, 订口 28 mm (right 26 mm, bottom 35 mm). */
export const A4_PORTRAIT = {
  size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
  margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM) },
};
export const A4_LANDSCAPE = {
  // docx swaps width and height itself for a landscape page.
  size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE },
  margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(20 * MM), right: Math.round(20 * MM) },
};

/** "2024-01-18" → "2024年1月18日", as 公文 write dates; anything else is kept as typed. */
export function chineseDate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : text;
}

/** The 公文 page number at the foot of every page, centred: "— 1 —" in 宋体 四号. */
export function pageNumberFooter(): { default: Footer } {
  const dash = (text: string) => new TextRun({ text, font: { ascii: FONT_PAGE_NUMBER, eastAsia: FONT_PAGE_NUMBER, hAnsi: FONT_PAGE_NUMBER }, size: SIZE_SIHAO });
  return {
    default: new Footer({
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [dash("— "), new TextRun({ children: [PageNumber.CURRENT], font: { ascii: FONT_PAGE_NUMBER, eastAsia: FONT_PAGE_NUMBER, hAnsi: FONT_PAGE_NUMBER }, size: SIZE_SIHAO }), dash(" —")],
        }),
      ],
    }),
  };
}

/** The width between the margins, in twentieths of a point. */
export const TEXT_WIDTH_PORTRAIT = A4_PORTRAIT.size.width - A4_PORTRAIT.margin.left - A4_PORTRAIT.margin.right;
export const TEXT_WIDTH_LANDSCAPE = A4_LANDSCAPE.size.height - A4_LANDSCAPE.margin.left - A4_LANDSCAPE.margin.right;

/** Fixed 28 pt line spacing, the 公文 grid of 22 lines a page. */
const LINE = { line: 560, lineRule: "exact" as const };

function run(text: string, font: string, size: number, bold = false): TextRun {
  return new TextRun({ text: xmlText(text), font: { ascii: font, eastAsia: font, hAnsi: font }, size, bold });
}

export function title(text: string): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 280, line: 700, lineRule: "exact" }, children: [run(text, FONT_TITLE, SIZE_ERHAO)] });
}

/** 一、二、… headings: 黑体 三号. */
export function heading(text: string): Paragraph {
  return new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, keepNext: true, children: [run(text, FONT_HEADING, SIZE_SANHAO)] });
}

/** (一)(二) sub-headings: 楷体 三号. */
export function subheading(text: string): Paragraph {
  return new Paragraph({ spacing: LINE, indent: { firstLine: 640 }, keepNext: true, children: [run(text, FONT_KAITI, SIZE_SANHAO)] });
}

/**
 * Body text: 仿宋 三号, first line indented two characters. `keepNext` holds it on the page of
 * the paragraph after it (a signature block with what it signs).
 */
export function body(text: string, options: { indent?: boolean; bold?: string; keepNext?: boolean } = {}): Paragraph {
  const children = options.bold ? [run(options.bold, FONT_BODY, SIZE_SANHAO, true), run(text, FONT_BODY, SIZE_SANHAO)] : [run(text, FONT_BODY, SIZE_SANHAO)];
  return new Paragraph({ spacing: LINE, keepNext: options.keepNext, keepLines: options.keepNext, indent: options.indent === false ? undefined : { firstLine: 640 }, children });
}

/** Right-aligned, four characters in from the margin (GB/T 9704's 成文日期 右空四字). */
export function right(text: string, options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({ spacing: LINE, keepNext: options.keepNext, alignment: AlignmentType.RIGHT, indent: { right: 4 * 320 }, children: [run(text, FONT_BODY, SIZE_SANHAO)] });
}

export function blank(options: { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({ spacing: LINE, keepNext: options.keepNext, children: [] });
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

/** Counts, percentages, scores and ranks: centred in their column, as printed tables have them. */
const FIGURE = /^[\d.%+\-—]*$/;

/**
 * A table in 仿宋 (header row in 黑体, repeated on every page), cells in `size`. `widths` are
 * percentages of the text width, written as fixed column widths (twentieths of a point, from
 * `textWidth`) because Word, WPS and LibreOffice each read percentage widths differently and
 * without them a unit's name wraps into a column two characters wide. `keepNext` holds the
 * table's last rows with the paragraph after it (the signature lines under a 汇总表).
 */
export function table(header: string[], rows: string[][], options: { size?: number; widths?: number[]; textWidth?: number; keepNext?: boolean } = {}): Table {
  const size = options.size ?? SIZE_XIAOSI;
  const textWidth = options.textWidth ?? TEXT_WIDTH_PORTRAIT;
  const widths = options.widths ?? header.map(() => 100 / header.length);
  const total = widths.reduce((a, b) => a + b, 0);
  const columnWidths = widths.map((w) => Math.floor((w / total) * textWidth));
  const cell = (text: string, font: string, index: number, keepNext: boolean) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      width: { size: columnWidths[index] ?? 0, type: WidthType.DXA },
      borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER },
      children: text.split("\n").map(
        (line) =>
          new Paragraph({
            keepNext,
            alignment: font === FONT_HEADING || FIGURE.test(line) ? AlignmentType.CENTER : AlignmentType.LEFT,
            children: [run(line, font, size)],
          }),
      ),
    });
  return new Table({
    width: { size: columnWidths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths,
    // 1 mm either side (Word's default is 1.9 mm): "17.6%" stays on one line in a 16-column table.
    margins: { left: 57, right: 57 },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, FONT_HEADING, i, true)) }),
      ...rows.map((r, n) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, FONT_BODY, i, Boolean(options.keepNext) && n >= rows.length - 2)) })),
    ],
  });
}

export function document(meta: { title: string; description: string }, sections: ISectionOptions[]): Document {
  return new Document({
    creator: "Debrief Console",
    lastModifiedBy: "Debrief Console",
    title: xmlText(meta.title),
    description: xmlText(meta.description),
    // zh-CN: the text is declared Chinese, so Word, WPS and LibreOffice apply Chinese rules
    // (proofing, punctuation and 避头尾 line breaking) and pick Chinese fonts for what is missing.
    // Without it the documents carried no language at all.
    styles: {
      default: { document: { run: { font: { ascii: FONT_BODY, eastAsia: FONT_BODY, hAnsi: FONT_BODY }, size: SIZE_SANHAO, language: { value: "zh-CN", eastAsia: "zh-CN" } } } },
      // docx's own character styles (Hyperlink, the note references) are based on this one, which
      // it does not write: the style Word gives every document, added so nothing points at a style
      // the file lacks.
      characterStyles: [{ id: "DefaultParagraphFont", name: "Default Paragraph Font", uiPriority: 1, semiHidden: true, unhideWhenUsed: true }],
    },
    sections,
  });
}

/**
 * word/fontTable.xml: each font the documents name, as Word describes the Windows font in a file
 * it saves. docx writes the table empty (it fills it only with fonts it embeds). Word and WPS read
 * it to stand in for a font the PC lacks: charset 86 (GB2312) makes the stand-in a Chinese font
 * of the same family (a 宋 for a 宋, a fixed-pitch 黑 for a 黑) instead of a Western font with
 * borrowed glyphs; altName is the font's English name, which a suite without the Chinese one
 * may know it by.
 * 方正小标宋简体 is a Founder font, not shipped with Windows: only its charset and family are given.
 */
const FONT_TABLE: Array<{ name: string; altName?: string; panose1?: string; family: "auto" | "modern" | "roman"; pitch: "fixed" | "variable" }> = [
  { name: FONT_TITLE, family: "auto", pitch: "variable" },
  { name: FONT_HEADING, altName: "SimHei", panose1: "02010609060101010101", family: "modern", pitch: "fixed" },
  { name: FONT_BODY, altName: "FangSong", panose1: "02010609060101010101", family: "modern", pitch: "fixed" },
  { name: FONT_KAITI, altName: "KaiTi", panose1: "02010609060101010101", family: "modern", pitch: "fixed" },
  { name: FONT_PAGE_NUMBER, altName: "SimSun", panose1: "02010600030101010101", family: "auto", pitch: "variable" },
];

/** The GB2312 character set, as w:charset writes it. */
const CHARSET_GB2312 = "86";

function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    ({ name, altName, panose1, family, pitch }) =>
      `<w:font w:name="${name}">${altName ? `<w:altName w:val="${altName}"/>` : ""}${panose1 ? `<w:panose1 w:val="${panose1}"/>` : ""}<w:charset w:val="${CHARSET_GB2312}"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts.join("")}</w:fonts>`;
}

/** The .docx, with the font table above in place of docx's empty one. */
export function toBuffer(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc, false, [{ path: "word/fontTable.xml", data: fontTableXml() }]);
}

export interface FormLine {
  text: string;
  /** A bold lead-in ("1. "). */
  bold?: string;
  /** Right-aligned (a signature line). */
  right?: boolean;
}

/**
 * A two-column form (标签 | 内容), the shape of a 反馈单: labels in 黑体, content in 仿宋, both
 * 四号 so a unit's sheet fits one page. Rows may break across a page except the last, which
 * holds the signature lines: they never stand alone on a page.
 */
export function form(rows: Array<{ label: string; lines: FormLine[] }>, options: { labelWidth?: number; textWidth?: number } = {}): Table {
  const textWidth = options.textWidth ?? TEXT_WIDTH_PORTRAIT;
  const labelWidth = options.labelWidth ?? Math.round(textWidth * 0.16);
  const borders = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER };
  const margins = { top: 80, bottom: 80, left: 120, right: 120 };
  const spacing = { line: 400, lineRule: "exact" as const };
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: [labelWidth, textWidth - labelWidth],
    rows: rows.map(
      ({ label, lines }, n) =>
        new TableRow({
          cantSplit: n === rows.length - 1,
          children: [
            new TableCell({
              verticalAlign: VerticalAlign.CENTER,
              width: { size: labelWidth, type: WidthType.DXA },
              borders,
              margins,
              children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: [run(label, FONT_HEADING, SIZE_SIHAO)] })],
            }),
            new TableCell({
              verticalAlign: VerticalAlign.CENTER,
              width: { size: textWidth - labelWidth, type: WidthType.DXA },
              borders,
              margins,
              children: (lines.length ? lines : [{ text: "" }]).map(
                (line) =>
                  new Paragraph({
                    spacing,
                    alignment: line.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
                    children: [...(line.bold ? [run(line.bold, FONT_BODY, SIZE_SIHAO, true)] : []), run(line.text, FONT_BODY, SIZE_SIHAO)],
                  }),
              ),
            }),
          ],
        }),
    ),
  });
}
