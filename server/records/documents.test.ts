// The after-meeting documents, read back as the party office would open them: the .docx
// through mammoth (its text) and its XML (fonts, page size), the .xlsx through exceljs.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import mammoth from "mammoth";
import { describe, expect, it } from "vitest";
import { DEFAULT_RATING_LEVELS } from "../domain/evaluation-setup";
import { initialLiveState } from "../domain/meeting-types";
import { computeTally, type VoteCounter } from "../domain/tally";
import type { Dossier, DossierSpeaker } from "./dossier";
import { minutesDocx } from "./minutes-document";
import { rectificationDocx, rectificationXlsx, RECTIFICATION_COLUMNS } from "./rectification-documents";
import { resultsDocx, resultsXlsx } from "./results-documents";

function speaker(id: string, unit: string, name: string, mode: "onsite" | "written", extra: Partial<DossierSpeaker> = {}): DossierSpeaker {
  return { id, unit, name, title: "党工委书记", mode, evaluated: true, removed: false, reportText: "", record: null, comments: [], ...extra };
}

const SPEAKERS: DossierSpeaker[] = [
  speaker("s1", "城东街道党工委", "张XX", "onsite", {
    record: { status: "done", spokenMs: 371_000, overtimeMs: 11_000 },
    comments: [
      { id: "c1", tag: "highlight", text: "“红色物业”融合党建做法有特色", createdAt: "2024-01-16T02:00:00.000Z", rectification: null },
      { id: "c2", tag: "problem", text: "软弱涣散党组织整顿进度偏慢", createdAt: "2024-01-16T02:01:00.000Z", rectification: { measures: "逐村制定整顿方案", owner: "张XX", dueDate: "2024-06-30", status: "in_progress", notes: [{ id: "n1", date: "2024-03-01", text: "已完成 3 个村的整顿" }] } },
      { id: "c3", tag: "suggestion", text: "以上年度述职评议问题整改为导向，建立问题清单", createdAt: "2024-01-16T02:02:00.000Z", rectification: null },
    ],
  }),
  // Over by 0.4 s: printed to the second, that is 未超时 (never "+0:00").
  speaker("s2", "西湖镇党委", "李XX", "onsite", { record: { status: "done", spokenMs: 360_400, overtimeMs: 400 } }),
  speaker("s3", "区直机关工委", "王XX", "written", {
    comments: [{ id: "c4", tag: "problem", text: "机关党建与业务融合不够", createdAt: "2024-01-16T02:10:00.000Z", rectification: null }],
  }),
  speaker("s4", "区财政局党组", "赵XX", "written", {
    removed: true,
    comments: [{ id: "c5", tag: "suggestion", text: "加强党支部标准化建设", createdAt: "2024-01-16T02:11:00.000Z", rectification: null }],
  }),
];

function counters(speakerId: string, source: "electronic" | "paper", good: number, fair: number, abstain: number): VoteCounter[] {
  return [
    { speakerId, source, categoryId: null, levelId: "good", count: good },
    { speakerId, source, categoryId: null, levelId: "fair", count: fair },
    { speakerId, source, categoryId: null, levelId: null, count: abstain },
  ];
}

const tally = computeTally({
  speakers: SPEAKERS.filter((s) => !s.removed).map(({ id, unit, name }) => ({ id, unit, name })),
  levels: DEFAULT_RATING_LEVELS,
  categories: [],
  counters: [...counters("s1", "electronic", 3, 1, 0), ...counters("s1", "paper", 2, 0, 0), ...counters("s2", "electronic", 1, 3, 0), ...counters("s2", "paper", 0, 1, 1), ...counters("s3", "electronic", 4, 0, 0), ...counters("s3", "paper", 2, 0, 0)],
  ballots: { electronic: 4, paper: 2 },
});

const dossier: Dossier = {
  meeting: {
    id: "m1",
    title: "2023年度党(工)委书记抓基层党建工作述职评议会",
    date: "2024-01-16", // as the setup form stores it
    venue: "区委第一会议室",
    chairName: "区委书记",
    guests: "市委组织部XXX同志、XXX同志",
    agenda: {
      reports: { title: "党(工)委书记述职", text: "" },
      evaluation: { title: "民主测评", text: "" },
      closing: { title: "书记讲话", text: "" },
    },
    closingPoints: [
      { title: "要始终坚持政治引领", body: "把党的政治建设摆在首位", section: "requirements" },
      { title: "要持续夯实基层基础", body: "", section: "requirements" },
    ],
    limitMs: 360_000,
    warningMs: 60_000,
    ratingLevels: DEFAULT_RATING_LEVELS,
    voterCategories: [],
    rankingRule: { abstainCounts: true, rankBy: "score" },
    expectedVoters: 8,
  },
  live: { ...initialLiveState({ limitMs: 360_000, warningMs: 60_000 }), cursor: { item: "closed" }, voting: { status: "closed", published: true } },
  speakers: SPEAKERS,
  tally,
  paperRounds: [
    { number: 1, issued: 3, returned: 4, void: true, valid: 0, invalid: 0 },
    { number: 2, issued: 3, returned: 3, void: false, valid: 2, invalid: 1 },
  ],
  carried: { title: "2022年度述职评议会", items: [{ unit: "城东街道党工委", name: "张XX", tag: "problem", text: "党员教育管理不够规范", status: "done", measures: "", dueDate: "", lastNote: "" }] },
};

async function docxText(bytes: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
}

async function docxXml(bytes: Uint8Array): Promise<string> {
  return (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
}

interface DocxRun {
  font: string;
  /** Half-points. */
  size: number;
  text: string;
}

/** Every run of the document with its East Asian font and size, as Word would apply them. */
function runs(xml: string): DocxRun[] {
  return [...xml.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map(([, inner]) => ({
    font: /w:eastAsia="([^"]*)"/.exec(inner!)?.[1] ?? "",
    size: Number(/<w:sz w:val="(\d+)"/.exec(inner!)?.[1] ?? 0),
    text: [...inner!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""),
  }));
}

function runOf(xml: string, text: string): DocxRun | undefined {
  return runs(xml).find((r) => r.text.startsWith(text));
}

/** The paragraph (its XML) whose text contains `text`. */
function paragraphOf(xml: string, text: string): string {
  return [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => runs(p).map((r) => r.text).join("").includes(text)) ?? "";
}

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book;
}

describe("会议纪要", () => {
  it("holds the header, every unit in order with its 点评 grouped, time spoken, the vote and the chair's points", async () => {
    const bytes = await minutesDocx(dossier);
    const text = await docxText(bytes);
    expect(text).toContain("2023年度党(工)委书记抓基层党建工作述职评议会会议纪要");
    for (const expected of ["区委第一会议室", "区委书记", "市委组织部XXX同志", "应到 8 人，实到 7 人", "一、会议议程"]) expect(text).toContain(expected);
    // Units in agenda order, the one taken off the agenda last and marked.
    const order = ["城东街道党工委", "西湖镇党委", "区直机关工委", "区财政局党组（已调出议程）"].map((u) => text.indexOf(u));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(text).toContain("现场述职；用时 6:11，超时 +0:11");
    expect(text).toContain("王XX，党工委书记；书面述职；不计时。");
    expect(text).not.toContain("书面述职；书面述职");
    expect(text).toContain("李XX，党工委书记；现场述职；用时 6:00，未超时。");
    // Dates as 公文 write them; the agenda numbered 1. 2. 3. under its 一、 heading.
    expect(text).toContain("时间：2024年1月16日");
    expect(text).not.toContain("2024-01-16");
    expect(text).toMatch(/一、会议议程\s*1\. 党\(工\)委书记述职\s*2\. 民主测评\s*3\. 书记讲话/);
    expect(text).toMatch(/亮点：“红色物业”融合党建做法有特色[\s\S]*问题：软弱涣散党组织整顿进度偏慢[\s\S]*建议：以上年度述职评议问题整改为导向/);
    expect(text).toContain("上年度整改事项：党员教育管理不够规范（已完成）");
    expect(text).toContain("有效票 6 张（电子 4 张、纸质 2 张），废票 1 张");
    expect(text).toContain("好评率 = （好 + 较好）÷ 有效票数");
    expect(text).toContain("要求1. 要始终坚持政治引领：把党的政治建设摆在首位");
    const xml = await docxXml(bytes);
    // A4, 公文 fonts by name, never embedded.
    expect(xml).toMatch(/w:pgSz w:w="11906" w:h="16838"/);
    expect(/w:orient="portrait"/.test(xml) && !/w:orient="landscape"/.test(xml)).toBe(true);
    // Title 方正小标宋 二号 (22 pt), headings 黑体 三号, body 仿宋 三号 (16 pt).
    expect(runOf(xml, "2023年度党(工)委书记抓基层党建工作述职评议会会议纪要")).toMatchObject({ font: "方正小标宋简体", size: 44 });
    expect(runOf(xml, "一、会议议程")).toMatchObject({ font: "黑体", size: 32 });
    expect(runOf(xml, "四、书记讲话")).toMatchObject({ font: "黑体", size: 32 });
    expect(runOf(xml, "区委第一会议室")).toMatchObject({ font: "仿宋", size: 32 });
    expect(runOf(xml, "软弱涣散党组织整顿进度偏慢")).toMatchObject({ font: "仿宋", size: 32 });
    // Names only: no font files in the package, and no font embedding asked for.
    const zip = await JSZip.loadAsync(bytes);
    expect(zip.file(/fonts\//)).toHaveLength(0);
    expect(await zip.file("word/settings.xml")!.async("string")).not.toContain("embedTrueTypeFonts");
    // Marked as Chinese, so the suite shapes it as Chinese (glyph forms, 避头尾 line breaking).
    expect(await zip.file("word/styles.xml")!.async("string")).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
    // Page numbers "— 1 —" in 宋体 四号 at the foot of every page.
    const footer = await zip.file("word/footer1.xml")!.async("string");
    expect(footer).toMatch(/PAGE/);
    expect(runOf(footer, "— ")).toMatchObject({ font: "宋体", size: 28 });
    expect(xml).toMatch(/<w:footerReference [^>]*w:type="default"/);
    // The signature block stays on the page of the chair's last point.
    expect(paragraphOf(xml, "把党的政治建设摆在首位")).not.toContain("<w:keepNext/>");
    expect(paragraphOf(xml, "要持续夯实基层基础")).toContain("<w:keepNext/>");
    expect(paragraphOf(xml, "记录整理")).toContain("<w:keepNext/>");
    expect(paragraphOf(xml, "有效票 6 张（电子 4 张")).toContain("<w:keepNext/>");
    expect(text).toMatch(/记录整理：_+\s*2024年1月16日\s*$/);
  });
});

describe("what Word and Excel read beside the text", () => {
  it(".docx: the font table has each font as a Chinese (GB2312) font, and no style is based on one the file lacks", async () => {
    for (const bytes of [await minutesDocx(dossier), await rectificationDocx(dossier), await resultsDocx(dossier, tally)]) {
      const zip = await JSZip.loadAsync(bytes);
      const fontTable = await zip.file("word/fontTable.xml")!.async("string");
      // docx wrote it empty: Word and WPS had no hint that a missing 方正小标宋简体 is a Chinese font.
      for (const font of ["方正小标宋简体", "黑体", "仿宋", "楷体", "宋体"]) {
        expect(fontTable).toMatch(new RegExp(`<w:font w:name="${font}">(?:(?!</w:font>).)*<w:charset w:val="86"/>`));
      }
      expect(fontTable).toContain('<w:altName w:val="FangSong"/>');
      expect(fontTable).not.toContain("w:embed");
      const styles = await zip.file("word/styles.xml")!.async("string");
      expect(styles).toContain('w:basedOn w:val="DefaultParagraphFont"');
      expect(styles).toMatch(/<w:style w:type="character" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"\/>/);
      expect(await zip.file("docProps/core.xml")!.async("string")).toContain("<cp:lastModifiedBy>Debrief Console</cp:lastModifiedBy>");
    }
  });

  it(".xlsx: 黑体 and 仿宋 with the GB2312 charset, as Excel writes them, and the title in the properties", async () => {
    for (const bytes of [await rectificationXlsx(dossier), await resultsXlsx(dossier, tally)]) {
      const zip = await JSZip.loadAsync(bytes);
      const fonts = (await zip.file("xl/styles.xml")!.async("string")).match(/<font>(?:(?!<\/font>).)*<\/font>/g) ?? [];
      const chinese = fonts.filter((f) => /<name val="(黑体|仿宋)"\/>/.test(f));
      expect(chinese.length).toBeGreaterThanOrEqual(2);
      for (const font of chinese) expect(font).toContain('<charset val="134"/>');
      expect(await zip.file("docProps/core.xml")!.async("string")).toMatch(/<dc:title>2023年度党\(工\)委书记抓基层党建工作述职评议会(整改清单|民主测评汇总表)<\/dc:title>/);
    }
  });
});

describe("text Word and Excel cannot read", () => {
  it("a 点评 or 会议名称 with a character XML cannot carry still gives files that open: the character is left out", async () => {
    // U+FFFE (a byte-swapped byte-order mark) and U+FFFF: docx and exceljs wrote them as they were.
    const pasted = `软弱涣散\ufffe党组织\uffff整顿\u0001进度偏慢`;
    const odd = {
      ...dossier,
      meeting: { ...dossier.meeting, title: `2023年度\ufffe述职评议会` },
      speakers: SPEAKERS.map((s) => ({ ...s, comments: s.comments.map((c) => ({ ...c, text: c.id === "c2" ? pasted : c.text })) })),
    };
    const files = [await minutesDocx(odd), await rectificationDocx(odd), await rectificationXlsx(odd), await resultsDocx(odd, tally), await resultsXlsx(odd, tally)];
    for (const bytes of files) {
      const zip = await JSZip.loadAsync(bytes);
      for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".xml"))) {
        expect(await zip.file(name)!.async("string"), name).not.toMatch(/[\ufffe\uffff\u0000-\u0008]/);
      }
    }
    expect(await docxText(files[0]!)).toContain("软弱涣散党组织整顿进度偏慢");
    expect((await workbook(files[2]!)).getWorksheet("整改清单")!.getCell("E2").value).toBe("软弱涣散党组织整顿进度偏慢");
  });

  it(".xlsx: the page header keeps to Excel's 255 characters, cutting a long 会议名称, never \"整改清单\"", async () => {
    // 200 characters, the most the setup form takes, each "&" written "&&" in a header.
    const title = "述职&评议&".repeat(33);
    const header = (await workbook(await rectificationXlsx({ ...dossier, meeting: { ...dossier.meeting, title } }))).getWorksheet("整改清单")!.headerFooter.oddHeader!;
    expect(header.length).toBeLessThanOrEqual(255);
    expect(header).toMatch(/^&C述职&&评议&&述职&&评议&&[\s\S]*… 整改清单$/);
    expect(header).not.toMatch(/[^&]&…|[^&]&$/); // never half of an "&&"
    const short = (await workbook(await rectificationXlsx(dossier))).getWorksheet("整改清单")!.headerFooter.oddHeader;
    expect(short).toBe("&C2023年度党(工)委书记抓基层党建工作述职评议会 整改清单");
  });
});

describe("整改清单", () => {
  it(".xlsx: one row per 问题 / 建议 with the follow-up, frozen header, A4 landscape, header repeated", async () => {
    const book = await workbook(await rectificationXlsx(dossier));
    const sheet = book.getWorksheet("整改清单")!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...RECTIFICATION_COLUMNS]);
    const rows = [2, 3, 4, 5].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
    expect(rows.map((r) => [r[1], r[3], r[4]])).toEqual([
      ["城东街道党工委", "问题", "软弱涣散党组织整顿进度偏慢"],
      ["城东街道党工委", "建议", "以上年度述职评议问题整改为导向，建立问题清单"],
      ["区直机关工委", "问题", "机关党建与业务融合不够"],
      ["区财政局党组", "建议", "加强党支部标准化建设"],
    ]);
    expect(rows[0]).toEqual([1, "城东街道党工委", "张XX", "问题", "软弱涣散党组织整顿进度偏慢", "逐村制定整顿方案", "张XX", "2024-06-30", "整改中", "2024-03-01 已完成 3 个村的整顿"]);
    expect(rows[2]![8]).toBe("未启动");
    expect(sheet.rowCount).toBe(5);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", printTitlesRow: "1:1", fitToWidth: 1, fitToHeight: 0 });
    expect(sheet.pageSetup.printArea).toBe("A1:J5");
    expect(await (await JSZip.loadAsync(await rectificationXlsx(dossier))).file("xl/workbook.xml")!.async("string")).toContain("&apos;整改清单&apos;!$A$1:$J$5<");
    expect(sheet.getColumn(5).width).toBeGreaterThan(30);
    expect(sheet.getCell("E2").alignment?.wrapText).toBe(true);
    // Every column's width is in the file (exceljs drops a width of exactly 9: 状态 printed at 8.43).
    for (let c = 1; c <= RECTIFICATION_COLUMNS.length; c++) expect(sheet.getColumn(c).width, RECTIFICATION_COLUMNS[c - 1]).toBeGreaterThan(5);
    // Row heights are written: Excel, WPS and LibreOffice do not grow a wrapped row on opening,
    // so without them a long 点评 prints cut to its first line.
    for (let r = 2; r <= 5; r++) expect(sheet.getRow(r).height, `row ${r}`).toBeGreaterThanOrEqual(18);
    const long = await workbook(await rectificationXlsx({ ...dossier, speakers: [{ ...SPEAKERS[2]!, comments: [{ ...SPEAKERS[2]!.comments[0]!, text: "机关党建与业务融合不够".repeat(8) }] }] }));
    expect(long.getWorksheet("整改清单")!.getRow(2).height).toBeGreaterThanOrEqual(3 * 11 * 1.3);
    expect(sheet.headerFooter.oddFooter).toContain("&P");
    expect(sheet.headerFooter.oddFooter).toContain("&N");
  });

  it(".docx: one 点评意见反馈单 per unit with 点评, its 整改时限 and a signature line", async () => {
    const bytes = await rectificationDocx(dossier);
    const text = await docxText(bytes);
    expect(text.match(/点评意见反馈单/g)).toHaveLength(3); // the three units with 点评
    expect(text).toMatch(/城东街道党工委[\s\S]*亮点[\s\S]*“红色物业”[\s\S]*问题[\s\S]*软弱涣散[\s\S]*建议[\s\S]*问题清单[\s\S]*于2024年6月30日前完成整改/);
    expect(text).toMatch(/区直机关工委[\s\S]*机关党建与业务融合不够/);
    expect(text.match(/签收人（签字）/g)).toHaveLength(3);
    const xml = await docxXml(bytes);
    // One section a unit, each A4 portrait: each sheet starts on its own page.
    expect(xml.match(/<w:sectPr/g)).toHaveLength(3);
    expect(xml.match(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/g)).toHaveLength(3);
    // A form in 四号 (14 pt): labels 黑体, content 仿宋, so a unit's usual 点评 fits one page.
    expect(runOf(xml, "点评意见反馈单")).toMatchObject({ font: "方正小标宋简体", size: 44 });
    expect(runOf(xml, "整改要求")).toMatchObject({ font: "黑体", size: 28 });
    expect(runOf(xml, "软弱涣散党组织整顿进度偏慢")).toMatchObject({ font: "仿宋", size: 28 });
    // The signature lines sit in the form's last row, which never breaks across pages: they
    // cannot land alone on a page (LibreOffice showed them on a page of their own before).
    const lastRows = [...xml.matchAll(/<w:tr>[\s\S]*?<\/w:tr>(?=<\/w:tbl>)/g)].map((m) => m[0]);
    expect(lastRows).toHaveLength(3);
    for (const row of lastRows) {
      expect(row).toContain("<w:cantSplit/>");
      expect(row).toMatch(/整改时限[\s\S]*签收人（签字）[\s\S]*日期/);
    }
  });
});

describe("测评汇总表", () => {
  it(".xlsx: counts and percentages per level, 好评率, 得分, 名次, sources apart, 应到/实到/有效/废票, rule and signatures", async () => {
    const book = await workbook(await resultsXlsx(dossier, tally));
    expect(book.worksheets.map((s) => s.name)).toEqual(["测评汇总表", "电子票", "纸质票"]);
    const merged = book.getWorksheet("测评汇总表")!;
    expect(String(merged.getCell("A2").value)).toBe("应到 8 人，实到 7 人；有效票 6 张（电子 4 张，纸质 2 张）；废票 1 张。");
    const header = (merged.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(["序号", "单位", "书记", "好（票）", "好占比", "较好（票）", "较好占比", "一般（票）", "一般占比", "差（票）", "差占比", "弃权（票）", "弃权占比", "好评率", "得分", "名次"]);
    const first = (merged.getRow(4).values as unknown[]).slice(1);
    expect(first).toEqual([1, "城东街道党工委", "张XX", 5, "83.3%", 1, "16.7%", 0, "0.0%", 0, "0.0%", 0, "0.0%", "100.0%", "96.67", 2]);
    const third = (merged.getRow(6).values as unknown[]).slice(1);
    expect(third.slice(1, 3)).toEqual(["区直机关工委", "王XX"]);
    expect(third.at(-1)).toBe(1);
    const paper = book.getWorksheet("纸质票")!;
    expect((paper.getRow(5).values as unknown[]).slice(1, 4)).toEqual([2, "西湖镇党委", "李XX"]);
    expect((paper.getRow(5).values as unknown[]).slice(4, 8)).toEqual([0, "0.0%", 1, "50.0%"]);
    const texts = merged.getColumn(1).values.map(String).join("\n");
    expect(texts).toContain("纸质票第 1 轮：发出 3 张，收回 4 张，收回多于发出，本轮作废");
    expect(texts).toContain("测评得分 = Σ（档次分值 × 票数）÷（有效票数 − 弃权票数）");
    expect(texts).toMatch(/计票人：_+ +监票人：_+/);
    expect(merged.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", printTitlesRow: "3:3", fitToWidth: 1, fitToHeight: 0 });
    // The print area runs from the title to the signature lines.
    const signatureRow = merged.getColumn(1).values.findIndex((v) => String(v).startsWith("计票人"));
    expect(merged.pageSetup.printArea).toBe(`A1:P${signatureRow}`);
    // Figures centred (a right-aligned count beside a left-aligned percentage read "847.1%"), units left.
    expect(merged.getCell("D4").alignment?.horizontal).toBe("center");
    expect(merged.getCell("E4").alignment?.horizontal).toBe("center");
    expect(merged.getCell("B4").alignment?.horizontal).toBe("left");
    for (let c = 4; c <= header.length; c++) expect(merged.getColumn(c).width, header[c - 1] as string).toBeGreaterThan(9);
    for (const sheet of book.worksheets) expect(sheet.headerFooter.oddFooter, sheet.name).toContain("&P");
  });

  it(".docx: merged and per source, counts, rule and the 计票人 / 监票人 lines, A4 landscape", async () => {
    const bytes = await resultsDocx(dossier, tally);
    const text = await docxText(bytes);
    expect(text).toContain("民主测评汇总表");
    expect(text).toContain("应到 8 人，实到 7 人；有效票 6 张（电子 4 张，纸质 2 张）；废票 1 张。");
    expect(text).toMatch(/一、合计[\s\S]*城东街道党工委[\s\S]*96\.67[\s\S]*二、电子票（4 张）[\s\S]*三、纸质票（2 张）/);
    expect(text).toContain("计票人：");
    expect(text).toContain("监票人：");
    const xml = await docxXml(bytes);
    expect(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/.test(xml)).toBe(true);
    // Fixed column widths: 单位 holds "区离退休干部工委" (8 characters at 10 pt) on one line, and the
    // 16 columns fit between the margins.
    const grid = [...xml.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map((m) => [...m[1]!.matchAll(/w:w="(\d+)"/g)].map((w) => Number(w[1])));
    expect(grid).toHaveLength(3);
    for (const columns of grid) {
      expect(columns[1]).toBeGreaterThanOrEqual(8 * 10 * 20 + 2 * 57);
      expect(columns.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(16838 - 2 * 1134);
    }
    // The 计票人 / 监票人 lines are held to the last table: its last two rows and every
    // paragraph between keep with the next, so the signatures never stand alone on a page.
    const afterTables = xml.slice(xml.lastIndexOf("</w:tbl>"));
    const between = afterTables.slice(0, afterTables.indexOf("计票人"));
    const paragraphs = between.match(/<w:p>[\s\S]*?<\/w:pPr>/g) ?? [];
    expect(paragraphs.length).toBeGreaterThanOrEqual(2);
    for (const p of paragraphs.slice(0, -1)) expect(p).toContain("<w:keepNext/>");
    const lastTable = xml.slice(xml.lastIndexOf("<w:tbl>"), xml.lastIndexOf("</w:tbl>"));
    const rows = lastTable.match(/<w:tr>[\s\S]*?<\/w:tr>/g) ?? [];
    for (const row of rows.slice(-2)) expect((row.match(/<w:keepNext\/>/g) ?? []).length).toBe(row.match(/<w:p>/g)!.length);
    expect(rows.at(-3)).toContain('<w:keepNext w:val="false"/>');
    // Page numbers.
    expect((await JSZip.loadAsync(bytes)).file("word/footer1.xml")).not.toBeNull();
  });

  it("says when the close wrote fewer than k electronic ballots in its last batch, and only then", async () => {
    const note = "结束测评时还有 2 张电子票在等待，已一并计入。这一批少于 5 张（其余每批至少 5 张）";
    const small = { ...tally, lastBatch: { ballots: 2, minimum: 5 } };
    const full = { ...tally, lastBatch: { ballots: 5, minimum: 5 } };
    const sheetText = async (t: typeof tally) => (await workbook(await resultsXlsx(dossier, t))).getWorksheet("测评汇总表")!.getColumn(1).values.map(String).join("\n");
    expect(await sheetText(small)).toContain(note);
    expect(await docxText(await resultsDocx(dossier, small))).toContain(note);
    for (const t of [full, tally]) {
      expect(await sheetText(t)).not.toContain("电子票在等待");
      expect(await docxText(await resultsDocx(dossier, t))).not.toContain("电子票在等待");
    }
  });
});
