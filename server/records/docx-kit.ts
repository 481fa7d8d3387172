// The 党政机关公文 look (GB/T 9704) for every .docx the console writes: A4 with the standard
// margins, the title in 方正小标宋 二号, headings in 黑体 三号, body in 仿宋 三号, 28 pt lines.
// Fonts are named, never embedded: Word and WPS use the office PC's own (and substitute one
// they lack, as they do for any 公文).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
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

export const FONT_TITLE = "方正小标宋简体";
export const FONT_HEADING = "黑体";
export const FONT_BODY = "仿宋";
export const FONT_KAITI = "楷体";
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

/** Fixed 28 pt line spacing, the 公文 grid of 22 lines a page. */
const LINE = { line: 560, lineRule: "exact" as const };

function run(text: string, font: string, size: number, bold = false): TextRun {
  return new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font }, size, bold });
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

/** Body text: 仿宋 三号, first line indented two characters. */
export function body(text: string, options: { indent?: boolean; bold?: string } = {}): Paragraph {
  const children = options.bold ? [run(options.bold, FONT_BODY, SIZE_SANHAO, true), run(text, FONT_BODY, SIZE_SANHAO)] : [run(text, FONT_BODY, SIZE_SANHAO)];
  return new Paragraph({ spacing: LINE, indent: options.indent === false ? undefined : { firstLine: 640 }, children });
}

export function right(text: string): Paragraph {
  return new Paragraph({ spacing: LINE, alignment: AlignmentType.RIGHT, children: [run(text, FONT_BODY, SIZE_SANHAO)] });
}

export function blank(): Paragraph {
  return new Paragraph({ spacing: LINE, children: [] });
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

/** A table in 仿宋 (header row in 黑体, repeated on every page), cells in `size`. */
export function table(header: string[], rows: string[][], options: { size?: number; widths?: number[] } = {}): Table {
  const size = options.size ?? SIZE_XIAOSI;
  const cell = (text: string, font: string, index: number) =>
    new TableCell({
      verticalAlign: VerticalAlign.CENTER,
      width: options.widths ? { size: options.widths[index] ?? 1, type: WidthType.PERCENTAGE } : undefined,
      borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER },
      children: text.split("\n").map((line) => new Paragraph({ alignment: font === FONT_HEADING ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(line, font, size)] })),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, FONT_HEADING, i)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, FONT_BODY, i)) })),
    ],
  });
}

export function document(meta: { title: string; description: string }, sections: ISectionOptions[]): Document {
  return new Document({
    creator: "Debrief Console",
    title: meta.title,
    description: meta.description,
    styles: { default: { document: { run: { font: { ascii: FONT_BODY, eastAsia: FONT_BODY, hAnsi: FONT_BODY }, size: SIZE_SANHAO } } } },
    sections,
  });
}

export function toBuffer(doc: Document): Promise<Buffer> {
  return Packer.toBuffer(doc);
}
