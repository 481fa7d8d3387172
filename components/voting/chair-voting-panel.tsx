"use client";
// The chair's 民主测评 panel, self-contained for agenda item 2 of the console:
// 开始测评 / 结束测评 / 当场公布 / 撤回公布, live counts (应到 / 已提交 / 纸质), the state of the
// tellers' double entry (closing is refused while they disagree), and once voting has
// closed the frozen results — all sources, electronic and paper apart — with a printable
// 测评汇总表. Refusals from the server are shown inside the panel in its own words.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { CHAIR_TOKEN_KEY } from "@/components/chair/use-chair-token";
import type { LiveMeeting } from "@/components/realtime/use-meeting";
import type { MeetingCommand } from "@/server/domain/commands";
import type { Result } from "@/server/domain/result";
import type { MeetingSnapshot } from "@/server/domain/snapshot";
import { describeRankingRule, lastBatchNote, type Tally } from "@/server/domain/tally";
import { PrintSummary } from "./print-summary";
import { ResultsTable, RESULTS_VIEW_LABEL, type ResultsView } from "./results-table";
import { usePaper } from "./use-paper";
import { ballotEpoch } from "@/server/domain/rehearsal";
import { useVotingProgress } from "./use-voting-progress";
import { progressFigures, VOTING_STATUS_LABEL } from "./voting-format";

export interface ChairVotingPanelProps {
  snapshot: MeetingSnapshot;
  socket: LiveMeeting["socket"];
  command: LiveMeeting["command"];
}

const ACK_TIMEOUT_MS = 8_000;
const RESULT_VIEWS: ResultsView[] = ["all", "electronic", "paper"];

type Message = { tone: "ok" | "error"; text: string };

/** The frozen tally once voting is closed (published or not); null before. */
function useFrozenTally(socket: LiveMeeting["socket"], closed: boolean): { tally: Tally | null; error: string | null } {
  const [tally, setTally] = useState<Tally | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!closed) {
      setTally(null);
      return;
    }
    if (!socket) return;
    const load = () =>
      socket.timeout(ACK_TIMEOUT_MS).emit("voting:results", (err: Error | null, result: Result<Tally>) => {
        if (err) setError("服务器未响应，测评结果未读取。");
        else if (result.ok) {
          setTally(result.data);
          setError(null);
        } else setError(result.error.message);
      });
    if (socket.connected) load();
    socket.on("connect", load);
    return () => {
      socket.off("connect", load);
    };
  }, [socket, closed]);
  return { tally, error };
}

/** The tellers' 甲 and 乙 links (each carries its side's token) from the links API, with the chair's token. */
function useTellerPaths(meetingId: string): { A: string; B: string } | null {
  const [path, setPath] = useState<{ A: string; B: string } | null>(null);
  useEffect(() => {
    let token: string | null = null;
    try {
      token = window.localStorage.getItem(CHAIR_TOKEN_KEY);
    } catch {
      token = null;
    }
    if (!token) return;
    const controller = new AbortController();
    fetch(`/api/meetings/${encodeURIComponent(meetingId)}/links`, {
      headers: { authorization: `Bearer ${token}` },
      cache: "no-store",
      signal: controller.signal,
    })
      .then((res) => (res.ok ? res.json() : null))
      .then((body: unknown) => {
        const paths: unknown = body && typeof body === "object" && "tellerPaths" in body ? body.tellerPaths : null;
        if (paths && typeof paths === "object" && "A" in paths && "B" in paths && typeof paths.A === "string" && typeof paths.B === "string") setPath({ A: paths.A, B: paths.B });
      })
      .catch(() => {
        // Without the link the tellers open the one the server printed.
      });
    return () => controller.abort();
  }, [meetingId]);
  return path;
}

export function ChairVotingPanel({ snapshot, socket, command }: ChairVotingPanelProps) {
  const { voting } = snapshot.live;
  const progress = useVotingProgress(snapshot, socket) ?? snapshot.progress;
  const paperDesk = usePaper(socket, ballotEpoch(snapshot.live));
  const paper = paperDesk.state;
  const { tally, error: tallyError } = useFrozenTally(socket, voting.status === "closed");
  const tellerPaths = useTellerPaths(snapshot.meeting.id);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<ResultsView>("all");
  // Each click prints again (a new key remounts the sheet); 0 = not printing.
  const [printRun, setPrintRun] = useState(0);
  const stopPrinting = useCallback(() => setPrintRun(0), []);

  const figures = progressFigures(progress);
  const inItem2 = snapshot.live.cursor.item === "evaluation";
  const disputes = paper?.reconciliation.disputes.length ?? 0;
  const missing = paper?.reconciliation.missing.length ?? 0;

  const run = async (cmd: MeetingCommand, done: string) => {
    // Out of the button, so the console's Space / arrow keys keep working.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    setBusy(true);
    const result = await command(cmd);
    setBusy(false);
    setMessage(result.ok ? { tone: "ok", text: done } : { tone: "error", text: result.error.message });
  };

  // The chair's half of the two-teller rule: a void both tellers' counts call for is confirmed here.
  const confirmVoid = async () => {
    if (!paper) return;
    const text = `确认作废第 ${paper.round.number} 轮纸质测评票？\n\n${paper.status.reason ?? ""}（甲乙两人填写一致）。\n本轮录入保留在记录中但不计入结果，随后重新发票、开始第 ${paper.round.number + 1} 轮。`;
    if (!window.confirm(text)) return;
    setBusy(true);
    const result = await paperDesk.voidRound();
    setBusy(false);
    setMessage(result.ok ? { tone: "ok", text: `第 ${paper.round.number} 轮纸质票已作废，现为第 ${result.data.round.number} 轮：请计票人重新发票。` } : { tone: "error", text: result.error.message });
  };

  const close = () => {
    const paperLine = paper ? `纸质票收回 ${paper.round.returned} 张（已核对一致 ${paper.reconciliation.agreed.length} 张）` : "纸质票 0 张";
    const text = `结束民主测评？\n\n应到 ${figures.expected} 人，已提交电子票 ${figures.electronic} 张，${paperLine}。\n结束后所有平板停止投票，结果冻结，不能再投票或录入。`;
    if (window.confirm(text)) void run({ type: "voting.close" }, "测评已结束，结果已冻结。可当场公布。");
  };

  return (
    <section data-testid="voting-panel" data-status={voting.status} className="rounded-lg border border-slate-200 bg-white p-4 text-slate-900">
      <header className="flex items-center gap-3">
        <h2 className="text-lg font-semibold">民主测评</h2>
        <span
          data-testid="voting-status"
          className={`rounded px-2 py-0.5 text-sm ${
            voting.status === "open" ? "bg-emerald-100 text-emerald-900" : voting.status === "closed" ? "bg-slate-800 text-white" : "bg-slate-100 text-slate-600"
          }`}
        >
          {VOTING_STATUS_LABEL[voting.status]}
        </span>
        {voting.published && <span className="rounded bg-red-100 px-2 py-0.5 text-sm text-red-800">投影已公布结果</span>}
        <span className="flex-1" />
        {tellerPaths ? (
          (["A", "B"] as const).map((side) => (
            <a
              key={side}
              data-testid={`voting-tellers-link-${side}`}
              href={tellerPaths[side]}
              target={`debrief-tellers-${side}`}
              rel="noopener"
              className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-50"
            >
              计票人{side === "A" ? "甲" : "乙"}页面 ↗
            </a>
          ))
        ) : (
          <span className="text-sm text-slate-600">计票页面：见服务器启动时打印的计票链接</span>
        )}
      </header>

      <div className="mt-3 flex flex-wrap gap-2">
        <ActionButton testId="voting-open" disabled={busy || voting.status !== "idle" || !inItem2} onClick={() => void run({ type: "voting.open" }, "测评已开始，平板已显示测评票。")} primary>
          开始测评
        </ActionButton>
        <ActionButton testId="voting-close" disabled={busy || voting.status !== "open"} onClick={close}>
          结束测评
        </ActionButton>
        <ActionButton testId="voting-publish" disabled={busy || voting.status !== "closed" || voting.published} onClick={() => void run({ type: "results.publish" }, "结果已在投影上公布。")} primary>
          当场公布
        </ActionButton>
        <ActionButton testId="voting-hide" disabled={busy || !voting.published} onClick={() => void run({ type: "results.hide" }, "已撤回投影上的结果。")}>
          撤回公布
        </ActionButton>
      </div>
      {voting.status === "idle" && !inItem2 && <p className="mt-2 text-sm text-slate-600">进入第二项议程（民主测评）后才能开始测评。</p>}
      {message && (
        <p role="status" data-testid="voting-message" className={`mt-2 rounded px-3 py-1.5 text-sm ${message.tone === "ok" ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-red-800"}`}>
          {message.text}
        </p>
      )}

      <div className="mt-4 grid grid-cols-4 gap-2 text-center">
        <Figure label="应到" value={figures.expected} testId="voting-expected" />
        <Figure label="已提交（电子）" value={figures.electronic} testId="voting-electronic" />
        <Figure label="纸质票收回" value={figures.paperReturned} testId="voting-paper" hint={`发出 ${progress.paperIssued} · 已录入 ${progress.paperEntered}`} />
        <Figure label="合计收回" value={figures.received} testId="voting-received" hint={`${Math.round(figures.fraction * 100)}%`} />
      </div>
      <div className="mt-2 h-2.5 overflow-hidden rounded-full bg-slate-100" role="progressbar" aria-label="测评票收回进度" aria-valuetext={`已收回 ${figures.received} / ${figures.expected}`} aria-valuemin={0} aria-valuemax={figures.expected} aria-valuenow={figures.received}>
        <div className="h-full rounded-full bg-emerald-500 transition-[width]" style={{ width: `${figures.fraction * 100}%` }} />
      </div>
      {paper && voting.status === "open" && paper.status.void && (
        <div data-testid="voting-paper-void" className="mt-2 flex items-center gap-3 rounded bg-red-50 px-3 py-2 text-sm text-red-900 ring-1 ring-red-300">
          <span className="flex-1">纸质票：{paper.status.reason}（甲乙两人填写一致）。本轮不计入结果，须由您确认作废后重新发票。</span>
          <button type="button" data-testid="voting-paper-void-confirm" disabled={busy} onClick={() => void confirmVoid()} className="shrink-0 rounded bg-red-700 px-3 py-1.5 font-semibold text-white hover:bg-red-800 disabled:bg-slate-300">
            确认作废本轮
          </button>
        </div>
      )}
      {paper && !paper.status.void && (disputes > 0 || missing > 0 || (paper.status.countsIssue && (paper.entries.length > 0 || paper.counts.state !== "none"))) && (
        <p data-testid="voting-paper-alert" className="mt-2 rounded bg-amber-50 px-3 py-1.5 text-sm text-amber-900 ring-1 ring-amber-200">
          纸质票尚未核对一致：{paper.counts.state !== "agreed" ? `${paper.status.countsIssue ?? ""}` : ""}
          {disputes > 0 || missing > 0 ? `${disputes} 张两次录入不一致，${missing} 张只录入了一次。` : ""}处理完才能结束测评。
        </p>
      )}
      <p className="mt-2 text-sm text-slate-600">只显示票数，不显示谁已投票、谁未投票；测评结束前不显示任何人的测评结果。</p>

      {voting.status === "closed" && (
        <div className="mt-4 border-t border-slate-100 pt-3">
          <div className="flex items-center gap-2">
            <h3 className="text-sm font-semibold">测评结果（已冻结）</h3>
            <div role="tablist" className="ml-2 flex gap-1">
              {RESULT_VIEWS.map((v) => (
                <button
                  key={v}
                  type="button"
                  role="tab"
                  aria-selected={view === v}
                  data-testid={`voting-view-${v}`}
                  onClick={() => setView(v)}
                  className={`rounded px-2 py-0.5 text-sm ${view === v ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
                >
                  {RESULTS_VIEW_LABEL[v]}
                </button>
              ))}
            </div>
            <span className="flex-1" />
            <button
              type="button"
              data-testid="voting-print"
              // A 彩排's results are never exported: they go when the rehearsal ends.
              disabled={!tally || snapshot.live.rehearsal !== undefined}
              title={snapshot.live.rehearsal ? "彩排的测评结果不打印，结束彩排后将删除。" : undefined}
              onClick={() => setPrintRun((n) => n + 1)}
              className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-40"
            >
              打印测评汇总表
            </button>
          </div>
          {tally && <LastBatchNote tally={tally} />}
          <div className="@container mt-2">
            {tally ? <ResultsTable tally={tally} view={view} testId="voting-results" /> : <p className="text-sm text-slate-600">{tallyError ?? "正在读取测评结果…"}</p>}
            {tally && (
              <p data-testid="voting-results-rule" className="mt-1 text-sm text-slate-600">
                {describeRankingRule(tally.rule)}
              </p>
            )}
          </div>
        </div>
      )}
      {printRun > 0 && tally && <PrintSummary key={printRun} snapshot={snapshot} tally={tally} paper={paper} onDone={stopPrinting} />}
    </section>
  );
}

function ActionButton(props: { testId: string; disabled: boolean; onClick: () => void; primary?: boolean; children: ReactNode }) {
  const { testId, disabled, onClick, primary, children } = props;
  return (
    <button
      type="button"
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
      // Disabled reads as grey and flat whatever the tone: a faded red looks pink and clickable.
      className={`rounded border px-3 py-1.5 text-sm font-medium disabled:cursor-not-allowed disabled:border-slate-200 disabled:bg-slate-100 disabled:text-slate-600 ${
        primary ? "border-red-700 bg-red-700 text-white hover:bg-red-800" : "border-slate-300 bg-white text-slate-800 hover:bg-slate-50"
      }`}
    >
      {children}
    </button>
  );
}

function Figure({ label, value, testId, hint }: { label: string; value: number; testId: string; hint?: string }) {
  return (
    <div className="rounded bg-slate-50 px-2 py-1.5">
      <p className="text-sm text-slate-600">{label}</p>
      <p data-testid={testId} className="tabular text-2xl font-semibold">
        {value}
      </p>
      {hint && <p className="tabular text-sm text-slate-600">{hint}</p>}
    </div>
  );
}

/**
 * The close wrote the electronic ballots still waiting, however few: when they were fewer than
 * k, the chair is told (docs/ballot-secrecy.md, 电子票分批写入).
 */
function LastBatchNote({ tally }: { tally: Tally }) {
  const note = lastBatchNote(tally);
  if (!note) return null;
  return (
    <p data-testid="voting-last-batch" className="mt-2 rounded bg-amber-50 px-3 py-1.5 text-sm text-amber-900 ring-1 ring-amber-200">
      {note}
    </p>
  );
}
