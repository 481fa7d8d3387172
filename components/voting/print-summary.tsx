"use client";
// The printed 测评汇总表: the frozen tally on A4 landscape with the ballot counts, the
// formulas, and lines for the 计票人 / 监票人 to sign. Rendered into <body> only while
// printing, with a print stylesheet that hides everything else on the page.
import { useEffect } from "react";
import { createPortal } from "react-dom";
import { formatMeetingDate } from "@/components/display/hall-labels";
import type { MeetingSnapshot } from "@/server/domain/snapshot";
import type { Tally } from "@/server/domain/tally";
import type { PaperState } from "@/server/domain/paper-ballots";
import { ResultsTable } from "./results-table";

const PRINT_CSS = `
@media screen { [data-print-sheet] { display: none !important; } }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body > *:not([data-print-sheet]) { display: none !important; }
  body { background: #fff !important; }
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

export function PrintSummary({ snapshot, tally, paper, onDone }: Props) {
  useEffect(() => {
    const done = () => onDone();
    window.addEventListener("afterprint", done);
    // After this render has reached the DOM, so the sheet is there to print.
    const frame = requestAnimationFrame(() => window.print());
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("afterprint", done);
    };
  }, [onDone]);

  return createPortal(<SummarySheet snapshot={snapshot} tally={tally} paper={paper} />, document.body);
}

/** The sheet itself; also usable on screen as a preview. */
export function SummarySheet({ snapshot, tally, paper }: { snapshot: MeetingSnapshot; tally: Tally; paper: PaperState | null }) {
  const { meeting } = snapshot;
  const round = paper?.round;
  return (
    <div data-print-sheet="" data-testid="voting-print-sheet" className="bg-white p-0 font-sans text-black">
      <style>{PRINT_CSS}</style>
      <h1 className="text-center text-[16pt] font-bold">{meeting.title}</h1>
      <h2 className="mt-1 text-center text-[14pt] font-bold tracking-[0.4em]">民主测评汇总表</h2>
      <p className="mt-2 text-center text-[10.5pt]">
        {[formatMeetingDate(meeting.date), meeting.venue].filter((p) => p.trim() !== "").join(" · ")}
      </p>
      <p className="mt-3 text-[10.5pt]">
        应到 {meeting.expectedVoters} 人；有效票 {tally.validBallots} 张，其中电子票 {tally.ballots.electronic} 张、纸质票 {tally.ballots.paper} 张
        {round && `（纸质票第 ${round.number} 轮：发出 ${round.issued} 张，收回 ${round.returned} 张，废票 ${paper.status.invalid} 张）`}
        {paper && paper.voidRounds.length > 0 && `；作废轮次：${paper.voidRounds.map((r) => `第 ${r.number} 轮（发出 ${r.issued}，收回 ${r.returned}）`).join("、")}`}。
      </p>
      <div className="mt-2">
        <ResultsTable tally={tally} />
      </div>
      <p className="mt-3 text-[9pt] leading-relaxed">
        说明：各档次占比、弃权占比 = 票数 ÷ 有效票数 × 100%；好评率 = （好 + 较好）÷ 有效票数 × 100%，弃权计入分母；测评得分 = Σ（档次分值 × 票数）÷（有效票数 − 弃权票数）
        {tally.weightedByCategory && "，按投票人类别加权：Σ（类别权重 × 类别平均分）÷ Σ 类别权重"}；名次按得分（保留两位小数）排列，得分相同者并列。
        档次分值：{meeting.ratingLevels.map((l) => `${l.label} ${l.weight}`).join("，")}。
      </p>
      <div className="mt-10 grid grid-cols-3 gap-8 text-[11pt]">
        <p>计票人：____________________</p>
        <p>监票人：____________________</p>
        <p>日期：______年____月____日</p>
      </div>
    </div>
  );
}
