"use client";
// The printed 测评汇总表: the frozen tally on A4 landscape with the ballot counts, the
// formulas, and lines for the 计票人 / 监票人 to sign. Rendered into <body> only while
// printing, with a print stylesheet that hides everything else on the page.
//
// The pages are laid out here, not left to the browser: the sheet is first rendered off
// screen at the printed width and measured, then split by `paginateRows` so that every page
// repeats the header row and the signatures always share a page with the table's last rows.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { formatMeetingDate } from "@/components/display/hall-labels";
import type { MeetingSnapshot } from "@/server/domain/snapshot";
import { describeRankingRule, formatPercent, formatScore, lastBatchNote, type Tally } from "@/server/domain/tally";
import type { PaperState } from "@/server/domain/paper-ballots";
import { paginateRows } from "./print-pages";
import { rankedRows, rankLabel, type RankedRow } from "./voting-format";

/** A4 landscape less 12 mm margins on every side. */
const PAGE_WIDTH_MM = 273;
const PAGE_HEIGHT_MM = 186;
/** Room left unused at the foot of each page, against rounding between screen and print layout. */
const SAFETY_MM = 4;
const PX_PER_MM = 96 / 25.4;

const PRINT_CSS = `
@media screen { [data-print-sheet] { display: none !important; } }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  html, body { background: #fff !important; min-height: 0 !important; height: auto !important; }
  body > *:not([data-print-sheet]) { display: none !important; }
  [data-print-page] { break-after: page; }
  [data-print-page]:last-child { break-after: auto; }
  /* Browsers drop background colours when printing; the 好评率 bars are backgrounds. */
  [data-print-sheet] * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`;

interface Props {
  snapshot: MeetingSnapshot;
  tally: Tally;
  paper: PaperState | null;
  /** Called once the print dialog has closed. */
  onDone: () => void;
}

type SheetProps = Omit<Props, "onDone">;

export function PrintSummary({ snapshot, tally, paper, onDone }: Props) {
  const measure = useRef<HTMLDivElement>(null);
  const [pages, setPages] = useState<number[][] | null>(null);

  // Measured once, before the browser paints, at the printed width.
  useLayoutEffect(() => {
    const root = measure.current;
    if (!root) return;
    const height = (selector: string) => root.querySelector(selector)?.getBoundingClientRect().height ?? 0;
    const rows = [...root.querySelectorAll("[data-measure=row]")].map((row) => row.getBoundingClientRect().height);
    setPages(
      paginateRows({
        page: (PAGE_HEIGHT_MM - SAFETY_MM) * PX_PER_MM,
        firstHeader: height("[data-measure=first]"),
        continuationHeader: height("[data-measure=continued]"),
        tableHead: height("[data-measure=head]"),
        rows,
        tail: height("[data-measure=tail]"),
        footer: height("[data-measure=footer]"),
      }),
    );
  }, []);

  useEffect(() => {
    if (!pages) return;
    const done = () => onDone();
    window.addEventListener("afterprint", done);
    // After the paged sheet has reached the DOM, so it is there to print.
    const frame = requestAnimationFrame(() => window.print());
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("afterprint", done);
    };
  }, [pages, onDone]);

  return createPortal(
    pages ? (
      <SummarySheet snapshot={snapshot} tally={tally} paper={paper} pages={pages} />
    ) : (
      <div ref={measure} aria-hidden style={{ position: "fixed", left: -20_000, top: 0, width: `${PAGE_WIDTH_MM}mm`, visibility: "hidden" }}>
        <MeasureSheet snapshot={snapshot} tally={tally} paper={paper} />
      </div>
    ),
    document.body,
  );
}

/** Every part of the sheet once, in print styles, for measuring. */
function MeasureSheet({ snapshot, tally, paper }: SheetProps) {
  const rows = rankedRows(tally);
  return (
    <div className="bg-white font-sans text-black">
      <div data-measure="first">
        <FirstHeader snapshot={snapshot} tally={tally} paper={paper} />
      </div>
      <div data-measure="continued">
        <ContinuedHeader snapshot={snapshot} />
      </div>
      <PrintTable tally={tally} rows={rows} measured />
      <div data-measure="tail">
        <Tail snapshot={snapshot} tally={tally} />
      </div>
      <div data-measure="footer">
        <PageFooter page={1} count={1} />
      </div>
    </div>
  );
}

/** The paged sheet: `pages` holds the indices of the ranked rows on each page. */
export function SummarySheet({ snapshot, tally, paper, pages }: SheetProps & { pages: number[][] }) {
  const rows = rankedRows(tally);
  return (
    <div data-print-sheet="" data-testid="voting-print-sheet" className="bg-white font-sans text-black">
      <style>{PRINT_CSS}</style>
      {pages.map((indices, index) => (
        <section key={index} data-print-page="" data-testid="print-page" className="flex flex-col" style={{ width: `${PAGE_WIDTH_MM}mm` }}>
          {index === 0 ? <FirstHeader snapshot={snapshot} tally={tally} paper={paper} /> : <ContinuedHeader snapshot={snapshot} />}
          <PrintTable tally={tally} rows={indices.map((i) => rows[i]).filter((row): row is RankedRow => row !== undefined)} />
          {index === pages.length - 1 && <Tail snapshot={snapshot} tally={tally} />}
          <PageFooter page={index + 1} count={pages.length} />
        </section>
      ))}
    </div>
  );
}

function FirstHeader({ snapshot, tally, paper }: SheetProps) {
  const { meeting } = snapshot;
  const round = paper?.round;
  return (
    <header className="pb-[3mm]">
      <h1 className="text-center text-[16pt] font-bold">{meeting.title}</h1>
      <h2 className="mt-1 text-center text-[14pt] font-bold tracking-[0.4em]">民主测评汇总表</h2>
      <p className="mt-1 text-center text-[10.5pt]">{[formatMeetingDate(meeting.date), meeting.venue].filter((p) => p.trim() !== "").join(" · ")}</p>
      <p className="mt-2 text-[10.5pt] leading-relaxed">
        应到 {meeting.expectedVoters} 人；有效票 {tally.validBallots} 张，其中电子票 {tally.ballots.electronic} 张、纸质票 {tally.ballots.paper} 张
        {round && paper && `（纸质票第 ${round.number} 轮：发出 ${round.issued} 张，收回 ${round.returned} 张，废票 ${paper.status.invalid} 张）`}
        {paper && paper.voidRounds.length > 0 && `；作废轮次：${paper.voidRounds.map((r) => `第 ${r.number} 轮（发出 ${r.issued}，收回 ${r.returned}）`).join("、")}`}
        {tally.weightedByCategory && "；得分按投票人类别加权"}。
      </p>
    </header>
  );
}

function ContinuedHeader({ snapshot }: { snapshot: MeetingSnapshot }) {
  return (
    <p className="pb-[2mm] text-[10.5pt]">
      {snapshot.meeting.title} · <span className="font-bold">民主测评汇总表（续）</span>
    </p>
  );
}

/** The formulas as the 监票人 checks them by hand; the rule's words say the denominator and the order. */
function formulaNote(tally: Tally): string {
  if (!tally.rule) {
    return "各档次占比、弃权占比 = 票数 ÷ 有效票数 × 100%；好评率 = （好 + 较好）÷ 有效票数 × 100%；测评得分 = Σ（档次分值 × 票数）÷（有效票数 − 弃权票数）；名次按得分排列，相同者并列";
  }
  return "好评率 = （好 + 较好）÷ 分母；得分 = Σ（分值 × 票数）÷ 分母；弃权占比以有效票数为分母；仍相同者并列";
}

function Tail({ snapshot, tally }: { snapshot: MeetingSnapshot; tally: Tally }) {
  const { meeting } = snapshot;
  const lastBatch = lastBatchNote(tally);
  return (
    <div data-testid="print-signatures" className="pt-[3mm]">
      <p className="text-[9pt] leading-relaxed">
        <span data-testid="print-rule" className="font-bold">{describeRankingRule(tally.rule)}</span>说明：{formulaNote(tally)}
        {tally.weightedByCategory && "；得分按投票人类别加权：Σ（类别权重 × 类别得分）÷ Σ 类别权重"}。 档次分值：{meeting.ratingLevels.map((l) => `${l.label} ${l.weight}`).join("，")}。
        {lastBatch && (
          <span data-testid="print-last-batch" className="ml-1">
            {lastBatch}
          </span>
        )}
      </p>
      <div className="mt-[8mm] grid grid-cols-3 gap-8 text-[11pt]">
        <p>计票人：____________________</p>
        <p>监票人：____________________</p>
        <p>日期：______年____月____日</p>
      </div>
    </div>
  );
}

function PageFooter({ page, count }: { page: number; count: number }) {
  return (
    <p className="mt-auto pt-[2mm] text-right text-[9pt]">
      第 {page} 页 / 共 {count} 页
    </p>
  );
}

const CELL = "border border-black px-[1.5mm] py-[1mm]";

/** Column widths in mm: the same on every page, so the pages line up and measure the same. */
function columnWidths(levelCount: number): { rank: number; unit: number; name: number; share: number; rate: number; score: number } {
  const rank = 14;
  const name = 22;
  const rate = 34;
  const score = 18;
  const share = Math.min(22, (PAGE_WIDTH_MM - rank - name - rate - score - 60) / (levelCount + 1));
  return { rank, unit: PAGE_WIDTH_MM - rank - name - rate - score - share * (levelCount + 1), name, share, rate, score };
}

function PrintTable({ tally, rows, measured = false }: { tally: Tally; rows: RankedRow[]; measured?: boolean }) {
  const levels = tally.speakers[0]?.levels ?? [];
  const widths = columnWidths(levels.length);
  const mm = (value: number) => ({ width: `${value}mm` });
  const share = (value: { count: number; percent: number }): ReactNode => (
    <>
      {value.count} <span className="text-[9pt]">{formatPercent(value.percent)}</span>
    </>
  );
  return (
    <table className="tabular w-full table-fixed border-collapse text-[10.5pt]">
      <colgroup>
        <col style={mm(widths.rank)} />
        <col style={mm(widths.unit)} />
        <col style={mm(widths.name)} />
        {[...levels, null].map((_, i) => (
          <col key={i} style={mm(widths.share)} />
        ))}
        <col style={mm(widths.rate)} />
        <col style={mm(widths.score)} />
      </colgroup>
      <thead>
        <tr data-measure={measured ? "head" : undefined} data-testid="print-head-row">
          <th className={`${CELL} text-center font-bold`}>名次</th>
          <th className={`${CELL} text-left font-bold`}>单位</th>
          <th className={`${CELL} text-left font-bold`}>姓名</th>
          {levels.map((level) => (
            <th key={level.levelId} className={`${CELL} text-right font-bold`}>
              {level.label}
            </th>
          ))}
          <th className={`${CELL} text-right font-bold`}>弃权</th>
          <th className={`${CELL} text-left font-bold`}>好评率</th>
          <th className={`${CELL} text-right font-bold`}>得分</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const s = row.speaker;
          return (
            <tr key={s.speakerId} data-measure={measured ? "row" : undefined} data-testid="print-row" className="break-inside-avoid">
              <td className={`${CELL} text-center whitespace-nowrap`} title={rankLabel(row)}>
                {row.tied && <span className="mr-0.5 text-[9pt]">并列</span>}
                {row.rank}
              </td>
              <td className={`${CELL} text-left break-words`}>{s.unit}</td>
              <td className={`${CELL} text-left break-words`}>{s.name}</td>
              {s.levels.map((level) => (
                <td key={level.levelId} className={`${CELL} text-right whitespace-nowrap`}>
                  {share(level)}
                </td>
              ))}
              <td className={`${CELL} text-right whitespace-nowrap`}>{share(s.abstain)}</td>
              <td className={CELL}>
                <span className="flex items-center gap-[1.5mm]">
                  <span className="w-[12mm] shrink-0 text-right">{formatPercent(s.goodRate)}</span>
                  <span className="h-[2.5mm] flex-1 border border-black bg-white">
                    <span className="block h-full bg-black" style={{ width: `${Math.min(100, s.goodRate)}%` }} />
                  </span>
                </span>
              </td>
              <td className={`${CELL} text-right font-bold whitespace-nowrap`}>{formatScore(s.score)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
