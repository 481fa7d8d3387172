"use client";
// Step 3, 民主测评: who is on the 测评票 (default: every secretary, on site and written), the
// rating levels and their scores, 应到人数, and optional voter categories with weights.
// Locked, with the reason shown, once the chair has opened voting.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { DEFAULT_RATING_LEVELS } from "@/server/domain/evaluation-setup";
import { describeRankingRule, type RankingRule, type RatingLevel, type VoterCategory } from "@/server/domain/tally";
import { evaluationSetupSchema, type SetupView } from "@/server/setup/setup-schemas";
import { Button, Card, Field, INPUT, Notice, SaveBar, type SaveStatus } from "./form-controls";
import { useSetup } from "./setup-context";

interface Row {
  id: string;
  label: string;
  weight: string;
}

interface Draft {
  evaluated: Record<string, boolean>;
  levels: Row[];
  categories: Row[];
  rankingRule: RankingRule;
  expectedVoters: string;
}

const toRows = (items: Array<RatingLevel | VoterCategory>): Row[] => items.map((i) => ({ id: i.id, label: i.label, weight: String(i.weight) }));

function draftOf(view: SetupView): Draft {
  const m = view.snapshot.meeting;
  return {
    evaluated: Object.fromEntries(view.snapshot.roster.map((e) => [e.id, e.evaluated])),
    levels: toRows(m.ratingLevels),
    categories: toRows(m.voterCategories),
    rankingRule: m.rankingRule,
    expectedVoters: String(m.expectedVoters),
  };
}

/** A fresh id for a new level or category, unique among `rows`. */
function freshId(prefix: string, rows: Row[]): string {
  for (let n = rows.length + 1; ; n += 1) {
    const id = `${prefix}${n}`;
    if (!rows.some((r) => r.id === id)) return id;
  }
}

export function EvaluationForm() {
  const { view, meetingId, request, reload } = useSetup();
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<SaveStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const lock = view.locks.evaluation;
  const saved = draftOf(view);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const roster = view.snapshot.roster;

  const baseline = useRef(JSON.stringify(saved));
  const justSaved = useRef(false);
  useEffect(() => {
    const next = draftOf(view);
    const untouched = JSON.stringify(draft) === baseline.current;
    baseline.current = JSON.stringify(next);
    if (untouched || justSaved.current || lock) {
      justSaved.current = false;
      setDraft(next);
    }
    // Re-sync only when the meeting itself changes.
  }, [view.snapshot.version]);

  const change = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setStatus(null);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const toItems = (rows: Row[]) => rows.map((r) => ({ id: r.id, label: r.label, weight: r.weight.trim() === "" ? Number.NaN : Number(r.weight) }));
    const input = {
      ratingLevels: toItems(draft.levels),
      voterCategories: toItems(draft.categories),
      rankingRule: draft.rankingRule,
      expectedVoters: draft.expectedVoters.trim() === "" ? 0 : Number(draft.expectedVoters),
      evaluated: draft.evaluated,
    };
    const parsed = evaluationSetupSchema.safeParse(input);
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path.slice(0, 2).join(".");
        found[key] ??= /^(Invalid|Too)/.test(issue.message) ? (issue.path[2] === "weight" ? "分值应为数字（0–1000）" : "请检查此项") : issue.message;
      }
      setErrors(found);
      setStatus({ tone: "error", text: "有几项需要修改，见标红的地方。" });
      return;
    }
    setErrors({});
    setBusy(true);
    const result = await request<null>(`/api/meetings/${encodeURIComponent(meetingId)}/evaluation`, { method: "PUT", json: parsed.data });
    setBusy(false);
    if (!result.ok) return setStatus({ tone: "error", text: result.message });
    justSaved.current = true;
    await reload();
    setStatus({ tone: "success", text: "已保存测评设置。" });
  }

  const evaluatedCount = roster.filter((e) => draft.evaluated[e.id] ?? e.evaluated).length;

  return (
    <form onSubmit={submit} noValidate className="space-y-6 pb-24">
      {lock && <Notice tone="warning" testId="evaluation-locked">{lock}</Notice>}
      <fieldset disabled={!!lock} className="space-y-6">
        <Card
          title="参加测评的单位"
          description={`测评票上逐一列出，由参会人员评为“${draft.levels.map((l) => l.label).join(" / ")}”。默认全部书记参加（现场述职和书面述职）。`}
          actions={
            <>
              <Button onClick={() => change({ evaluated: Object.fromEntries(roster.map((e) => [e.id, true])) })}>全部参加</Button>
            </>
          }
        >
          {roster.length === 0 ? (
            <p className="text-sm text-slate-600">名单为空：请先在“述职名单”中导入或添加单位。</p>
          ) : (
            <>
              <p className="mb-3 text-sm text-slate-700">
                已选 <strong className="tabular">{evaluatedCount}</strong> / {roster.length} 个单位
              </p>
              {errors.evaluated && <Notice tone="error" className="mb-3">{errors.evaluated}</Notice>}
              <ul className="grid gap-2 sm:grid-cols-2">
                {roster.map((entry) => (
                  <li key={entry.id}>
                    <label className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg bg-slate-50 px-3 ring-1 ring-slate-200 hover:bg-white">
                      <input
                        type="checkbox"
                        className="size-4 accent-red-700"
                        checked={draft.evaluated[entry.id] ?? entry.evaluated}
                        onChange={(e) => change({ evaluated: { ...draft.evaluated, [entry.id]: e.target.checked } })}
                      />
                      <span className="flex-1 text-[15px] text-slate-900">{entry.unit}</span>
                      <span className="text-sm text-slate-600">{entry.mode === "onsite" ? "现场述职" : "书面述职"}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>

        <Card
          title="测评档次和分值"
          description="测评票上的选项，从好到差。分值用于计算测评得分（如 好 100、较好 80、一般 60、差 0）。空着不填的一栏计为弃权。"
          actions={
            <>
              <Button onClick={() => change({ levels: toRows(DEFAULT_RATING_LEVELS) })}>恢复默认</Button>
              <Button onClick={() => change({ levels: [...draft.levels, { id: freshId("level", draft.levels), label: "", weight: "0" }] })} disabled={draft.levels.length >= 9}>
                ＋ 添加档次
              </Button>
            </>
          }
        >
          {errors.ratingLevels && <Notice tone="error" className="mb-3">{errors.ratingLevels}</Notice>}
          <RowsEditor rows={draft.levels} errors={errors} errorKey="ratingLevels" nameLabel="档次" weightLabel="分值" minRows={2} onChange={(levels) => change({ levels })} />
        </Card>

        <Card title="应到人数" description="参加民主测评的人数（应到）。投影上显示“已提交 37 / 40”。">
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="应到人数" error={errors.expectedVoters} hint={`当前座位二维码：${view.seatCount} 张（在“会场入口与座位卡”中调整）。`}>
              {({ id, describedBy, invalid }) => (
                <input id={id} inputMode="numeric" aria-describedby={describedBy} aria-invalid={invalid} className={INPUT} value={draft.expectedVoters} onChange={(e) => change({ expectedVoters: e.target.value })} data-testid="evaluation-expected" />
              )}
            </Field>
          </div>
        </Card>

        <Card
          title="测评人类别（可不设）"
          description="需要按类别加权时设置，如 区委常委 0.3、领导小组成员 0.3、党代表和群众代表 0.4；权重按比例计算，3 / 3 / 4 与 0.3 / 0.3 / 0.4 相同。设置后须在座位卡上为每个座位指定类别（全部指定后才能开始测评）；纸质票无法区分类别，按类别加权时请用平板投票。"
          actions={
            <Button onClick={() => change({ categories: [...draft.categories, { id: freshId("cat", draft.categories), label: "", weight: "1" }] })} disabled={draft.categories.length >= 10}>
              ＋ 添加类别
            </Button>
          }
        >
          {errors.voterCategories && <Notice tone="error" className="mb-3">{errors.voterCategories}</Notice>}
          {draft.categories.length === 0 ? (
            <p className="text-sm text-slate-600">未设类别：所有测评票权重相同。</p>
          ) : (
            <RowsEditor rows={draft.categories} errors={errors} errorKey="voterCategories" nameLabel="类别" weightLabel="权重" minRows={0} onChange={(categories) => change({ categories })} />
          )}
        </Card>
        <Card
          title="计算与排名规则"
          description="一条规则，所有数字都按它算：各档占比、好评率、测评得分用同一个分母；排名按其中一项，另一项相同时再比。规则印在投影、主持人控制台和测评汇总表的结果下方。"
        >
          <div data-testid="evaluation-rule" className="grid gap-4 sm:grid-cols-2">
            <fieldset>
              <legend className="text-sm font-medium text-slate-700">弃权票</legend>
              {[
                { value: true, label: "计入分母（弃权按 0 分计）" },
                { value: false, label: "不计入分母（只算作出评价的票）" },
              ].map((o) => (
                <label key={String(o.value)} className="mt-1 flex items-center gap-2 text-sm">
                  <input type="radio" name="abstainCounts" data-testid={`rule-abstain-${o.value ? "in" : "out"}`} checked={draft.rankingRule.abstainCounts === o.value} onChange={() => change({ rankingRule: { ...draft.rankingRule, abstainCounts: o.value } })} />
                  {o.label}
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend className="text-sm font-medium text-slate-700">排名依据</legend>
              {(
                [
                  { value: "score", label: "按测评得分，得分相同比好评率" },
                  { value: "goodRate", label: "按好评率，好评率相同比测评得分" },
                ] as const
              ).map((o) => (
                <label key={o.value} className="mt-1 flex items-center gap-2 text-sm">
                  <input type="radio" name="rankBy" data-testid={`rule-rank-${o.value}`} checked={draft.rankingRule.rankBy === o.value} onChange={() => change({ rankingRule: { ...draft.rankingRule, rankBy: o.value } })} />
                  {o.label}
                </label>
              ))}
            </fieldset>
          </div>
          <p data-testid="evaluation-rule-text" className="mt-3 text-sm text-slate-600">{describeRankingRule(draft.rankingRule)}</p>
        </Card>
      </fieldset>

      {!lock && (
        <SaveBar label="保存测评设置" testId="evaluation-save" busy={busy} dirty={dirty} status={status} onUndo={() => setDraft(saved)} />
      )}
    </form>
  );
}

function RowsEditor(props: { rows: Row[]; errors: Record<string, string>; errorKey: string; nameLabel: string; weightLabel: string; minRows: number; onChange: (rows: Row[]) => void }) {
  const { rows, errors, errorKey } = props;
  const update = (index: number, row: Row) => props.onChange(rows.map((r, i) => (i === index ? row : r)));
  return (
    <ol className="space-y-2">
      {rows.map((row, index) => (
        <li key={row.id} className="grid grid-cols-[2rem_1fr_8rem_auto] items-start gap-3">
          <span className="tabular pt-2 text-center text-slate-600">{index + 1}</span>
          <Field label={`${props.nameLabel}名称`} error={errors[`${errorKey}.${index}`]}>
            {({ id, describedBy, invalid }) => (
              <input id={id} aria-describedby={describedBy} aria-invalid={invalid} className={INPUT} value={row.label} onChange={(e) => update(index, { ...row, label: e.target.value })} />
            )}
          </Field>
          <Field label={props.weightLabel}>
            {({ id }) => <input id={id} inputMode="decimal" className={INPUT} value={row.weight} onChange={(e) => update(index, { ...row, weight: e.target.value })} />}
          </Field>
          <Button tone="quiet" className="mt-6 !text-red-700 disabled:!text-slate-300" aria-label={`删除${props.nameLabel}“${row.label}”`} disabled={rows.length <= props.minRows} onClick={() => props.onChange(rows.filter((_, i) => i !== index))}>
            删除
          </Button>
        </li>
      ))}
    </ol>
  );
}
