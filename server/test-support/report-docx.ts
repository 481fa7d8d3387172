// Long illustrated reports written by the `docx` library the way Word writes them: a 目录
// whose entries link to bookmarked headings (_Toc…), chapters of text, a wide table and
// photos. Used by the tests, the end-to-end specs and `npm run bench`.
import { randomBytes } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";
import { Bookmark, Document, HeadingLevel, ImageRun, InternalHyperlink, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";

export interface ReportShape {
  chapters: number;
  paragraphsPerChapter: number;
  /** Photos, spread over the chapters. */
  pictures: number;
  /** Side of each (square, incompressible) photo in pixels: 400 ≈ 470 KB. */
  pictureSide?: number;
}

export function tocAnchor(chapter: number): string {
  return `_Toc15234${String(5600 + chapter)}`;
}

export function chapterTitle(chapter: number): string {
  return `第${chapter + 1}部分　抓基层党建工作情况（${chapter + 1}）`;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A real PNG of RGB noise: it does not compress, so its size is predictable (≈ 3 × side² bytes). */
export function noisePng(side: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < side; y++) rows.push(Buffer.from([0]), randomBytes(side * 3));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 1 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const SENTENCE =
  "坚持以习近平新时代中国特色社会主义思想为指导，全面落实新时代党的建设总要求，推动基层党组织全面进步、全面过硬，" +
  "以高质量党建引领基层治理，围绕中心、服务大局，把党的政治优势和组织优势转化为发展优势。";

function wideTable(chapter: number): Table {
  const header = ["序号", "重点任务", "责任单位", "完成时限", "进展情况", "存在问题", "整改措施", "备注"];
  const row = (cells: string[]) =>
    new TableRow({ children: cells.map((text) => new TableCell({ children: [new Paragraph(text)] })) });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      row(header),
      ...[1, 2, 3].map((n) => row([String(n), `第${chapter + 1}项重点任务之${n}：推进党群服务中心标准化建设`, "区委组织部", "2024年6月", "已完成阶段目标，正在巩固提升", "服务功能有待拓展", "建立月调度、季督查机制", "—"])),
    ],
  });
}

export async function illustratedReport(shape: ReportShape): Promise<Uint8Array> {
  const side = shape.pictureSide ?? 400;
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun("2023年度抓基层党建工作述职报告")] }),
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun("目录")] }),
  ];
  for (let c = 0; c < shape.chapters; c++) {
    children.push(new Paragraph({ children: [new InternalHyperlink({ anchor: tocAnchor(c), children: [new TextRun(chapterTitle(c))] })] }));
  }
  let picturesLeft = shape.pictures;
  for (let c = 0; c < shape.chapters; c++) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new Bookmark({ id: tocAnchor(c), children: [new TextRun(chapterTitle(c))] })] }));
    for (let p = 0; p < shape.paragraphsPerChapter; p++) children.push(new Paragraph(`${c + 1}.${p + 1}　${SENTENCE}`));
    children.push(wideTable(c));
    const here = Math.ceil(picturesLeft / (shape.chapters - c));
    for (let i = 0; i < here; i++) {
      children.push(new Paragraph({ children: [new ImageRun({ type: "png", data: noisePng(side), transformation: { width: 480, height: 480 } })] }));
    }
    picturesLeft -= here;
  }
  const document = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** A report just under `bytes` (the upload limit, say): text, tables, and as many photos as fit. */
export async function illustratedReportOfSize(bytes: number, chapters = 12, paragraphsPerChapter = 150): Promise<Uint8Array> {
  const textOnly = await illustratedReport({ chapters, paragraphsPerChapter, pictures: 0 });
  const side = 400;
  const pictureBytes = noisePng(side).byteLength + 200;
  const pictures = Math.max(0, Math.floor((bytes - textOnly.byteLength) / pictureBytes) - 1);
  return illustratedReport({ chapters, paragraphsPerChapter, pictures, pictureSide: side });
}
