// Finds the header row of an organiser's table and maps its columns to roster fields.
// Headers are matched whole (after normalising), never as substrings, so data such as
// "城东街道党工委" can never be taken for a header.

import { fail, ok, type Result } from "../domain/result";

/** One row of a table as text cells; `line` is the row number the organiser sees. */
export interface GridRow {
  line: number;
  cells: string[];
}

export type RosterField = "unit" | "name" | "title" | "mode" | "order" | "limitMs" | "reportText";

/** Accepted header texts per field, in normalised form, most specific first. */
const HEADER_SYNONYMS: Record<RosterField, readonly string[]> = {
  unit: ["单位", "单位名称", "党组织", "党组织名称", "述职单位", "部门", "unit", "organization", "organisation", "org", "department"],
  name: ["姓名", "述职人", "书记", "书记姓名", "述职人姓名", "名字", "name", "speaker", "secretary"],
  title: ["职务", "职位", "title", "position", "jobtitle"],
  mode: ["述职方式", "方式", "述职形式", "形式", "mode", "format"],
  // 序号 ranks last: in Chinese tables it is often just a row count, used only when nothing better is there.
  order: ["述职顺序", "顺序", "发言顺序", "排序", "次序", "序号", "order", "sequence", "seq", "no", "#"],
  limitMs: ["时限", "时长", "述职时限", "述职时长", "发言时限", "发言时长", "限时", "limit", "timelimit", "duration", "minutes"],
  reportText: ["述职材料", "述职报告", "材料", "报告", "述职内容", "报告内容", "内容", "report", "material", "text"],
};

/** Chinese names of the fields, as the template spells them, for messages. */
export const FIELD_LABELS: Record<RosterField, string> = {
  unit: "单位",
  name: "姓名",
  title: "职务",
  mode: "述职方式",
  order: "顺序",
  limitMs: "时限",
  reportText: "述职材料",
};

export const NO_HEADER_MESSAGE =
  "未找到表头：名单需要有“单位”和“姓名”两列，并在表格第一行写明列名。可下载模板，填好后再导入";

const FIELDS = Object.keys(HEADER_SYNONYMS) as RosterField[];

export interface RecognisedColumn {
  field: RosterField;
  /** The header as written in the file. */
  header: string;
  /** 0-based index into GridRow.cells. */
  index: number;
}

export interface HeaderMatch {
  /** Index into the grid's rows; data starts after it. */
  rowIndex: number;
  line: number;
  columns: RecognisedColumn[];
  /** Non-empty headers that map to no field. */
  ignoredHeaders: string[];
  /** True when the limit header names seconds, e.g. "时长（秒）"; otherwise bare numbers are minutes. */
  limitInSeconds: boolean;
}

/**
 * "时限（分钟）" → "时限", " *单位： " → "单位", "Time limit (min)" → "timelimit".
 * NFKC folds full-width brackets, letters and digits to ASCII first.
 */
export function normaliseHeader(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/\([^)]*\)/g, "")
    .replace(/\/.*$/, "")
    .replace(/[\s\u200b*:.]/g, "")
    .toLowerCase();
}

interface HeaderCandidate {
  columns: RecognisedColumn[];
  ignoredHeaders: string[];
  limitInSeconds: boolean;
}

function matchHeaderCells(cells: string[]): HeaderCandidate {
  const best = new Map<RosterField, { rank: number; column: RecognisedColumn }>();
  cells.forEach((cell, index) => {
    const header = cell.trim();
    if (header === "") return;
    const key = normaliseHeader(header);
    for (const field of FIELDS) {
      const rank = HEADER_SYNONYMS[field].indexOf(key);
      if (rank < 0) continue;
      const current = best.get(field);
      // Ties keep the leftmost column.
      if (current === undefined || rank < current.rank) best.set(field, { rank, column: { field, header, index } });
    }
  });
  const columns = [...best.values()].map((entry) => entry.column).sort((a, b) => a.index - b.index);
  const used = new Set(columns.map((column) => column.index));
  const ignoredHeaders = cells.flatMap((cell, index) => (cell.trim() !== "" && !used.has(index) ? [cell.trim()] : []));
  const limit = columns.find((column) => column.field === "limitMs");
  const limitInSeconds = limit !== undefined && /秒|sec/i.test(limit.header);
  return { columns, ignoredHeaders, limitInSeconds };
}

function hasField(candidate: HeaderCandidate, field: RosterField): boolean {
  return candidate.columns.some((column) => column.field === field);
}

function synonymList(field: RosterField): string {
  return HEADER_SYNONYMS[field].filter((synonym) => /[\u4e00-\u9fff]/.test(synonym)).slice(0, 3).join("、");
}

/**
 * The first row that has both a unit and a name header (a title row above it is fine).
 * Fails with a message naming the missing column when a row comes close, so the
 * organiser knows which header to fix.
 */
export function findHeaderRow(rows: GridRow[]): Result<HeaderMatch> {
  let nearest: { row: GridRow; candidate: HeaderCandidate } | null = null;
  for (let rowIndex = 0; rowIndex < rows.length; rowIndex += 1) {
    const row = rows[rowIndex];
    const candidate = matchHeaderCells(row.cells);
    if (hasField(candidate, "unit") && hasField(candidate, "name")) {
      return ok({ rowIndex, line: row.line, ...candidate });
    }
    const required = Number(hasField(candidate, "unit")) + Number(hasField(candidate, "name"));
    // A lone "书记" in a data row is a job title, not a header: a near miss needs a second header.
    if (required === 1 && candidate.columns.length >= 2) {
      if (nearest === null || candidate.columns.length > nearest.candidate.columns.length) {
        nearest = { row, candidate };
      }
    }
  }
  if (nearest !== null) {
    const missing: RosterField = hasField(nearest.candidate, "unit") ? "name" : "unit";
    return fail(
      "invalid",
      `表头缺少“${FIELD_LABELS[missing]}”列（第${nearest.row.line}行像是表头；该列可写作：${synonymList(missing)}）`,
    );
  }
  return fail("invalid", NO_HEADER_MESSAGE);
}
