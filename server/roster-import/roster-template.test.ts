import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parseRoster } from "./parse-roster";
import { buildRosterTemplate, TEMPLATE_HEADERS } from "./roster-template";

describe("buildRosterTemplate", () => {
  it("is an .xlsx with the importer's headers, a 述职方式 dropdown and a 填写说明 sheet", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await buildRosterTemplate()).buffer);

    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["述职名单", "填写说明"]);
    const roster = workbook.worksheets[0];
    const headers = TEMPLATE_HEADERS.map((_, index) => roster.getCell(1, index + 1).value);
    expect(headers).toEqual(["单位", "姓名", "职务", "述职方式", "顺序", "时限(分钟)", "述职材料"]);
    expect(roster.getCell("D10").dataValidation).toMatchObject({ type: "list", formulae: ['"现场述职,书面述职"'] });
  });

  it("imports back as its two example rows without problems", async () => {
    const bytes = await buildRosterTemplate();
    const result = await parseRoster({ kind: "file", fileName: "述职名单模板.xlsx", bytes });

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.source).toEqual({ format: "xlsx", sheetName: "述职名单" });
    expect(result.data.problems).toEqual([]);
    expect(result.data.rows.map(({ problems: _problems, reportText: _reportText, ...row }) => row)).toEqual([
      { line: 2, unit: "城东街道党工委", name: "张XX", title: "书记", mode: "onsite", order: 1, limitMs: 360_000 },
      { line: 3, unit: "区教育局党委", name: "李XX", title: "书记", mode: "written", order: 2, limitMs: null },
    ]);
    expect(result.data.rows[1].reportText).not.toBe("");
  });
});
