"use client";
// One teller keying paper 测评票 with the keyboard alone: the ballot number (it counts on by
// itself), then one key per row while the ballot is read aloud, Enter to save and start the
// next. The row being keyed is the big highlighted one. Refusals from the server show
// right under the ballot, and the draft stays so nothing keyed is lost.
import { useCallback, useEffect, useRef, useState } from "react";
import { comradeName } from "@/components/display/hall-labels";
import type { PaperDesk } from "@/components/voting/use-paper";
import type { PaperMark, Teller } from "@/server/domain/paper-ballots";
import type { RosterView } from "@/server/domain/snapshot";
import type { RatingLevel } from "@/server/domain/tally";
import type { PaperState } from "@/server/domain/paper-ballots";
import { applyEntryKey, emptyDraft, keyLegend, type EntryDraft } from "./paper-keys";

export const TELLER_LABEL: Record<Teller, string> = { A: "计票人甲", B: "计票人乙" };

/** A ballot to key (again), asked for from the disputes list; `nonce` makes a repeat click count. */
export interface BallotRequest {
  ballotNo: number;
  nonce: number;
}

interface Props {
  teller: Teller;
  speakers: RosterView[];
  /** Each unit's place in the agenda, the number it has on every screen. */
  numbers: Map<string, number>;
  levels: RatingLevel[];
  state: PaperState | null;
  voting: "idle" | "open" | "closed";
  save: PaperDesk["entry"];
  request: BallotRequest | null;
}

type Message = { tone: "ok" | "error" | "info"; text: string };

/** The number after the highest this teller has entered in the current round. */
export function nextBallotNo(state: PaperState | null, teller: Teller): number {
  const own = state?.entries.filter((e) => e.teller === teller).map((e) => e.ballotNo) ?? [];
  return own.length ? Math.max(...own) + 1 : 1;
}

function markLabel(mark: PaperMark | undefined, levels: RatingLevel[]): string {
  if (mark === undefined) return "";
  if (mark === null) return "弃权";
  return levels.find((l) => l.id === mark)?.label ?? mark;
}

const MESSAGE_STYLE: Record<Message["tone"], string> = {
  ok: "bg-emerald-50 text-emerald-900 ring-emerald-300",
  error: "bg-red-50 text-red-800 ring-red-300",
  info: "bg-sky-50 text-sky-900 ring-sky-200",
};

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
}

export function PaperEntry({ teller, speakers, numbers, levels, state, voting, save, request }: Props) {
  const [draft, setDraft] = useState<EntryDraft>(() => emptyDraft(speakers.length));
  const [ballotText, setBallotText] = useState("1");
  const [message, setMessage] = useState<Message | null>(null);
  const [saving, setSaving] = useState(false);
  const numberField = useRef<HTMLInputElement>(null);
  const roundId = state?.round.id ?? null;
  const rowCount = speakers.length;

  // A new teller, a new round or a changed roster: start again after this teller's last ballot.
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  }, [state]);
  useEffect(() => {
    setDraft(emptyDraft(rowCount));
    setBallotText(String(nextBallotNo(stateRef.current, teller)));
  }, [teller, roundId, rowCount]);

  useEffect(() => {
    if (!request) return;
    setDraft(emptyDraft(rowCount));
    setBallotText(String(request.ballotNo));
    setMessage({ tone: "info", text: `重新录入第 ${request.ballotNo} 号票：请对照原票逐行按键。` });
  }, [request, rowCount]);

  // Keys are taken only while voting is open: before, nothing can be saved; after the close the
  // tally is frozen, and the page shows what was entered, without an active row or key hints.
  const active = voting === "open";
  useEffect(() => {
    if (active) return;
    setMessage(null);
    setDraft(emptyDraft(rowCount));
  }, [active, rowCount]);

  const ballotNo = /^\d{1,6}$/.test(ballotText) ? Number(ballotText) : null;
  const returned = state?.round.returned ?? 0;
  const pastReturned = active && ballotNo !== null && returned > 0 && ballotNo > returned;
  const alreadyEntered = ballotNo !== null && (state?.entries.some((e) => e.ballotNo === ballotNo && e.teller === teller) ?? false);

  const submit = useCallback(
    async (marks: PaperMark[], invalid: boolean) => {
      if (ballotNo === null || ballotNo < 1) {
        setMessage({ tone: "error", text: "请先填写票号（信封上的编号，从 1 起）。" });
        numberField.current?.focus();
        numberField.current?.select();
        return;
      }
      const record: Record<string, PaperMark> = {};
      speakers.forEach((speaker, i) => {
        // On a 废票 only the rows actually keyed are sent; none of them is counted.
        if (!invalid || draft.marks[i] !== undefined) record[speaker.id] = marks[i] ?? null;
      });
      setSaving(true);
      const result = await save({ ballotNo, teller, marks: record, invalid });
      setSaving(false);
      if (!result.ok) {
        setMessage({ tone: "error", text: result.error.message });
        return;
      }
      setMessage({ tone: "ok", text: `第 ${ballotNo} 号票已保存${invalid ? "（废票）" : ""}。请录入下一张。` });
      setDraft(emptyDraft(rowCount));
      setBallotText(String(nextBallotNo(result.data, teller)));
    },
    [ballotNo, speakers, draft.marks, save, teller, rowCount],
  );

  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (saving || rowCount === 0) return;
      // Enter on a focused button is that button's click, not "save".
      if (event.key === "Enter" && event.target instanceof HTMLButtonElement) return;
      const action = applyEntryKey(draft, event.key, levels);
      switch (action.type) {
        case "ignored":
          return;
        case "draft":
          setDraft(action.draft);
          break;
        case "incomplete": {
          setDraft(action.draft);
          const speaker = speakers[action.row];
          setMessage({ tone: "error", text: `${speaker ? `${speaker.unit}（第 ${numbers.get(speaker.id) ?? action.row + 1} 位）` : `第 ${action.row + 1} 行`}尚未录入；弃权请按 0。` });
          break;
        }
        case "save":
          void submit(action.marks, action.invalid);
          break;
        case "ballot-number":
          numberField.current?.focus();
          numberField.current?.select();
          break;
        default: {
          const unknown: never = action;
          throw new Error(`unknown entry action ${JSON.stringify(unknown)}`);
        }
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [active, draft, levels, saving, rowCount, speakers, numbers, submit]);

  const keyed = draft.marks.filter((m) => m !== undefined).length;
  const complete = keyed === rowCount;

  if (voting === "closed") return <ClosedEntry teller={teller} state={state} />;

  return (
    <section data-testid="teller-entry" data-teller={teller} className="flex min-h-0 flex-col rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center gap-6 border-b border-slate-200 px-5 py-3">
        <label className="flex items-center gap-3">
          <span className="text-lg text-slate-600">票号</span>
          <input
            ref={numberField}
            data-testid="teller-ballot-no"
            value={ballotText}
            onChange={(e) => setBallotText(e.target.value.replace(/\D/g, "").slice(0, 6))}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === "ArrowDown" || e.key === "Escape") {
                e.preventDefault();
                e.currentTarget.blur();
              }
            }}
            inputMode="numeric"
            autoComplete="off"
            disabled={!active}
            className="tabular h-14 w-32 rounded-lg bg-slate-50 text-center text-4xl font-bold text-slate-900 ring-2 ring-slate-300 outline-none focus:ring-4 focus:ring-sky-500 disabled:bg-slate-100 disabled:text-slate-600 disabled:ring-slate-200"
          />
        </label>
        <p className="min-w-0 flex-1 text-base text-slate-600">
          {!active ? (
            <>{voting === "idle" ? "主持人宣布开始测评后开始录入。" : "录入已结束。"}</>
          ) : pastReturned ? (
            <span data-testid="teller-past-returned" className="font-medium text-amber-800">
              票号 {ballotNo} 超过收回张数 {returned}：请核对信封编号；若收回张数填错，请先在右侧更正。
            </span>
          ) : alreadyEntered ? (
            <span data-testid="teller-correcting" className="font-medium text-amber-700">
              第 {ballotNo} 号票{TELLER_LABEL[teller]}已录入过，保存将以本次为准（更正）。
            </span>
          ) : (
            <>按信封编号逐张录入；保存后票号自动加一。改票号按 N，改完按 Enter 回到逐行录入。</>
          )}
        </p>
        <p className="tabular shrink-0 text-lg text-slate-600">
          已录 <span className="font-bold text-slate-900">{keyed}</span> / {rowCount} 行
        </p>
      </div>

      {voting !== "open" && (
        <p data-testid="teller-voting-note" className="mx-5 mt-3 rounded-lg bg-amber-50 px-4 py-2 text-base text-amber-900 ring-1 ring-amber-300">
          {voting === "idle" ? "测评尚未开始：主持人宣布开始测评后才能保存录入。" : "测评已结束，结果已冻结，不能再录入。"}
        </p>
      )}

      <div tabIndex={0} role="region" aria-label="本张票各行" className="relative min-h-0 flex-1 overflow-y-auto px-3 py-2">
        <ol data-testid="teller-rows" className={`space-y-1 ${draft.invalid ? "opacity-30" : ""}`}>
          {speakers.map((speaker, i) => {
            const current = active && i === draft.cursor && !draft.invalid;
            const mark = draft.marks[i];
            return (
              <li
                key={speaker.id}
                data-testid={`teller-row-${i}`}
                data-current={current ? "true" : undefined}
                data-mark={mark === undefined ? "" : (mark ?? "abstain")}
                aria-current={current ? "step" : undefined}
                className={`flex items-center gap-4 rounded-lg px-3 transition-[padding] ${
                  current ? "bg-amber-100 py-3 ring-4 ring-amber-500" : "py-1.5"
                }`}
              >
                <span className={`tabular w-8 shrink-0 text-right ${current ? "text-2xl font-bold text-amber-800" : "text-base text-slate-600"}`}>
                  {current ? "▶" : (numbers.get(speaker.id) ?? i + 1)}
                </span>
                <span className={`min-w-0 flex-1 break-words ${current ? "text-3xl leading-tight font-bold text-slate-900" : "text-lg text-slate-700"}`}>
                  {speaker.unit} <span className={current ? "text-2xl font-medium text-slate-600" : "text-base text-slate-600"}>{comradeName(speaker.name)}</span>
                </span>
                {current && (
                  <span aria-hidden className="hidden shrink-0 gap-1.5 text-sm text-amber-900 xl:flex">
                    {keyLegend(levels).map(([key, label]) => (
                      <span key={key} className="rounded bg-white/70 px-1.5 py-0.5">
                        <b>{key}</b> {label}
                      </span>
                    ))}
                  </span>
                )}
                <span
                  className={`w-28 shrink-0 rounded-md text-center font-bold ${current ? "py-1 text-3xl" : "text-xl"} ${
                    mark === undefined ? "text-slate-300" : mark === null ? "bg-slate-100 text-slate-600" : "bg-sky-50 text-sky-900"
                  }`}
                >
                  {mark === undefined ? (current ? "？" : "—") : markLabel(mark, levels)}
                </span>
              </li>
            );
          })}
        </ol>
        {draft.invalid && (
          <div data-testid="teller-invalid-flag" className="pointer-events-none absolute inset-0 flex items-center justify-center">
            <p className="rotate-[-8deg] rounded-2xl border-8 border-red-600 bg-white/80 px-12 py-6 text-7xl font-bold tracking-[0.3em] text-red-600">废票</p>
          </div>
        )}
      </div>

      {message && (
        <p role="status" data-testid="teller-message" data-tone={message.tone} className={`mx-5 mb-2 rounded-lg px-4 py-2 text-lg ring-1 ${MESSAGE_STYLE[message.tone]}`}>
          {message.text}
        </p>
      )}

      {active && (
      <footer data-testid="teller-key-hints" className="flex flex-wrap items-center gap-x-5 gap-y-1 border-t border-slate-200 px-5 py-3 text-base text-slate-600">
        {keyLegend(levels).map(([key, label]) => (
          <span key={key} className="flex items-center gap-1.5">
            <kbd className="rounded border border-slate-300 bg-slate-50 px-2 py-0.5 font-sans text-lg font-bold text-slate-800">{key}</kbd>
            {label}
          </span>
        ))}
        <span className="flex items-center gap-1.5">
          <kbd className="rounded border border-slate-300 bg-slate-50 px-2 py-0.5 font-sans text-lg font-bold text-slate-800">X</kbd>废票
        </span>
        <span className="flex items-center gap-1.5">
          <kbd className="rounded border border-slate-300 bg-slate-50 px-2 py-0.5 font-sans text-lg font-bold text-slate-800">⌫</kbd>退一行
        </span>
        <span className={`ml-auto flex items-center gap-1.5 rounded-md px-2 py-0.5 ${complete || draft.invalid ? "bg-emerald-100 font-bold text-emerald-900" : ""}`}>
          <kbd className="rounded border border-slate-300 bg-slate-50 px-2 py-0.5 font-sans text-lg font-bold text-slate-800">Enter</kbd>
          {saving ? "正在保存…" : "保存本票"}
        </span>
      </footer>
      )}
    </section>
  );
}

/** After the close there is nothing to key: what this teller entered, and that the tally is frozen. */
function ClosedEntry({ teller, state }: { teller: Teller; state: PaperState | null }) {
  const own = state?.entries.filter((e) => e.teller === teller).length ?? 0;
  return (
    <section data-testid="teller-entry" data-teller={teller} data-closed="true" className="flex min-h-0 flex-col gap-4 rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <p data-testid="teller-voting-note" className="rounded-lg bg-slate-100 px-4 py-3 text-lg font-bold text-slate-900 ring-1 ring-slate-300">
        测评已结束，结果已冻结，不能再录入。
      </p>
      {state && (
        <p className="tabular text-lg leading-relaxed text-slate-700">
          第 {state.round.number} 轮：{TELLER_LABEL[teller]}录入 {own} 张；两人一致 {state.reconciliation.agreed.length} 张，其中有效票 {state.status.valid} 张、废票 {state.status.invalid} 张。
        </p>
      )}
      <p className="text-base text-slate-600">结果由主持人在控制台查看、公布和打印测评汇总表。</p>
    </section>
  );
}
