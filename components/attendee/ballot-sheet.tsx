"use client";
// The 测评票 on one screen: every evaluated secretary (agenda order) × the configured levels,
// as large touch targets. Rows still blank are marked 未评; sending asks the voter to confirm
// that they count as 弃权. Every level looks the same, so the screen nudges nobody.
import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import { comradeName } from "@/components/display/hall-labels";
import type { RosterView } from "@/server/domain/snapshot";
import type { RatingLevel } from "@/server/domain/tally";
import type { DraftMarks } from "./ballot-storage";

interface SheetProps {
  speakers: RosterView[];
  /** Each unit's place in the agenda, the number it has on every screen. */
  numbers: Map<string, number>;
  levels: RatingLevel[];
  marks: DraftMarks;
  busy: boolean;
  onMark: (speakerId: string, levelId: string | null) => void;
  onSubmit: () => void;
}

export function BallotSheet({ speakers, numbers, levels, marks, busy, onMark, onSubmit }: SheetProps) {
  const [confirming, setConfirming] = useState(false);
  const blank = speakers.filter((s) => !marks[s.id]);
  // From sm up, one line per secretary: the names keep at least 12.5rem (an eight-character
  // unit at arm's length) and the buttons share the rest. On a phone the name takes its own
  // line and the levels share the full width under it, so every level is on screen.
  const columns = { "--levels": levels.length } as CSSProperties;
  const grid = "grid grid-cols-[repeat(var(--levels),minmax(0,1fr))] sm:grid-cols-[minmax(12.5rem,1fr)_repeat(var(--levels),minmax(3.5rem,8.5rem))]";

  return (
    <>
      <div className="flex min-h-0 flex-1 flex-col px-2 pb-2 sm:px-5">
        <div data-ballot-head style={columns} className={`${grid} hidden shrink-0 items-end gap-3 px-2 pt-2 pb-1.5 text-center text-base font-bold text-slate-600 sm:grid`}>
          <span className="truncate text-left">被测评人（{speakers.length} 位）</span>
          {levels.map((level) => (
            <span key={level.id}>{level.label}</span>
          ))}
        </div>
        <div data-testid="ballot-rows" className="flex min-h-0 flex-1 flex-col gap-1.5 overflow-y-auto pt-2 sm:pt-0">
          {speakers.map((speaker) => {
            const mark = marks[speaker.id];
            return (
              <div
                key={speaker.id}
                // A radio group per secretary: a screen reader says "城东街道党工委 张XX，好，1/4".
                role="radiogroup"
                aria-label={`${speaker.unit} ${comradeName(speaker.name)}`}
                onKeyDown={(event) => moveWithArrows(event, busy)}
                data-testid={`ballot-row-${speaker.id}`}
                data-ballot-levels
                data-blank={mark ? undefined : "true"}
                style={columns}
                className={`${grid} shrink-0 items-stretch gap-x-1.5 gap-y-1 rounded-xl p-1.5 sm:min-h-[3.25rem] sm:flex-1 sm:shrink sm:gap-3 sm:py-1 sm:pr-1 sm:pl-2 ${
                  mark ? "bg-white ring-1 ring-slate-200" : "bg-amber-50 ring-2 ring-amber-300"
                }`}
              >
                <div className="col-span-full flex min-w-0 items-center gap-2 sm:col-span-1">
                  <span className="tabular w-6 shrink-0 text-center text-base text-slate-600">{numbers.get(speaker.id)}</span>
                  <div className="min-w-0 flex-1 leading-tight">
                    <p className="text-lg font-bold break-words text-slate-900 sm:text-xl">{speaker.unit}</p>
                    <p className="flex flex-wrap items-center gap-x-1.5 text-base text-slate-600">
                      {comradeName(speaker.name)}
                      {speaker.mode === "written" && <span className="hidden text-slate-600 lg:inline">书面述职</span>}
                      {!mark && <span className="rounded bg-amber-200 px-1.5 text-base leading-snug font-bold text-amber-900">未评</span>}
                    </p>
                  </div>
                </div>
                {levels.map((level, index) => {
                  const chosen = mark === level.id;
                  // One Tab stop per row (the chosen level, else the first); arrows move within it.
                  const tabStop = mark ? chosen : index === 0;
                  return (
                    <button
                      key={level.id}
                      type="button"
                      role="radio"
                      tabIndex={tabStop ? 0 : -1}
                      data-testid={`ballot-mark-${speaker.id}-${level.id}`}
                      aria-checked={chosen}
                      aria-label={`${level.label}，${index + 1}/${levels.length}`}
                      disabled={busy}
                      // A second tap on the chosen level clears the row (弃权).
                      onClick={() => onMark(speaker.id, chosen ? null : level.id)}
                      className={`flex min-h-12 min-w-0 items-center justify-center gap-0.5 rounded-lg px-0.5 text-lg font-bold whitespace-nowrap transition-colors sm:gap-1 sm:text-2xl ${
                        chosen
                          ? "bg-red-700 text-white shadow-inner"
                          : "bg-slate-50 text-slate-800 ring-1 ring-slate-300 active:bg-slate-200"
                      }`}
                    >
                      {chosen && <span aria-hidden>✓</span>}
                      {level.label}
                    </button>
                  );
                })}
              </div>
            );
          })}
        </div>
      </div>
      <footer className="flex shrink-0 items-center gap-3 border-t border-slate-200 bg-white px-3 py-2.5 shadow-[0_-2px_8px_rgba(0,0,0,0.05)] sm:gap-4 sm:px-6 sm:py-3">
        <p data-testid="ballot-count" className="min-w-0 flex-1 text-base text-slate-700 sm:text-lg">
          已评 <span className="tabular font-bold text-slate-900">{speakers.length - blank.length}</span> / {speakers.length}
          {blank.length > 0 ? (
            <span className="ml-3 inline-block text-amber-800">
              未评 <span className="tabular font-bold">{blank.length}</span> 位，按弃权计
            </span>
          ) : (
            <span className="ml-3 inline-block text-emerald-700">已全部评价</span>
          )}
        </p>
        <button
          type="button"
          data-testid="ballot-submit"
          disabled={busy}
          onClick={() => setConfirming(true)}
          className="min-h-14 shrink-0 rounded-2xl bg-red-700 px-5 text-xl font-bold tracking-wider whitespace-nowrap text-white shadow active:bg-red-800 disabled:bg-slate-400 sm:min-h-16 sm:px-8 sm:text-2xl sm:tracking-widest"
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

/**
 * Arrow keys within a row's radio group, as a screen reader user expects: focus moves to the
 * next or previous level (wrapping) and chooses it. A second press never clears: Space on the
 * chosen level does that, as a second tap does.
 */
function moveWithArrows(event: KeyboardEvent<HTMLDivElement>, busy: boolean): void {
  const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
  if (!step || busy) return;
  const radios = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="radio"]'));
  const at = radios.indexOf(event.target as HTMLButtonElement);
  if (at < 0) return;
  event.preventDefault();
  const next = radios[(at + step + radios.length) % radios.length]!;
  next.focus();
  if (next.getAttribute("aria-checked") !== "true") next.click();
}

function ConfirmDialog({ blank, onCancel, onConfirm }: { blank: RosterView[]; onCancel: () => void; onConfirm: () => void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div className="fixed inset-0 z-30 flex items-center justify-center bg-slate-950/60 p-3 sm:p-6" role="presentation">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="ballot-confirm-title"
        data-testid="ballot-confirm"
        className="flex max-h-full w-full max-w-xl flex-col gap-4 rounded-3xl bg-white p-5 shadow-2xl sm:max-h-[90dvh] sm:gap-5 sm:p-8"
      >
        <h2 id="ballot-confirm-title" className="shrink-0 text-2xl font-bold text-slate-900 sm:text-3xl">
          确认提交测评票
        </h2>
        {blank.length > 0 ? (
          <div tabIndex={0} role="region" aria-label="未评价的被测评人" className="min-h-0 space-y-3 overflow-y-auto">
            <p data-testid="ballot-abstain-note" className="text-lg leading-relaxed text-amber-900 sm:text-xl">
              以下 {blank.length} 位未评价，将按弃权计：
            </p>
            <ul data-testid="ballot-abstain-list" className="space-y-1.5 rounded-xl bg-amber-50 px-4 py-3 text-lg text-slate-900 ring-1 ring-amber-200 sm:px-5 sm:text-xl">
              {blank.map((s) => (
                <li key={s.id}>
                  {s.unit} <span className="text-slate-600">{comradeName(s.name)}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="text-lg text-slate-700 sm:text-xl">全部被测评人均已评价。</p>
        )}
        <p className="shrink-0 text-base text-slate-600 sm:text-lg">提交后不能修改，每个座位只能提交一次。</p>
        {/* Stacked on a phone, so both buttons keep their full label and size. */}
        <div className="flex shrink-0 flex-col-reverse gap-3 sm:flex-row sm:gap-4">
          <button
            ref={cancel}
            type="button"
            data-testid="ballot-confirm-cancel"
            onClick={onCancel}
            className="min-h-14 flex-1 rounded-2xl bg-white px-4 text-xl font-bold whitespace-nowrap text-slate-800 ring-2 ring-slate-300 active:bg-slate-100 sm:min-h-16 sm:text-2xl"
          >
            返回修改
          </button>
          <button
            type="button"
            data-testid="ballot-confirm-submit"
            onClick={onConfirm}
            className="min-h-14 flex-1 rounded-2xl bg-red-700 px-4 text-xl font-bold whitespace-nowrap text-white shadow active:bg-red-800 sm:min-h-16 sm:text-2xl"
          >
            {blank.length > 0 ? "按弃权提交" : "确认提交"}
          </button>
        </div>
      </div>
    </div>
  );
}
