"use client";
// The round as the 监票人 reconciles it: 发出 / 收回, valid / 废票 / not yet agreed, every
// ballot the two tellers keyed differently (until one of them re-keys it), every ballot
// only one of them has keyed, and the void-round rule (收回 > 发出 voids the round; the
// void round stays in the record and a new one is held).
import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { comradeName } from "@/components/display/hall-labels";
import type { PaperDesk } from "@/components/voting/use-paper";
import { ACTOR_LABEL, type BallotDispute, type PaperEntry, type PaperMark, type Teller } from "@/server/domain/paper-ballots";
import type { RosterView } from "@/server/domain/snapshot";
import type { RatingLevel } from "@/server/domain/tally";
import type { PaperState } from "@/server/domain/paper-ballots";
import { TELLER_LABEL } from "./paper-entry";

interface Props {
  state: PaperState;
  speakers: RosterView[];
  levels: RatingLevel[];
  /** Voting is open: counts and entries can change. */
  open: boolean;
  teller: Teller | null;
  desk: PaperDesk;
  onReenter: (ballotNo: number) => void;
}

function Card({ title, children, testId, tone = "plain" }: { title: ReactNode; children: ReactNode; testId?: string; tone?: "plain" | "alert" | "warn" }) {
  const style = {
    plain: "bg-white ring-slate-200",
    alert: "bg-red-50 ring-red-400 ring-2",
    warn: "bg-amber-50 ring-amber-300",
  }[tone];
  return (
    <section data-testid={testId} className={`rounded-xl p-4 shadow-sm ring-1 ${style}`}>
      <h2 className="mb-2 text-base font-bold text-slate-800">{title}</h2>
      {children}
    </section>
  );
}

function markText(mark: PaperMark | undefined, levels: RatingLevel[]): string {
  if (mark === undefined || mark === null) return "弃权";
  return levels.find((level) => level.id === mark)?.label ?? mark;
}

/**
 * What each teller keyed where they differ, so the 监票人 can take out the paper ballot and
 * see at once who keyed it wrong: "城西街道党工委 李XX：甲 好 · 乙 较好".
 */
function DisputeLines({ dispute, entries, speakers, levels }: { dispute: BallotDispute; entries: PaperEntry[]; speakers: RosterView[]; levels: RatingLevel[] }) {
  const keyed = (teller: Teller) => entries.find((e) => e.ballotNo === dispute.ballotNo && e.teller === teller);
  const a = keyed("A");
  const b = keyed("B");
  return (
    <ul className="mt-0.5 space-y-0.5">
      {dispute.invalidMismatch && (
        <li data-testid="teller-dispute-invalid">
          甲 {a?.invalid ? "记为废票" : "按有效票录入"} · 乙 {b?.invalid ? "记为废票" : "按有效票录入"}
        </li>
      )}
      {dispute.speakerIds.map((id) => {
        const speaker = speakers.find((s) => s.id === id);
        if (!speaker) return null;
        return (
          <li key={id} data-testid="teller-dispute-row">
            {speaker.unit} {comradeName(speaker.name)}：
            <span className="font-medium">
              甲 {markText(a?.marks[id], levels)} · 乙 {markText(b?.marks[id], levels)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

export function PaperRound({ state, speakers, levels, open, teller, desk, onReenter }: Props) {
  const { round, status, reconciliation, voidRounds, entries } = state;
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const byTeller = (t: Teller) => entries.filter((e) => e.teller === t).length;

  return (
    <div className="flex flex-col gap-3">
      <RoundCounts state={state} teller={teller} desk={desk} locked={!open} onMessage={setMessage} />
      {message && (
        <p role="status" data-testid="teller-round-message" className={`rounded-lg px-3 py-2 text-sm ring-1 ${message.tone === "ok" ? "bg-emerald-50 text-emerald-900 ring-emerald-300" : "bg-red-50 text-red-800 ring-red-300"}`}>
          {message.text}
        </p>
      )}

      {status.void && (
        <Card title="本轮作废" tone="alert" testId="teller-void">
          <p className="text-lg font-bold text-red-800">{status.reason}。</p>
          <p className="mt-1 text-sm text-red-900">甲乙两人填写一致。本轮纸质票全部不计入结果：请主持人在控制台确认作废本轮，随后重新发票、录入下一轮。张数填错的，两人各自改正即可。</p>
        </Card>
      )}
      {status.warning && (
        <p data-testid="teller-warning" className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-300">
          {status.warning}
        </p>
      )}

      <Card title={`第 ${round.number} 轮 · 核对结果`}>
        <dl className="grid grid-cols-3 gap-2 text-center">
          <Stat label="有效票" value={status.valid} testId="teller-valid" tone="text-emerald-700" />
          <Stat label="废票" value={status.invalid} testId="teller-invalid" tone="text-slate-700" />
          <Stat label="待核对" value={status.pending} testId="teller-pending" tone={status.pending ? "text-amber-700" : "text-slate-600"} />
        </dl>
        <p className="tabular mt-2 text-sm text-slate-600">
          两人一致 {reconciliation.agreed.length} 张 · {TELLER_LABEL.A}已录 {byTeller("A")} 张 · {TELLER_LABEL.B}已录 {byTeller("B")} 张
        </p>
      </Card>

      <Card
        title={
          <>
            两次录入不一致 <span className={`tabular ml-1 ${reconciliation.disputes.length ? "text-red-700" : "text-slate-600"}`}>{reconciliation.disputes.length}</span>
          </>
        }
        tone={reconciliation.disputes.length ? "warn" : "plain"}
        testId="teller-disputes"
      >
        {reconciliation.disputes.length === 0 ? (
          <p className="text-sm text-slate-600">无。</p>
        ) : (
          <ul className="space-y-1.5">
            {reconciliation.disputes.map((d) => (
              <li key={d.ballotNo} data-testid={`teller-dispute-${d.ballotNo}`} className="flex items-start gap-2 text-sm text-slate-800">
                <div className="min-w-0 flex-1">
                  <p className="font-bold">第 {d.ballotNo} 号票</p>
                  <DisputeLines dispute={d} entries={entries} speakers={speakers} levels={levels} />
                </div>
                {teller && (
                  <button type="button" onClick={() => onReenter(d.ballotNo)} className="shrink-0 rounded border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-50">
                    重新录入
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {reconciliation.disputes.length > 0 && <p className="mt-2 text-sm text-slate-600">取出原票核对后，录错的一方重新录入该票号即可；一致后自动消除。</p>}
      </Card>

      <Card
        title={
          <>
            缺第二次录入 <span className={`tabular ml-1 ${reconciliation.missing.length ? "text-amber-700" : "text-slate-600"}`}>{reconciliation.missing.length}</span>
          </>
        }
        testId="teller-missing"
      >
        {reconciliation.missing.length === 0 ? (
          <p className="text-sm text-slate-600">无。</p>
        ) : (
          <ul className="flex flex-wrap gap-1.5">
            {reconciliation.missing.map((m) => {
              const mine = m.missingTeller === teller;
              return (
                <li key={m.ballotNo}>
                  <button
                    type="button"
                    disabled={!mine}
                    onClick={() => onReenter(m.ballotNo)}
                    title={`缺${TELLER_LABEL[m.missingTeller]}录入`}
                    className={`tabular rounded px-2 py-0.5 text-sm ring-1 ${mine ? "bg-amber-100 text-amber-900 ring-amber-300 hover:bg-amber-200" : "bg-slate-50 text-slate-600 ring-slate-200"}`}
                  >
                    第 {m.ballotNo} 号 · 缺{m.missingTeller === "A" ? "甲" : "乙"}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </Card>

      {state.events.length > 0 && (
        <Card title="核对记录（争议、更正与作废，保留备查）" testId="teller-events">
          <ol className="max-h-48 space-y-0.5 overflow-y-auto text-sm text-slate-700">
            {state.events.map((e, i) => (
              <li key={i} data-testid="teller-event" data-kind={e.kind}>
                <span className="tabular text-slate-600">{new Date(e.at).toLocaleTimeString("zh-CN", { hour12: false })}</span> 第 {e.roundNumber} 轮 ·{" "}
                {ACTOR_LABEL[e.actor]}：{e.detail}
              </li>
            ))}
          </ol>
        </Card>
      )}
      {voidRounds.length > 0 && (
        <Card title="已作废的轮次（保留备查）" testId="teller-void-rounds">
          <ul className="space-y-1 text-sm text-slate-700">
            {voidRounds.map((r) => (
              <li key={r.id} className="tabular">
                第 {r.number} 轮：发出 {r.issued} 张，收回 {r.returned} 张 — 已作废，不计入结果
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}

function Stat({ label, value, testId, tone }: { label: string; value: number; testId: string; tone: string }) {
  return (
    <div className="rounded-lg bg-slate-50 py-2">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd data-testid={testId} className={`tabular text-3xl font-bold ${tone}`}>
        {value}
      </dd>
    </div>
  );
}

function RoundCounts(props: { state: PaperState; teller: Teller | null; desk: PaperDesk; locked: boolean; onMessage: (m: { tone: "ok" | "error"; text: string }) => void }) {
  const { state, teller, desk, onMessage } = props;
  const { round } = state;
  const locked = props.locked || teller === null;
  // Each teller keys their own counts: the fields show this teller's, never the other's.
  const own = teller ? round.keyed[teller] : undefined;
  const [issued, setIssued] = useState(own ? String(own.issued) : "");
  const [returned, setReturned] = useState(own ? String(own.returned) : "");
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setIssued(own ? String(own.issued) : "");
    setReturned(own ? String(own.returned) : "");
  }, [round.id, teller, own?.issued, own?.returned]);

  const dirty = issued !== (own ? String(own.issued) : "") || returned !== (own ? String(own.returned) : "");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!teller) return;
    const i = Number(issued);
    const r = Number(returned);
    if (!/^\d+$/.test(issued) || !/^\d+$/.test(returned)) {
      onMessage({ tone: "error", text: "发出、收回张数须为整数。" });
      return;
    }
    setSaving(true);
    const result = await desk.counts({ teller, issued: i, returned: r });
    setSaving(false);
    onMessage(result.ok ? { tone: "ok", text: `${TELLER_LABEL[teller]}已保存：发出 ${i} 张，收回 ${r} 张。` } : { tone: "error", text: result.error.message });
    // Back to keying ballots without reaching for the mouse.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  };

  const field = "tabular h-11 w-full rounded-lg bg-slate-50 text-center text-2xl font-bold ring-2 ring-slate-300 outline-none focus:ring-sky-500 disabled:text-slate-600 disabled:ring-slate-200";
  return (
    <form onSubmit={(e) => void submit(e)} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 className="mb-2 text-base font-bold text-slate-800">
        第 {round.number} 轮 · 发出 / 收回{teller ? `（${TELLER_LABEL[teller]}填写，须与另一人一致）` : "（只读链接，由计票人甲、乙填写）"}
      </h2>
      <div className="flex items-end gap-3">
        <label className="flex-1">
          <span className="text-sm text-slate-600">发出张数</span>
          <input data-testid="teller-issued" disabled={locked} inputMode="numeric" value={issued} onChange={(e) => setIssued(e.target.value.replace(/\D/g, ""))} className={field} />
        </label>
        <label className="flex-1">
          <span className="text-sm text-slate-600">收回张数</span>
          <input data-testid="teller-returned" disabled={locked} inputMode="numeric" value={returned} onChange={(e) => setReturned(e.target.value.replace(/\D/g, ""))} className={field} />
        </label>
        <button
          type="submit"
          data-testid="teller-counts-save"
          disabled={saving || !dirty || locked}
          className="h-11 shrink-0 rounded-lg bg-slate-900 px-4 text-base font-bold text-white hover:bg-slate-700 disabled:bg-slate-300"
        >
          保存
        </button>
      </div>
      {state.status.countsIssue ? (
        <p data-testid="teller-counts-issue" className="mt-2 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900 ring-1 ring-amber-300">
          {state.status.countsIssue}
        </p>
      ) : (
        <p data-testid="teller-counts-agreed" className="mt-2 text-sm text-emerald-800">
          甲乙一致：发出 {round.issued} 张，收回 {round.returned} 张。
        </p>
      )}
    </form>
  );
}
