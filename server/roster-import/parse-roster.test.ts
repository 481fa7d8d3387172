import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { importableRows, parseRoster, type ImportSource, type RosterPreview } from "./parse-roster";

async function xlsx(fill: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet("Sheet1"), workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const file = (fileName: string, bytes: Uint8Array): ImportSource => ({ kind: "file", fileName, bytes });
const pasted = (text: string): ImportSource => ({ kind: "text", text });
const utf8 = (text: string) => new TextEncoder().encode(text);

async function preview(source: ImportSource): Promise<RosterPreview> {
  const result = await parseRoster(source);
  if (!result.ok) throw new Error(`expected a preview, got: ${result.error.message}`);
  return result.data;
}

async function refusal(source: ImportSource): Promise<string> {
  const result = await parseRoster(source);
  if (result.ok) throw new Error("expected the import to be refused");
  expect(result.error.code).toBe("invalid");
  return result.error.message;
}

/** What the preview table shows per row. */
const summary = (data: RosterPreview) =>
  data.rows.map((row) => [row.line, row.unit, row.name, row.title, row.mode, row.order, row.limitMs]);

const HEADER = ["单位", "姓名", "职务", "述职方式", "顺序", "时限(分钟)", "述职材料"];

describe("parseRoster: Excel workbooks", () => {
  it("reads the organisers' .xlsx with a merged title row above the header", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.mergeCells("A1:G1");
      sheet.getCell("A1").value = "2023年度党（工）委书记抓基层党建工作述职评议会名单";
      sheet.addRow(HEADER);
      sheet.addRow(["城东街道党工委", "张　三", "书记", "现场述职", 1, 6, ""]);
      sheet.addRow([" 城西街道党工委　", "李四", "党工委书记", "现场", 2, "5分30秒", ""]);
      sheet.addRow(["区直机关工委", "王五", "书记", "书面述职", 3, null, "一、主要工作\n二、存在问题"]);
    });

    const data = await preview(file("2023年度述职名单.xlsx", bytes));

    expect(data.source).toEqual({ format: "xlsx", sheetName: "Sheet1" });
    expect(data.headerLine).toBe(2);
    expect(summary(data)).toEqual([
      [3, "城东街道党工委", "张三", "书记", "onsite", 1, 360_000],
      [4, "城西街道党工委", "李四", "党工委书记", "onsite", 2, 330_000],
      [5, "区直机关工委", "王五", "书记", "written", 3, null],
    ]);
    expect(data.rows[2].reportText).toBe("一、主要工作\n二、存在问题");
    expect(data.problems).toEqual([]);
  });

  it("reads rich text, formulas, Excel times and a 述职方式 merged down several rows", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["单位", "姓名", "述职方式", "顺序", "时限"]);
      sheet.addRow([{ richText: [{ text: "城东街道" }, { text: "党工委", font: { bold: true } }] }, "张三", "现场述职"]);
      sheet.addRow(["区直机关工委", "李四", "书面述职"]);
      sheet.addRow(["区财政局党组", "赵六"]);
      sheet.mergeCells("C3:C4");
      sheet.getCell("D2").value = { formula: "ROW()-1", result: 1 };
      sheet.getCell("D3").value = { formula: "ROW()-1", result: 2 };
      // Typed as "5:30" in Excel, stored as the time of day 05:30.
      sheet.getCell("E2").value = new Date(Date.UTC(1899, 11, 30, 5, 30));
      sheet.getCell("E2").numFmt = "h:mm";
      sheet.getCell("E3").value = new Date(Date.UTC(1899, 11, 30, 0, 6));
      sheet.getCell("E3").numFmt = "h:mm:ss";
    });

    const data = await preview(file("名单.xlsx", bytes));

    expect(summary(data)).toEqual([
      [2, "城东街道党工委", "张三", "", "onsite", 1, 330_000],
      [3, "区直机关工委", "李四", "", "written", 2, 360_000],
      [4, "区财政局党组", "赵六", "", "written", null, null],
    ]);
  });

  it("counts a note merged across the columns once, not as unit and name", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["单位", "姓名"]);
      sheet.addRow(["城东街道党工委", "张三"]);
      sheet.addRow(["注：书面述职单位不计时"]);
      sheet.mergeCells("A3:B3");
    });
    const data = await preview(file("名单.xlsx", bytes));
    expect(data.rows[1]).toMatchObject({ line: 3, unit: "注：书面述职单位不计时", name: "" });
    expect(data.problems).toEqual([{ line: 3, field: "name", message: "缺少姓名" }]);
  });

  it("skips a 填写说明 sheet in front of the roster", async () => {
    const bytes = await xlsx((notes, workbook) => {
      notes.addRow(["请按下表填写，单位和姓名必填"]);
      const roster = workbook.addWorksheet("名单");
      roster.addRow(["单位", "姓名"]);
      roster.addRow(["城东街道党工委", "张三"]);
    });
    const data = await preview(file("名单.xlsx", bytes));
    expect(data.source).toEqual({ format: "xlsx", sheetName: "名单" });
    expect(summary(data)).toEqual([[2, "城东街道党工委", "张三", "", "onsite", null, null]]);
  });

  it("reads a workbook by its content even when it was renamed to .csv", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["单位", "姓名"]);
      sheet.addRow(["城东街道党工委", "张三"]);
    });
    const data = await preview(file("名单.csv", bytes));
    expect(data.source.format).toBe("xlsx");
    expect(data.rows.map((row) => row.unit)).toEqual(["城东街道党工委"]);
  });

  it("refuses more than 2000 roster rows", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["单位", "姓名"]);
      for (let index = 1; index <= 2001; index += 1) sheet.addRow([`第${index}党支部`, `党员${index}`]);
    });
    expect(await refusal(file("全区党支部.xlsx", bytes))).toBe("名单行数过多：最多 2000 行，请分批导入或删除多余的行");
  });

  it("refuses a sheet of more than 5000 rows before exceljs parses it", async () => {
    const bytes = await xlsx((sheet) => {
      sheet.addRow(["单位", "姓名"]);
      for (let index = 1; index <= 5000; index += 1) sheet.addRow([index]);
    });
    expect(await refusal(file("大表.xlsx", bytes))).toBe(
      "表格行数过多（超过 5000 行）：请只保留名单所在的工作表，并删除多余的空行后再导入",
    );
  });
});

describe("parseRoster: CSV files", () => {
  it("reads UTF-8 with a BOM and quoted cells holding commas, quotes and paragraphs", async () => {
    const csv =
      "\uFEFF单位,姓名,职务,述职方式,顺序,时限(分钟),述职材料\r\n" +
      '城东街道党工委,张三,书记,现场述职,1,6,"一年来，我们坚持""大抓基层""导向,\r\n取得了成效。"\r\n' +
      '"区""两新""工委",李四,书记,书面述职,2,,\r\n';

    const data = await preview(file("名单.csv", utf8(csv)));

    expect(data.source).toEqual({ format: "csv", encoding: "utf-8", separator: "comma" });
    expect(summary(data)).toEqual([
      [2, "城东街道党工委", "张三", "书记", "onsite", 1, 360_000],
      [3, '区"两新"工委', "李四", "书记", "written", 2, null],
    ]);
    expect(data.rows[0].reportText).toBe('一年来，我们坚持"大抓基层"导向,\n取得了成效。');
  });

  it("reads a GBK file saved by Excel or WPS on a Chinese Windows", async () => {
    const csv = "单位,姓名,职务,述职方式\r\n城东街道党工委,张三,书记,现场述职\r\n区离退休干部工委,钱七,书记,书面述职\r\n";
    const bytes = new Uint8Array(iconv.encode(csv, "gbk"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();

    const data = await preview(file("名单.csv", bytes));

    expect(data.source).toEqual({ format: "csv", encoding: "gb18030", separator: "comma" });
    expect(summary(data)).toEqual([
      [2, "城东街道党工委", "张三", "书记", "onsite", null, null],
      [3, "区离退休干部工委", "钱七", "书记", "written", null, null],
    ]);
  });

  it("reads Excel's Unicode text (UTF-16 with a BOM, tab-separated)", async () => {
    const text = "单位\t姓名\r\n区卫健局党委\t孙八\r\n";
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode(text, "utf16le")]);
    const data = await preview(file("名单.txt", bytes));
    expect(data.source).toEqual({ format: "text", encoding: "utf-16le", separator: "tab" });
    expect(data.rows.map((row) => [row.unit, row.name])).toEqual([["区卫健局党委", "孙八"]]);
  });

  it("shows every row with its own problems, and only clean rows are importable", async () => {
    const csv = [
      "单位,姓名,职务,述职方式,顺序,时限,备注",
      "城东街道党工委,张三,书记,现场述职,1,6,",
      ",李四,书记,现场,2,6,",
      "城西街道党工委,,书记,现场,3,6,",
      "城南街道党工委,王五,书记,视频述职,4,6,",
      "城东街道党工委 ,赵六,书记,书面,5,,",
      "城北街道党工委,钱七,书记,现场,第一,6,",
      "区财政局党组,孙八,书记,现场,7,六分钟,",
      "区教育局党委,周九,书记,现场,8,90,",
      ",,,,,,",
      "区卫健局党委,吴十,书记,书面,8,,",
      ",,,,11,,空行只有序号",
    ].join("\r\n");

    const data = await preview(file("名单.csv", utf8(csv)));

    expect(data.rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11]);
    expect(data.problems).toEqual([
      { line: 3, field: "unit", message: "缺少单位" },
      { line: 4, field: "name", message: "缺少姓名" },
      { line: 5, field: "mode", message: "述职方式无法识别：视频述职（应为 现场述职 或 书面述职）" },
      { line: 6, field: "unit", message: "单位重复：与第2行相同" },
      { line: 7, field: "order", message: "顺序应为正整数：第一" },
      { line: 8, field: "limitMs", message: "时限无法识别：六分钟（应为分钟数，如 6、6分钟 或 5:30）" },
      { line: 9, field: "limitMs", message: "时限超出范围：90（应大于 0 且不超过 60 分钟）" },
      { line: 11, field: "order", message: "顺序重复：与第9行相同" },
    ]);
    expect(data.rows.find((row) => row.line === 4)?.problems).toEqual([
      { line: 4, field: "name", message: "缺少姓名" },
    ]);
    expect(data.ignoredHeaders).toEqual(["备注"]);
    expect(importableRows(data).map((row) => row.unit)).toEqual(["城东街道党工委"]);
    expect(importableRows(data)[0]).not.toHaveProperty("problems");
  });

  it("lists a note under the table as skipped, and passes over numbered empty rows silently", async () => {
    const csv = ["序号,单位,姓名", "1,城东街道党工委,张三", "2,,", "备注：区直单位书面述职，材料会前报送。,,"].join("\n");
    const data = await preview(file("名单.csv", utf8(csv)));
    expect(data.rows.map((row) => row.unit)).toEqual(["城东街道党工委"]);
    expect(data.skipped).toEqual([{ line: 4, text: "备注：区直单位书面述职，材料会前报送。", reason: expect.stringContaining("不导入") }]);
  });

  it("treats every unit as 现场述职 when there is no 述职方式 column", async () => {
    const data = await preview(file("名单.csv", utf8("单位,姓名\n城东街道党工委,张三\n区直机关工委,王五\n")));
    expect(data.rows.map((row) => row.mode)).toEqual(["onsite", "onsite"]);
    expect(data.columns.map((column) => column.field)).toEqual(["unit", "name"]);
  });
});

describe("parseRoster: headers", () => {
  it("recognises synonyms and says which header became which field", async () => {
    const text = "序号\t党组织名称\t书记\t职务\t方式\t时长（分钟）\t述职报告\t联系电话\n1\t城东街道党工委\t张三\t书记\t书面\t6分钟\t材料全文\t139xxxx";
    const data = await preview(pasted(text));
    expect(data.columns.map((column) => [column.field, column.header])).toEqual([
      ["order", "序号"],
      ["unit", "党组织名称"],
      ["name", "书记"],
      ["title", "职务"],
      ["mode", "方式"],
      ["limitMs", "时长（分钟）"],
      ["reportText", "述职报告"],
    ]);
    expect(data.ignoredHeaders).toEqual(["联系电话"]);
    expect(summary(data)).toEqual([[2, "城东街道党工委", "张三", "书记", "written", 1, 360_000]]);
  });

  it("prefers 述职顺序 over a plain 序号 row count", async () => {
    const data = await preview(pasted("序号,单位,姓名,述职顺序\n1,城东街道党工委,张三,2\n2,城西街道党工委,李四,1"));
    expect(data.rows.map((row) => [row.unit, row.order])).toEqual([
      ["城东街道党工委", 2],
      ["城西街道党工委", 1],
    ]);
    expect(data.ignoredHeaders).toEqual(["序号"]);
  });

  it("reads English headers", async () => {
    const data = await preview(pasted("Unit,Name,Title,Mode,Order,Time limit (min),Report\nEast Street Committee,Zhang San,Secretary,written,1,6,text"));
    expect(summary(data)).toEqual([[2, "East Street Committee", "Zhang San", "Secretary", "written", 1, 360_000]]);
  });

  it("reads a limit column headed in seconds", async () => {
    const data = await preview(pasted("单位,姓名,时长（秒）\n城东街道党工委,张三,360"));
    expect(data.rows[0].limitMs).toBe(360_000);
  });

  it("names the missing column when the header row lacks 姓名", async () => {
    expect(await refusal(pasted("单位,职务,述职方式\n城东街道党工委,书记,现场"))).toBe(
      "表头缺少“姓名”列（第1行像是表头；该列可写作：姓名、述职人、书记）",
    );
  });

  it("refuses a text with no recognisable header", async () => {
    const notice = "关于召开2023年度述职评议会的通知\n请各单位书记准时参加，时间控制在6分钟以内。\n";
    expect(await refusal(file("通知.txt", utf8(notice)))).toBe(
      "未找到表头：名单需要有“单位”和“姓名”两列，并在表格第一行写明列名。可下载模板，填好后再导入",
    );
  });

  it("refuses a header with nothing under it", async () => {
    expect(await refusal(pasted("单位\t姓名\n\t\n"))).toBe("第1行是表头，但表头下面没有名单");
  });
});

describe("parseRoster: pasted tables", () => {
  it("reads a range copied from Excel, including a multi-line cell Excel quoted", async () => {
    const clipboard =
      "2023年度述职评议会名单\t\t\t\r\n" +
      "单位\t姓名\t职务\t述职方式\t述职材料\r\n" +
      '城东街道党工委\t张三\t书记\t现场述职\t"第一段\n第二段"\r\n' +
      "区教育局党委\t周九\t书记\t书面述职\t\r\n";

    const data = await preview(pasted(clipboard));

    expect(data.source).toEqual({ format: "text", encoding: null, separator: "tab" });
    expect(data.headerLine).toBe(2);
    expect(summary(data)).toEqual([
      [3, "城东街道党工委", "张三", "书记", "onsite", null, null],
      [4, "区教育局党委", "周九", "书记", "written", null, null],
    ]);
    expect(data.rows[0].reportText).toBe("第一段\n第二段");
  });

  it("reads a Word table pasted as tab-separated text, quotes and all", async () => {
    const data = await preview(pasted('单位\t姓名\t职务\n区"两新"工委\t钱七\t书记\n'));
    expect(data.rows.map((row) => row.unit)).toEqual(['区"两新"工委']);
  });

  it("reads columns lined up with full-width spaces or runs of spaces", async () => {
    const text = "单位　　　　　　姓名　　职务\n城东街道党工委　　张三　　书记\n区 直机关工委    王五    书记\n";
    const data = await preview(pasted(text));
    expect(data.source).toMatchObject({ separator: "wide-space" });
    expect(summary(data)).toEqual([
      [2, "城东街道党工委", "张三", "书记", "onsite", null, null],
      [3, "区 直机关工委", "王五", "书记", "onsite", null, null],
    ]);
  });

  it("reads a table typed with single spaces, keeping the rest of a line in its last column", async () => {
    const data = await preview(pasted("单位 姓名 述职方式 述职材料\n城东街道党工委 张三 现场 今年 我们 抓了 三件事"));
    expect(data.source).toMatchObject({ separator: "any-space" });
    expect(data.rows[0]).toMatchObject({ unit: "城东街道党工委", name: "张三", reportText: "今年 我们 抓了 三件事" });
  });

  it("refuses an empty paste and more than 5000 lines", async () => {
    expect(await refusal(pasted(" \n\u3000\n"))).toBe("没有可导入的内容");
    const long = `单位\t姓名\n${"城东街道党工委\t张三\n".repeat(5000)}`;
    expect(await refusal(pasted(long))).toBe("表格行数过多（超过 5000 行），请删除多余的行后再导入");
  });
});
