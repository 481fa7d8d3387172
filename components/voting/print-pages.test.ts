import { describe, expect, it } from "vitest";
import { paginateRows, type SheetHeights } from "./print-pages";

// Roughly A4 landscape at 96 dpi less 12 mm margins, and the sheet's real proportions.
const base: Omit<SheetHeights, "rows"> = { page: 700, firstHeader: 120, continuationHeader: 30, tableHead: 30, tail: 110, footer: 20 };
const rows = (n: number, height = 28) => Array<number>(n).fill(height);

function check(heights: SheetHeights, pages: number[][]) {
  // Every row once, in order, and no page without rows.
  expect(pages.flat()).toEqual(heights.rows.map((_, i) => i));
  for (const page of pages) expect(page.length).toBeGreaterThan(0);
  // Every page fits; the last one with the tail.
  pages.forEach((page, index) => {
    const header = index === 0 ? heights.firstHeader : heights.continuationHeader;
    const tail = index === pages.length - 1 ? heights.tail : 0;
    const used = header + heights.tableHead + heights.footer + tail + page.reduce((sum, row) => sum + heights.rows[row]!, 0);
    expect(used).toBeLessThanOrEqual(heights.page);
  });
}

describe("paginateRows", () => {
  it("puts 13 secretaries and the signatures on one page", () => {
    const heights = { ...base, rows: rows(13) };
    const pages = paginateRows(heights);
    expect(pages).toHaveLength(1);
    check(heights, pages);
  });

  it("never leaves the signatures alone on the last page", () => {
    // 18 rows fill page 1: the tail would be alone on page 2, so the last row goes with it.
    const heights = { ...base, rows: rows(18, 28) };
    const pages = paginateRows(heights);
    expect(pages).toHaveLength(2);
    expect(pages[1]).toEqual([17]);
    check(heights, pages);
  });

  it("splits 30 and 60 rows into pages that each fit", () => {
    for (const n of [30, 60]) {
      const heights = { ...base, rows: rows(n) };
      const pages = paginateRows(heights);
      expect(pages.length).toBeGreaterThan(1);
      check(heights, pages);
    }
  });

  it("copes with rows of different heights (long unit names wrap)", () => {
    const heights = { ...base, rows: Array.from({ length: 40 }, (_, i) => (i % 7 === 0 ? 56 : 28)) };
    check(heights, paginateRows(heights));
  });
});
