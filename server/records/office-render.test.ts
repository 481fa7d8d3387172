// The five after-meeting documents as an office suite lays them out: the demo meeting run to
// the end (server/test-support/full-meeting.ts), each file converted to PDF by LibreOffice in
// one `soffice` run, then measured with poppler's pdfinfo / pdftotext. Parsing the files back
// (documents.test.ts) cannot see a page break, an orphaned signature or a table cut off; this can.
// Where soffice or poppler is missing (`apt-get install libreoffice-writer libreoffice-calc
// poppler-utils`) the test is reported as skipped, never passed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULL_MEETING_COMMENTS, fullMeetingDocuments, DOCUMENT_EXPORTS } from "../test-support/full-meeting";

function onPath(program: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, program)));
}

const OFFICE = onPath("soffice") && onPath("pdfinfo") && onPath("pdftotext");
/** soffice names its PDF after the file: the two .xlsx get names of their own. */
const CONVERTED: Record<(typeof DOCUMENT_EXPORTS)[number], string> = {
  "minutes.docx": "minutes.docx",
  "rectification.docx": "rectification.docx",
  "rectification.xlsx": "rectification-list.xlsx",
  "results.docx": "results.docx",
  "results.xlsx": "results-sheet.xlsx",
};

interface Pdf {
  pages: number;
  /** Points, per page. */
  sizes: Array<{ width: number; height: number }>;
  /** Text per page, in reading order (a wrapped cell's lines one after another). */
  text: string[];
}

const A4 = { short: 595.3, long: 841.9 };

function isA4(size: { width: number; height: number }, orientation: "portrait" | "landscape"): boolean {
  const [w, h] = orientation === "portrait" ? [A4.short, A4.long] : [A4.long, A4.short];
  return Math.abs(size.width - w) < 1 && Math.abs(size.height - h) < 1;
}

function readPdf(file: string): Pdf {
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1] ?? 0);
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", String(pages), file], { encoding: "utf8" });
  const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
  // pdftotext separates pages with a form feed.
  const text = execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).split("\f").slice(0, pages);
  return { pages, sizes, text };
}

describe("the documents as LibreOffice prints them", () => {
  let folder = "";
  let soffice = "";
  const pdfs = {} as Record<(typeof DOCUMENT_EXPORTS)[number], Pdf>;

  beforeAll(async () => {
    if (!OFFICE) return;
    folder = mkdtempSync(path.join(tmpdir(), "debrief-office-"));
    const files = await fullMeetingDocuments();
    for (const name of DOCUMENT_EXPORTS) writeFileSync(path.join(folder, CONVERTED[name]), files[name]);
    // One soffice start for all five (it takes seconds to start); a profile of its own so a
    // running LibreOffice (or another test run) does not hold the lock.
    soffice = execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${path.join(folder, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", path.join(folder, "pdf"), ...DOCUMENT_EXPORTS.map((n) => path.join(folder, CONVERTED[n]))],
      { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 180_000 },
    );
    for (const name of DOCUMENT_EXPORTS) {
      const pdf = path.join(folder, "pdf", CONVERTED[name].replace(/\.\w+$/, ".pdf"));
      if (existsSync(pdf)) pdfs[name] = readPdf(pdf);
    }
  }, 240_000);

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it.skipIf(!OFFICE)("every file opens and converts: five PDFs, Chinese text intact", () => {
    expect(Object.keys(pdfs).sort(), soffice).toEqual([...DOCUMENT_EXPORTS].sort());
    for (const name of DOCUMENT_EXPORTS) {
      expect(pdfs[name].pages, name).toBeGreaterThan(0);
      expect(pdfs[name].text.join(""), name).toContain("城东街道党工委");
      // No page without text (an orphaned break, or a section that came out empty).
      pdfs[name].text.forEach((page, i) => expect(page.trim().length, `${name} page ${i + 1}`).toBeGreaterThan(0));
    }
  });

  it.skipIf(!OFFICE)("会议纪要: A4 portrait, numbered pages, the signature block with the last point", () => {
    const pdf = pdfs["minutes.docx"];
    expect(pdf.pages).toBeGreaterThan(1);
    for (const size of pdf.sizes) expect(isA4(size, "portrait"), JSON.stringify(size)).toBe(true);
    pdf.text.forEach((page, i) => expect(page, `page ${i + 1}`).toMatch(new RegExp(`—\\s*${i + 1}\\s*—`)));
    const last = pdf.text.at(-1)!;
    expect(last).toContain("记录整理");
    expect(last).toContain("必然要求"); // the end of the chair's last point
  });

  it.skipIf(!OFFICE)("点评意见反馈单: one A4 portrait page per unit with 点评, each with its signature line", () => {
    const pdf = pdfs["rectification.docx"];
    const units = Object.keys(FULL_MEETING_COMMENTS);
    expect(pdf.pages).toBe(units.length);
    pdf.text.forEach((page, i) => {
      expect(isA4(pdf.sizes[i]!, "portrait")).toBe(true);
      expect(page).toContain(units[i]!);
      expect(page.match(/点评意见反馈单/g), `page ${i + 1}`).toHaveLength(1);
      expect(page, `page ${i + 1}`).toMatch(/签收人（签字）[\s\S]*日期/);
    });
  });

  it.skipIf(!OFFICE)("测评汇总表 .docx: A4 landscape, page numbers, the 计票人 / 监票人 lines on a page with the table", () => {
    const pdf = pdfs["results.docx"];
    for (const size of pdf.sizes) expect(isA4(size, "landscape"), JSON.stringify(size)).toBe(true);
    const signed = pdf.text.findIndex((page) => page.includes("计票人"));
    expect(signed).toBe(pdf.pages - 1);
    expect(pdf.text[signed]).toContain("区卫健局党委"); // the last row of the 纸质票 table
    // A unit's name on one line of its cell (the columns were two characters wide before).
    expect(pdf.text[0]).toContain("区离退休干部工委");
  });

  it.skipIf(!OFFICE)(".xlsx: A4 landscape, 整改清单 on one page wide with every row whole, 测评汇总表 one page a sheet", () => {
    const list = pdfs["rectification.xlsx"];
    for (const size of list.sizes) expect(isA4(size, "landscape"), JSON.stringify(size)).toBe(true);
    const listText = list.text.join("").replace(/\s+/g, "");
    // Rows grow to their text: each 问题 / 建议 prints to its end, not cut to its first line.
    for (const comments of Object.values(FULL_MEETING_COMMENTS)) {
      for (const [tag, text] of comments) if (tag !== "highlight") expect(listText, text).toContain(text.slice(-5).replace(/\s+/g, ""));
    }
    expect(listText).toContain("第1页，共");
    const sheets = pdfs["results.xlsx"];
    expect(sheets.pages).toBe(3); // 测评汇总表, 电子票, 纸质票
    sheets.text.forEach((page, i) => {
      expect(isA4(sheets.sizes[i]!, "landscape")).toBe(true);
      expect(page, `sheet ${i + 1}`).toMatch(/计票人：_+\s+监票人：_+/);
    });
  });
});
