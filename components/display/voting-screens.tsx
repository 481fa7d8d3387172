"use client";
// The projector during 第二项议程 民主测评: the instructions before voting opens, live counts
// (应到 / 已提交 / 纸质票收回) and a big progress bar while it is open, and — only once the
// chair publishes (当场公布) — the ranked results with a 好评率 bar per secretary. Counts
// only: nothing here can tell who has or has not voted.
import { useEffect, useState, type ReactNode } from "react";
import { pages, progressFigures, rankedRows, rankLabel, type RankedRow } from "@/components/voting/voting-format";
import type { MeetingSnapshot, VotingProgress } from "@/server/domain/snapshot";
import { describeRankingRule, formatPercent, formatScore, type Tally } from "@/server/domain/tally";

/** More rows than this are shown page by page; 13 secretaries fit on one 1080p page. */
const ROWS_PER_PAGE = 15;
/** Rows are never taller than a tenth of the table, so a short list does not balloon. */
const MIN_ROW_SLOTS = 10;
const PAGE_MS = 12_000;

const TEXT = {
  headline: "text-[min(13vh,8vw)]",
  body: "text-[min(4vh,2.3vw)]",
  figureLabel: "text-[min(4.4vh,2.5vw)]",
  figure: "text-[min(17vh,10vw)]",
};

export function EvaluationScreen(props: { snapshot: MeetingSnapshot; progress: VotingProgress; itemLine: ReactNode }) {
  const { snapshot, progress, itemLine } = props;
  if (snapshot.results) return <ResultsBoard tally={snapshot.results} itemLine={itemLine} />;
  const { status } = snapshot.live.voting;
  const text = snapshot.meeting.agenda.evaluation.text;
  return (
    <div data-testid="projector-voting" data-status={status} className="flex min-h-0 flex-1 flex-col">
      <div className="px-[4vw] pt-[2.5vh]">{itemLine}</div>
      <div className="flex min-h-0 flex-1 flex-col items-center justify-center gap-[4vh] px-[5vw]">
        <p className={`${TEXT.headline} font-bold leading-none tracking-[0.3em] text-white`}>{snapshot.meeting.agenda.evaluation.title}</p>
        {status === "idle" ? (
          <>
            {text && <p className={`${TEXT.body} max-w-[80vw] leading-relaxed text-slate-300`}>{text}</p>}
            <p className={`${TEXT.figureLabel} tracking-[0.2em] text-slate-400`}>测评尚未开始</p>
          </>
        ) : (
          <ProgressBlock progress={progress} closed={status === "closed"} />
        )}
      </div>
    </div>
  );
}

function Figure({ label, value, testId, tone }: { label: string; value: number; testId: string; tone: string }) {
  return (
    <div className="flex flex-col items-center gap-[1vh]">
      <span className={`${TEXT.figureLabel} tracking-[0.15em] text-slate-300`}>{label}</span>
      <span data-testid={testId} className={`${TEXT.figure} tabular font-bold leading-none ${tone}`}>
        {value}
      </span>
    </div>
  );
}

function ProgressBlock({ progress, closed }: { progress: VotingProgress; closed: boolean }) {
  const figures = progressFigures(progress);
  const percent = Math.round(figures.fraction * 100);
  return (
    <div className="flex w-full max-w-[88vw] flex-col items-center gap-[4vh]">
      <p
        data-testid="projector-voting-state"
        className={`${TEXT.figureLabel} rounded-full px-[2.5vw] py-[0.8vh] tracking-[0.2em] ${
          closed ? "bg-slate-700/60 text-slate-100" : "bg-emerald-500/15 text-emerald-300 ring-1 ring-emerald-400/40"
        }`}
      >
        {closed ? "测评已结束 · 结果待主持人宣布" : "测评进行中 · 请认真填写测评票"}
      </p>
      <div className="grid w-full grid-cols-3 divide-x divide-slate-700">
        <Figure label="应到" value={figures.expected} testId="projector-expected" tone="text-slate-100" />
        <Figure label="已提交（电子）" value={figures.electronic} testId="projector-electronic" tone="text-emerald-400" />
        <Figure label="纸质票收回" value={figures.paperReturned} testId="projector-paper" tone="text-amber-300" />
      </div>
      <div className="w-full">
        <div
          data-testid="projector-progress"
          role="progressbar"
          aria-label="测评票收回进度"
          aria-valuetext={`已收回 ${figures.received} / ${figures.expected}`}
          aria-valuemin={0}
          aria-valuemax={figures.expected}
          aria-valuenow={figures.received}
          className="h-[5vh] w-full overflow-hidden rounded-full bg-slate-800 ring-1 ring-slate-700"
        >
          <div className="h-full rounded-full bg-emerald-500 transition-[width] duration-500 ease-out" style={{ width: `${figures.fraction * 100}%` }} />
        </div>
        <p data-testid="projector-received" className={`${TEXT.body} tabular mt-[1.5vh] text-center text-slate-300`}>
          已收回 <span className="font-bold text-white">{figures.received}</span> / {figures.expected}
          <span className="ml-[1.5vw] text-slate-400">{percent}%</span>
        </p>
      </div>
    </div>
  );
}

/** Cycles through `count` pages every PAGE_MS; always 0 for a single page. */
function usePage(count: number): number {
  const [page, setPage] = useState(0);
  useEffect(() => {
    setPage(0);
    if (count <= 1) return;
    const timer = setInterval(() => setPage((p) => (p + 1) % count), PAGE_MS);
    return () => clearInterval(timer);
  }, [count]);
  return Math.min(page, count - 1);
}

function ResultsBoard({ tally, itemLine }: { tally: Tally; itemLine: ReactNode }) {
  const rows = rankedRows(tally);
  const pageList = pages(rows, ROWS_PER_PAGE);
  const page = usePage(pageList.length);
  const shown = pageList[page] ?? [];
  const levels = tally.speakers[0]?.levels ?? [];
  const slots = Math.max(MIN_ROW_SLOTS, Math.min(rows.length, ROWS_PER_PAGE));
  // 单位 gets what is left (about a quarter of the width: twelve characters at this size).
  const columns = `6vw minmax(0,1fr) 7vw repeat(${levels.length + 1}, 5vw) 22vw 8vw`;

  return (
    <div data-testid="projector-results" className="flex min-h-0 flex-1 flex-col px-[2.5vw] pt-[2vh] pb-[2.5vh]">
      <div className="flex items-baseline gap-[2vw] px-[1vw]">
        <div className="shrink-0">{itemLine}</div>
        <h2 className="min-w-0 flex-1 text-center text-[min(5.4vh,3vw)] font-bold tracking-[0.25em] text-white">民主测评结果</h2>
        <p data-testid="projector-valid-ballots" className="tabular shrink-0 text-[min(3vh,1.7vw)] text-slate-300">
          有效票 <span className="font-bold text-white">{tally.validBallots}</span> 张（电子 {tally.ballots.electronic} · 纸质 {tally.ballots.paper}）
          {pageList.length > 1 && (
            <span className="ml-[1.5vw] text-amber-200">
              第 {page + 1}/{pageList.length} 页
            </span>
          )}
        </p>
      </div>
      <div
        style={{ gridTemplateColumns: columns }}
        className="mt-[1.5vh] grid items-end border-b-2 border-slate-600 px-[1vw] pb-[1vh] text-center text-[min(2.9vh,1.6vw)] text-slate-400"
      >
        <span>名次</span>
        <span className="text-left">单位</span>
        <span className="text-left">姓名</span>
        {levels.map((level) => (
          <span key={level.levelId}>{level.label}</span>
        ))}
        <span>弃权</span>
        <span className="text-left">好评率（好 + 较好）</span>
        <span>得分</span>
      </div>
      <ol className="flex min-h-0 flex-1 flex-col">
        {shown.map((row, index) => (
          <ResultRow key={row.speaker.speakerId} row={row} columns={columns} height={`${100 / slots}%`} striped={index % 2 === 1} />
        ))}
      </ol>
      <p data-testid="projector-rule" className="shrink-0 border-t border-slate-700 px-[1vw] pt-[0.8vh] text-[min(2.4vh,1.35vw)] text-slate-300">
        {describeRankingRule(tally.rule)}
      </p>
    </div>
  );
}

function ResultRow({ row, columns, height, striped }: { row: RankedRow; columns: string; height: string; striped: boolean }) {
  const { speaker } = row;
  return (
    <li
      data-testid={`projector-result-${speaker.speakerId}`}
      style={{ gridTemplateColumns: columns, height }}
      className={`grid shrink-0 items-center px-[1vw] text-center text-[min(3.5vh,1.95vw)] text-slate-100 ${striped ? "bg-white/[0.04]" : ""}`}
    >
      <span data-testid="projector-rank" aria-label={rankLabel(row)} className="tabular flex items-baseline justify-center gap-[0.4vw]">
        {row.tied && <span className="text-[0.55em] text-amber-200">并列</span>}
        <span className="font-bold text-white">{row.rank}</span>
      </span>
      <span className="truncate text-left font-bold text-white">{speaker.unit}</span>
      <span className="truncate text-left text-slate-200">{speaker.name}</span>
      {speaker.levels.map((level) => (
        <span key={level.levelId} className="tabular">
          {level.count}
        </span>
      ))}
      <span className="tabular text-slate-400">{speaker.abstain.count}</span>
      <span className="flex items-center gap-[0.8vw] pr-[1vw]">
        <span data-testid="projector-good-rate" className="tabular w-[4.2em] shrink-0 text-right font-bold text-amber-200">
          {formatPercent(speaker.goodRate)}
        </span>
        <span className="block h-[2.2vh] min-w-0 flex-1 overflow-hidden rounded-r-md bg-slate-800">
          <span className="block h-full rounded-r-md bg-amber-400" style={{ width: `${Math.min(100, speaker.goodRate)}%` }} />
        </span>
      </span>
      <span data-testid="projector-score" className="tabular font-bold text-white">
        {formatScore(speaker.score)}
      </span>
    </li>
  );
}
