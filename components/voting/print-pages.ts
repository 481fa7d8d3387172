// How the printed 测评汇总表 falls onto A4 pages. The browser's own page breaks can leave the
// 计票人 / 监票人 / 日期 line alone on the last page; here the pages are decided from measured
// heights instead, so the header row is on every page and the signatures always stand under
// the table's last rows. Pure, so the rules are tested without a printer.

export interface SheetHeights {
  /** Printable height of one page (A4 landscape less the margins), in CSS px. */
  page: number;
  /** Title, meeting line and ballot counts on page 1. */
  firstHeader: number;
  /** The "（续）" line on every later page. */
  continuationHeader: number;
  /** The table's header row (repeated on every page). */
  tableHead: number;
  /** Each data row, in print order. */
  rows: number[];
  /** Notes and the signature lines, which close the last page. */
  tail: number;
  /** The page-number line at the foot of every page. */
  footer: number;
}

/**
 * Row indices per page. Every page holds its header, the header row and as many rows as
 * fit; the tail goes on the last page, and when it does not fit there, the last row moves to
 * a new page with it, so the signatures are never alone. A row taller than a page still gets
 * a page of its own (it cannot be split).
 */
export function paginateRows(heights: SheetHeights): number[][] {
  const { page, firstHeader, continuationHeader, tableHead, rows, tail, footer } = heights;
  const room = (index: number) => page - footer - tableHead - (index === 0 ? firstHeader : continuationHeader);

  const pages: number[][] = [[]];
  let used = 0;
  rows.forEach((height, row) => {
    const current = pages[pages.length - 1]!;
    if (current.length > 0 && used + height > room(pages.length - 1)) {
      pages.push([row]);
      used = height;
    } else {
      current.push(row);
      used += height;
    }
  });

  // The tail must share the last page with at least one row: the last row moves down with it.
  const last = pages.length - 1;
  const lastPage = pages[last]!;
  const height = lastPage.reduce((sum, row) => sum + rows[row]!, 0);
  if (height + tail <= room(last) || lastPage.length <= 1) return pages;
  return [...pages.slice(0, last), lastPage.slice(0, -1), lastPage.slice(-1)];
}
