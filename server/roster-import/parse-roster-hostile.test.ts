// Files an organiser should never send but a browser will happily upload: each must be
// refused with a message, quickly, and without parseRoster throwing.

import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseRoster, type ImportSource } from "./parse-roster";
import { handMadeZip } from "../test-support/files";

const file = (fileName: string, bytes: Uint8Array): ImportSource => ({ kind: "file", fileName, bytes });

async function refusal(source: ImportSource): Promise<string> {
  const result = await parseRoster(source);
  if (result.ok) throw new Error("expected the import to be refused");
  return result.error.message;
}

/** Deterministic noise, so a failure can be reproduced. */
function noise(length: number, seed = 42): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let index = 0; index < length; index += 1) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

async function realXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("名单");
  sheet.addRow(["单位", "姓名"]);
  sheet.addRow(["城东街道党工委", "张三"]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Rewrites the uncompressed size the central directory declares for one entry of a real archive. */
function declareSize(zip: Uint8Array, entryName: string, size: number): Uint8Array {
  const patched = Buffer.from(zip);
  for (let offset = patched.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); offset >= 0; ) {
    const nameLength = patched.readUInt16LE(offset + 28);
    if (patched.toString("utf8", offset + 46, offset + 46 + nameLength) === entryName) {
      patched.writeUInt32LE(size, offset + 24);
      return new Uint8Array(patched);
    }
    offset = offset === 0 ? -1 : patched.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), offset - 1);
  }
  throw new Error(`no central directory entry ${entryName}`);
}

const NOT_XLSX = "无法读取该文件：不是有效的 Excel (.xlsx) 文件";
const WORKBOOK_XML = Buffer.from('<?xml version="1.0"?><workbook/>');

describe("parseRoster refuses hostile or wrong files", () => {
  it("refuses random bytes named .xlsx", async () => {
    expect(await refusal(file("名单.xlsx", noise(4096)))).toBe(NOT_XLSX);
  });

  it("refuses a PNG named .xlsx", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...noise(2048)]);
    expect(await refusal(file("名单.xlsx", png))).toBe(NOT_XLSX);
  });

  it("refuses random bytes named .csv as not being text", async () => {
    expect(await refusal(file("名单.csv", noise(4096, 7)))).toBe(
      "无法读取该文件：不是文本格式的表格（请上传 .xlsx 或 .csv 文件）",
    );
  });

  it("refuses a truncated workbook", async () => {
    const whole = await realXlsx();
    expect(await refusal(file("名单.xlsx", whole.subarray(0, Math.floor(whole.byteLength / 2))))).toBe(NOT_XLSX);
  });

  it("refuses a workbook whose compressed data was damaged", async () => {
    const damaged = await realXlsx();
    for (let index = 200; index < 600; index += 1) damaged[index] ^= 0x5a;
    expect(await refusal(file("名单.xlsx", damaged))).toBe(NOT_XLSX);
  });

  it("refuses a file over 5 MB before reading it", async () => {
    // Zeros named .xlsx would otherwise be "not a valid Excel file": the size message proves the order.
    expect(await refusal(file("名单.xlsx", new Uint8Array(6 * 1024 * 1024)))).toBe(
      "文件过大（6 MB），名单文件不能超过 5 MB",
    );
  });

  it("refuses a workbook whose central directory declares a huge uncompressed size", async () => {
    const bomb = declareSize(await realXlsx(), "xl/worksheets/sheet1.xml", 0xfffffff0);
    expect(await refusal(file("名单.xlsx", bomb))).toBe(
      "文件解压后过大（声明 4 GB，上限 50 MB），可能是异常或恶意文件，已拒绝导入",
    );
  });

  it("refuses an honest bomb: 200 MB of zeros that compresses to a few hundred KB", async () => {
    const zeros = Buffer.alloc(200 * 1024 * 1024);
    const bomb = handMadeZip([
      { name: "xl/workbook.xml", content: WORKBOOK_XML },
      { name: "xl/worksheets/sheet1.xml", content: zeros },
    ]);
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    expect(await refusal(file("名单.xlsx", bomb))).toBe(
      "文件解压后过大（声明 200 MB，上限 50 MB），可能是异常或恶意文件，已拒绝导入",
    );
  });

  it("refuses a bomb that lies about its size, stopping inflation at the declared size", async () => {
    const bomb = handMadeZip([
      { name: "xl/workbook.xml", content: WORKBOOK_XML },
      { name: "xl/worksheets/sheet1.xml", content: Buffer.alloc(60 * 1024 * 1024), declaredSize: 1000 },
    ]);
    expect(await refusal(file("名单.xlsx", bomb))).toBe(
      "文件解压后的大小与其声明不符，可能是异常或恶意文件，已拒绝导入",
    );
  });

  it("refuses an archive of thousands of parts", async () => {
    const parts = Array.from({ length: 2001 }, (_, index) => ({ name: `xl/media/${index}.xml`, content: Buffer.from("x") }));
    expect(await refusal(file("名单.xlsx", handMadeZip(parts)))).toBe(
      "文件内部条目过多（2001 个），可能是异常或恶意文件，已拒绝导入",
    );
  });

  it("names a Word document instead of calling it a broken workbook", async () => {
    const docx = handMadeZip([
      { name: "[Content_Types].xml", content: Buffer.from("<Types/>") },
      { name: "word/document.xml", content: Buffer.from("<w:document/>") },
    ]);
    expect(await refusal(file("名单.docx", docx))).toBe(
      "这是 Word 文档，不是 Excel 表格：请把文档中的名单表格复制后粘贴导入，或另存为 .xlsx",
    );
  });

  it("returns a message, not an exception, for a zip exceljs cannot make sense of", async () => {
    const junk = handMadeZip([
      { name: "[Content_Types].xml", content: Buffer.from("<<<not xml") },
      { name: "xl/workbook.xml", content: Buffer.from("<workbook><sheets><sheet name=") },
      { name: "xl/worksheets/sheet1.xml", content: Buffer.from("<worksheet><sheetData><row r=") },
    ]);
    expect(await refusal(file("名单.xlsx", junk))).toBe(NOT_XLSX);
  });

  it("asks for .xlsx when given an old binary .xls", async () => {
    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...noise(1024)]);
    expect(await refusal(file("名单.xls", ole2))).toBe(
      "暂不支持旧版 Excel (.xls) 文件：请在 Excel 或 WPS 中“另存为” .xlsx 后再导入",
    );
  });

  it("refuses other file types and empty files", async () => {
    expect(await refusal(file("名单.pdf", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])))).toBe(
      "无法读取该文件：请上传 .xlsx 或 .csv 格式的名单，或直接粘贴表格",
    );
    expect(await refusal(file("名单.json", new TextEncoder().encode('{"单位":1}')))).toBe(
      "不支持的文件类型：.json（请上传 .xlsx 或 .csv 文件，或直接粘贴表格）",
    );
    expect(await refusal(file("名单.csv", new Uint8Array()))).toBe("文件是空的");
  });
});
