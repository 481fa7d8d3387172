// The blank roster organisers download, fill in and import again. Its headers are the
// importer's own first-choice names, so a filled-in template always imports.


export const TEMPLATE_HEADERS = ["单位", "姓名", "职务", "述职方式", "顺序", "时限(分钟)", "述职材料"] as const;

type TemplateRow = [string, string, string, string, number, number | null, string];

const EXAMPLE_ROWS: TemplateRow[] = [
  ["城东街道党工委", "张XX", "书记", "现场述职", 1, 6, ""],
  ["区教育局党委", "李XX", "书记", "书面述职", 2, null, "书面述职的单位可将述职材料全文粘贴在此单元格。"],
];

const COLUMN_WIDTHS = [24, 12, 12, 12, 8, 12, 60];
/** Rows below the examples that get the 述职方式 dropdown. */
const DROPDOWN_ROWS = 200;

const INSTRUCTIONS = [
  "填写说明",
  "1. 每个单位一行；“单位”和“姓名”必填，单位不能重复。",
  "2. 述职方式填“现场述职”或“书面述职”，不填视为现场述职。",
  "3. 顺序填 1、2、3……，不填则按表格中的先后顺序。",
  "4. 时限填分钟数，如 6、6分钟 或 5:30（5分30秒），不超过 60 分钟；不填则使用会议统一时限。",
  "5. 述职材料可直接粘贴全文（书面述职的单位建议填写），也可导入后再补充。",
  "6. 示例行（张XX、李XX）请删除或改为实际名单；保存为 .xlsx 或 .csv 后导入。",
];

/** An .xlsx with the header row, two example rows and a 填写说明 sheet after the roster. */
export async function buildRosterTemplate(): Promise<Buffer> {
  // Loaded on first use: exceljs takes a good part of a second to load.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "述职评议会控制台";

  const roster = workbook.addWorksheet("述职名单", { views: [{ state: "frozen", ySplit: 1 }] });
  roster.columns = TEMPLATE_HEADERS.map((header, index) => ({ header, width: COLUMN_WIDTHS[index] }));
  // Styled cell by cell: a row style would paint the whole row, far past the last column.
  roster.getRow(1).eachCell((cell) => {
    cell.font = { bold: true, color: { argb: "FFFFFFFF" } };
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFC00000" } };
    cell.alignment = { vertical: "middle", horizontal: "center" };
  });
  for (const example of EXAMPLE_ROWS) roster.addRow(example);
  roster.getColumn(7).alignment = { wrapText: true, vertical: "top" };
  for (let row = 2; row <= DROPDOWN_ROWS + 1; row += 1) {
    roster.getCell(row, 4).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: ['"现场述职,书面述职"'],
      showErrorMessage: true,
      errorTitle: "述职方式",
      error: "请选择“现场述职”或“书面述职”",
    };
  }

  const notes = workbook.addWorksheet("填写说明");
  notes.getColumn(1).width = 90;
  INSTRUCTIONS.forEach((text, index) => {
    notes.getCell(index + 1, 1).value = text;
  });
  notes.getCell(1, 1).font = { bold: true, size: 14 };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
