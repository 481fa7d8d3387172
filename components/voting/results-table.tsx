// The 测评结果 table for the chair's desk and the printed 测评汇总表: ranked, every level as
// count and % of valid ballots, 弃权, 好评率 with a bar, 得分; or one source's ballots alone
// (electronic / paper), since the 监票人 checks each pile against its own count.
import { formatPercent, formatScore, type BallotSource, type Distribution, type Tally } from "@/server/domain/tally";
import { rankedRows, rankLabel } from "./voting-format";

export type ResultsView = "all" | BallotSource;

export const RESULTS_VIEW_LABEL: Record<ResultsView, string> = { all: "合计", electronic: "电子票", paper: "纸质票" };

/** The count, and its share beside it — or under it when the table's box is narrow. */
function Cell({ share }: { share: { count: number; percent: number } }) {
  return (
    <>
      <span className="font-semibold">{share.count}</span>
      <span className="block text-[0.85em] text-slate-600 @3xl:ml-1 @3xl:inline print:text-black">{formatPercent(share.percent)}</span>
    </>
  );
}

/**
 * Sized by its box (container queries), not the window: the same table sits in the chair's
 * middle column and on the A4 sheet. Put it inside an element with the `@container` class.
 */
export function ResultsTable({ tally, view = "all", testId }: { tally: Tally; view?: ResultsView; testId?: string }) {
  const rows = rankedRows(tally);
  const levels = tally.speakers[0]?.levels ?? [];
  const overall = view === "all";
  const ballots = overall ? tally.validBallots : tally.ballots[view];

  return (
    <table data-testid={testId} data-view={view} className="tabular w-full border-collapse text-sm">
      <caption className="pb-1 text-left text-sm text-slate-600 print:text-black">
        {RESULTS_VIEW_LABEL[view]}：有效票 {ballots} 张{overall && `（电子票 ${tally.ballots.electronic} 张，纸质票 ${tally.ballots.paper} 张）`}
        {tally.weightedByCategory && overall && "；得分按投票人类别加权"}
      </caption>
      <thead>
        <tr className="border-y border-slate-300 bg-slate-50 text-sm text-slate-600 print:bg-transparent print:text-black">
          <th className="px-2 py-1.5 text-center font-medium">名次</th>
          <th className="px-2 py-1.5 text-left font-medium">单位</th>
          <th className="px-2 py-1.5 text-left font-medium">姓名</th>
          {levels.map((level) => (
            <th key={level.levelId} className="px-2 py-1.5 text-right font-medium">
              {level.label}
            </th>
          ))}
          <th className="px-2 py-1.5 text-right font-medium">弃权</th>
          {overall && (
            <>
              <th className="px-2 py-1.5 text-left font-medium">好评率</th>
              <th className="px-2 py-1.5 text-right font-medium">得分</th>
            </>
          )}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const s = row.speaker;
          const dist: Distribution = overall ? s : s.bySource[view];
          return (
            <tr key={s.speakerId} data-testid={`results-row-${s.speakerId}`} className="border-b border-slate-200 print:break-inside-avoid">
              <td className="px-2 py-1.5 text-center whitespace-nowrap" title={rankLabel(row)}>
                {row.tied && <span className="mr-0.5 text-[0.8em] text-amber-700 print:text-black">并列</span>}
                <span className="font-semibold">{row.rank}</span>
              </td>
              <td className="min-w-[7em] px-2 py-1.5 text-left font-medium text-slate-900 print:text-black">{s.unit}</td>
              <td className="px-2 py-1.5 text-left whitespace-nowrap text-slate-700 print:text-black">{s.name}</td>
              {dist.levels.map((level) => (
                <td key={level.levelId} className="px-2 py-1.5 text-right whitespace-nowrap">
                  <Cell share={level} />
                </td>
              ))}
              <td className="px-2 py-1.5 text-right whitespace-nowrap text-slate-600 print:text-black">
                <Cell share={dist.abstain} />
              </td>
              {overall && (
                <>
                  <td className="px-2 py-1.5">
                    <span className="flex items-center gap-2">
                      <span data-testid="results-good-rate" className="shrink-0 text-right font-semibold @4xl:w-14">
                        {formatPercent(s.goodRate)}
                      </span>
                      <span className="hidden h-2.5 min-w-16 flex-1 overflow-hidden rounded-sm bg-slate-100 @4xl:block print:border print:border-black print:bg-white">
                        <span className="block h-full bg-amber-500 print:bg-black" style={{ width: `${Math.min(100, s.goodRate)}%` }} />
                      </span>
                    </span>
                  </td>
                  <td data-testid="results-score" className="px-2 py-1.5 text-right font-semibold whitespace-nowrap">
                    {formatScore(s.score)}
                  </td>
                </>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
