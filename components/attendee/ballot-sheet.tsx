"use client";
// The 测评票 on one screen: every evaluated secretary (agenda order) × the configured levels,
// as large touch targets. Rows still blank are marked 未评; sending asks the voter to confirm
// that they count as 弃权. Every level looks the same, so the screen nudges nobody.
import { useEffect, useRef, useState, type CSSProperties } from "react";
import { comradeName } from "@/components/display/hall-labels";
import type { RosterView } from "@/server/domain/snapshot";
import type { RatingLevel } from "@/server/domain/tally";
import type { DraftMarks } from "./ballot-storage";

interface SheetProps {
  speakers: RosterView[];
  levels: RatingLevel[];
  marks: DraftMarks;
  busy: boolean;
  onMark: (speakerId: string, levelId: string | null) => void;
  onSubmit: () => void;
}

export function BallotSheet({ speakers, levels, marks, busy, onMark, onSubmit }: SheetProps) {
  const [confirming, setConfirming] = useState(false);
  const blank = speakers.filter((s) => !marks[s.id]);
  // The names keep at least 12.5rem (an eight-character unit at arm's length); the buttons share the rest.
  const columns: CSSProperties = { gridTemplateColumns: `minmax(12.5rem,1fr) repeat(${levels.length}, minmax(3.5rem, 8.5rem))` };

  return (
    <>
      <div className="flex min-h-0 flex-1 flex-col px-3 pb-2 sm:px-5">
        <div style={columns} className="grid shrink-0 items-end gap-2 px-2 pt-2 pb-1.5 text-center text-base font-bold text-slate-500 sm:gap-3">
          <span className="truncate text-left">被测评人（{speakers.length} 位）</span>
          {levels.map((level) => (
            <span key={level.id}>{level.label}</span>
          ))}
        </div>
        <ol data-testid="ballot-rows" className="flex min-h-0 flex-1 flex-col gap-1 overflow-y-auto sm:gap-1.5">
          {speakers.map((speaker, index) => {
            const mark = marks[speaker.id];
            return (
              <li
                key={speaker.id}
                data-testid={`ballot-row-${speaker.id}`}
                data-blank={mark ? undefined : "true"}
                style={columns}
                className={`grid min-h-[3.25rem] flex-1 items-stretch gap-2 rounded-xl py-1 pr-1 pl-1 sm:gap-3 sm:pl-2 ${
                  mark ? "bg-white ring-1 ring-slate-200" : "bg-amber-50 ring-2 ring-amber-300"
                }`}
              >
                <div className="flex min-w-0 items-center gap-2">
                  <span className="tabular w-6 shrink-0 text-center text-base text-slate-400">{index + 1}</span>
                  <div className="min-w-0 flex-1 leading-tight">
                    <p className="truncate text-lg font-bold text-slate-900 sm:text-xl">{speaker.unit}</p>
                    <p className="flex items-center gap-1.5 truncate text-sm text-slate-600 sm:text-base">
                      {comradeName(speaker.name)}
                      {speaker.mode === "written" && <span className="hidden text-slate-400 lg:inline">书面述职</span>}
                      {!mark && <span className="rounded bg-amber-200 px-1.5 text-sm leading-snug font-bold text-amber-900">未评</span>}
                    </p>
                  </div>
                </div>
                {levels.map((level) => {
                  const chosen = mark === level.id;
                  return (
                    <button
                      key={level.id}
                      type="button"
                      data-testid={`ballot-mark-${speaker.id}-${level.id}`}
                      aria-pressed={chosen}
                      aria-label={`${speaker.unit} ${level.label}`}
                      disabled={busy}
                      // A second tap on the chosen level clears the row (弃权).
                      onClick={() => onMark(speaker.id, chosen ? null : level.id)}
                      className={`flex items-center justify-center gap-1 rounded-lg text-xl font-bold transition-colors sm:text-2xl ${
                        chosen
                          ? "bg-red-700 text-white shadow-inner"
                          : "bg-slate-50 text-slate-700 ring-1 ring-slate-300 active:bg-slate-200"
                      }`}
                    >
                      {chosen && <span aria-hidden>✓</span>}
                      {level.label}
                    </button>
                  );
                })}
              </li>
            );
          })}
        </ol>
      </div>
      <footer className="flex shrink-0 items-center gap-4 border-t border-slate-200 bg-white px-4 py-3 shadow-[0_-2px_8px_rgba(0,0,0,0.05)] sm:px-6">
        <p data-testid="ballot-count" className="min-w-0 flex-1 text-lg text-slate-700">
          已评 <span className="tabular font-bold text-slate-900">{speakers.length - blank.length}</span> / {speakers.length}
          {blank.length > 0 ? (
            <span className="ml-3 text-amber-800">
              未评 <span className="tabular font-bold">{blank.length}</span> 位，按弃权计
            </span>
          ) : (
            <span className="ml-3 text-emerald-700">已全部评价</span>
          )}
        </p>
        <button
          type="button"
          data-testid="ballot-submit"
          disabled={busy}
          onClick={() => setConfirming(true)}
          className="min-h-16 shrink-0 rounded-2xl bg-red-700 px-8 text-2xl font-bold tracking-widest text-white shadow active:bg-red-800 disabled:bg-slate-400"
        >
          {busy ? "正在提交…" : "提交测评票"}
        </button>
      </footer>
      {confirming && (
        <ConfirmDialog
          blank={blank}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onSubmit();
          }}
        />
      )}
    </>
  );
}

function ConfirmDialog({ blank, onCancel, onConfirm }: { blank: RosterView[]; onCancel: () => void; onConfirm: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="fixed inset-0 z-30 flex items-center justify-center bg-slate-950/60 p-6" role="presentation">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="ballot-confirm-title"
        data-testid="ballot-confirm"
        className="flex max-h-[90dvh] w-full max-w-xl flex-col gap-5 rounded-3xl bg-white p-8 shadow-2xl"
      >
        <h2 id="ballot-confirm-title" className="text-3xl font-bold text-slate-900">
          确认提交测评票
        </h2>
        {blank.length > 0 ? (
          <div className="min-h-0 space-y-3 overflow-y-auto">
            <p data-testid="ballot-abstain-note" className="text-xl leading-relaxed text-amber-900">
              以下 {blank.length} 位未评价，将按弃权计：
            </p>
            <ul data-testid="ballot-abstain-list" className="space-y-1.5 rounded-xl bg-amber-50 px-5 py-3 text-xl text-slate-900 ring-1 ring-amber-200">
              {blank.map((s) => (
                <li key={s.id}>
                  {s.unit} <span className="text-slate-600">{comradeName(s.name)}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="text-xl text-slate-700">全部被测评人均已评价。</p>
        )}
        <p className="text-lg text-slate-600">提交后不能修改，每个座位只能提交一次。</p>
        <div className="flex gap-4">
          <button
            ref={cancel}
            type="button"
            onClick={onCancel}
            className="min-h-16 flex-1 rounded-2xl bg-white text-2xl font-bold text-slate-800 ring-2 ring-slate-300 active:bg-slate-100"
          >
            返回修改
          </button>
          <button
            type="button"
            data-testid="ballot-confirm-submit"
            onClick={onConfirm}
            className="min-h-16 flex-1 rounded-2xl bg-red-700 text-2xl font-bold text-white shadow active:bg-red-800"
          >
            {blank.length > 0 ? "按弃权提交" : "确认提交"}
          </button>
        </div>
      </div>
    </div>
  );
}
