"use client";
// 导入名单: an .xlsx or .csv as Excel/WPS saved it (UTF-8 or GBK), or a table pasted from
// Word or Excel. The server reads it and shows every row with its problems; nothing is
// written until the organiser picks 替换 or 追加 and confirms.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type DragEvent } from "react";
import type { PreviewRow, RowProblem } from "@/server/roster-import/parse-roster";
import { FIELD_LABELS, type RosterField } from "@/server/roster-import/roster-columns";
import { MAX_FILE_BYTES } from "@/server/roster-import/import-limits";
import type { ImportMode } from "@/server/setup/setup-schemas";
import type { ImportPreview } from "@/server/setup/setup-service";
import { Button, Card, INPUT, msToMinutes, Notice } from "./form-controls";
import { downloadWithToken } from "./setup-api";
import { useSetup } from "./setup-context";

type Source = { kind: "file"; file: File } | { kind: "text"; text: string };

const ENCODINGS: Record<string, string> = { "utf-8": "UTF-8", "utf-16le": "UTF-16", "utf-16be": "UTF-16", gb18030: "GBK（中文 Windows / WPS）" };
const SEPARATORS: Record<string, string> = {
  comma: "逗号分隔",
  tab: "制表符分隔，即从 Excel / Word 复制的表格",
  semicolon: "分号分隔",
  "fullwidth-comma": "全角逗号分隔",
  "wide-space": "空格对齐",
  "any-space": "空格分隔",
};

const COLUMNS: RosterField[] = ["unit", "name", "title", "mode", "order", "limitMs", "reportText"];

function describeSource(preview: ImportPreview["preview"], source: Source): string {
  const where = source.kind === "file" ? `文件“${source.file.name}”` : "粘贴的内容";
  const info = preview.source;
  const detail = info.format === "xlsx" ? `Excel 工作表“${info.sheetName}”` : [info.encoding ? ENCODINGS[info.encoding] : null, SEPARATORS[info.separator]].filter(Boolean).join("，");
  // No brackets around `detail`: it may hold its own.
  return `读取自${where}：${detail}；第 ${preview.headerLine} 行是表头。`;
}

function cellText(row: PreviewRow, field: RosterField): string {
  switch (field) {
    case "mode":
      return row.mode === "onsite" ? "现场述职" : "书面述职";
    case "order":
      return row.order === null ? "" : String(row.order);
    case "limitMs":
      return row.limitMs === null ? "" : `${msToMinutes(row.limitMs)} 分钟`;
    case "reportText":
      return row.reportText.length > 24 ? `${row.reportText.slice(0, 24)}…（${row.reportText.length} 字）` : row.reportText;
    default:
      return row[field];
  }
}

/** A value the importer could not read is shown as such, not as the default it fell back to. */
function shownValue(row: PreviewRow, field: RosterField, problem: boolean): string {
  const unread = field === "mode" || (field === "order" && row.order === null) || (field === "limitMs" && row.limitMs === null);
  if (problem && unread) return "（无法识别）";
  return cellText(row, field) || (problem ? "（空）" : "");
}

export function RosterImport() {
  const { view, meetingId, token, request } = useSetup();
  const router = useRouter();
  const [source, setSource] = useState<Source | null>(null);
  const [pasted, setPasted] = useState("");
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<ImportMode | null>(null);
  const [busy, setBusy] = useState<"preview" | "import" | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const existing = view.snapshot.roster.length;
  const { locks } = view;
  const base = `/api/meetings/${encodeURIComponent(meetingId)}/import`;

  async function read(next: Source) {
    setSource(next);
    setPreview(null);
    setError(null);
    setMode(null);
    if (next.kind === "file" && next.file.size > MAX_FILE_BYTES) {
      return setError(`文件过大（${(next.file.size / 1024 / 1024).toFixed(1)} MB），名单文件不能超过 ${MAX_FILE_BYTES / 1024 / 1024} MB。名单没有任何改动。`);
    }
    setBusy("preview");
    const result =
      next.kind === "file"
        ? await request<ImportPreview>(`${base}/preview?name=${encodeURIComponent(next.file.name)}`, { method: "POST", file: next.file })
        : await request<ImportPreview>(`${base}/preview`, { method: "POST", json: { text: next.text } });
    setBusy(null);
    if (!result.ok) return setError(result.message);
    setPreview(result.data);
    // With an empty roster the two are the same; otherwise the organiser must choose.
    if (result.data.existing === 0 && !locks.replace) setMode("replace");
  }

  const conflictLines = new Set(mode === "append" && preview ? preview.appendConflicts.map((c) => c.line) : []);
  const importable = preview ? preview.preview.rows.filter((row) => row.problems.length === 0 && !conflictLines.has(row.line)).length : 0;
  const withProblems = preview ? preview.preview.rows.filter((row) => row.problems.length > 0).length : 0;
  const modeLock = mode === "replace" ? locks.replace : mode === "append" ? locks.roster : null;

  async function confirm() {
    if (!source || !preview || !mode) return;
    setBusy("import");
    const query = `?mode=${mode}&expected=${importable}${source.kind === "file" ? `&name=${encodeURIComponent(source.file.name)}` : ""}`;
    const result =
      source.kind === "file"
        ? await request<{ imported: number }>(`${base}${query}`, { method: "POST", file: source.file })
        : await request<{ imported: number }>(`${base}${query}`, { method: "POST", json: { text: source.text } });
    setBusy(null);
    if (!result.ok) return setError(`未导入：${result.message}`);
    router.push(`/setup/${encodeURIComponent(meetingId)}/roster?imported=${result.data.imported}`);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragOver(false);
    const file = event.dataTransfer.files[0];
    if (file) void read({ kind: "file", file });
  }

  return (
    <div className="space-y-6">
      <Card
        title="导入述职名单"
        description="直接使用组织部门现有的 Excel / WPS 表格：需要“单位”“姓名”两列，可选“职务”“述职方式”“顺序”“时限”“述职材料”。"
        actions={
          <>
            <Button
              onClick={async () => {
                const failed = await downloadWithToken(token, "/api/setup/roster-template", "述职名单模板.xlsx");
                if (failed) setError(failed);
              }}
              data-testid="import-template"
            >
              下载名单模板（.xlsx）
            </Button>
            <Link href={`/setup/${encodeURIComponent(meetingId)}/roster`} className="inline-flex min-h-10 items-center rounded-lg px-4 text-[15px] font-medium text-slate-700 hover:bg-slate-100">
              返回名单
            </Link>
          </>
        }
      >
        <div className="grid gap-4 lg:grid-cols-2">
          <label
            onDragOver={(e) => {
              e.preventDefault();
              setDragOver(true);
            }}
            onDragLeave={() => setDragOver(false)}
            onDrop={onDrop}
            className={`flex min-h-44 cursor-pointer flex-col items-center justify-center gap-2 rounded-xl border-2 border-dashed p-6 text-center ${
              dragOver ? "border-red-500 bg-red-50" : "border-slate-300 bg-slate-50 hover:border-red-400 hover:bg-red-50/50"
            }`}
          >
            <span aria-hidden className="flex size-12 items-center justify-center rounded-lg bg-white text-sm font-bold text-red-700 ring-1 ring-slate-300">
              XLSX
            </span>
            <span className="text-lg font-bold text-slate-900">选择名单文件</span>
            <span className="text-sm text-slate-600">或把文件拖到这里 · 支持 .xlsx、.csv（UTF-8 或 GBK）· 5 MB 以内</span>
            <input
              type="file"
              className="sr-only"
              accept=".xlsx,.csv,.txt,.tsv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              data-testid="import-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) void read({ kind: "file", file });
              }}
            />
          </label>
          <div className="flex flex-col gap-2">
            <label htmlFor="import-paste" className="text-sm font-medium text-slate-700">
              或粘贴表格（在 Excel、WPS 或 Word 里选中整张表，连同表头一起复制）
            </label>
            <textarea
              id="import-paste"
              rows={5}
              className={`${INPUT} font-mono text-sm`}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              placeholder={"单位\t姓名\t职务\t述职方式\n城东街道党工委\t张XX\t书记\t现场述职"}
              data-testid="import-paste"
            />
            <Button onClick={() => void read({ kind: "text", text: pasted })} disabled={pasted.trim() === "" || busy !== null} className="self-start">
              预览粘贴的内容
            </Button>
          </div>
        </div>
      </Card>

      {busy === "preview" && <Notice tone="info">正在读取…</Notice>}
      {error && (
        <Notice tone="error" testId="import-error">
          <strong className="font-bold">无法导入：</strong>
          {error}
          {!error.includes("名单没有任何改动") && "。名单没有任何改动。"}
        </Notice>
      )}

      {preview && source && (
        <Card title="预览（尚未导入）" description={describeSource(preview.preview, source)}>
          <div className="space-y-4">
            <div className="flex flex-wrap gap-2 text-sm">
              {preview.preview.columns.map((column) => (
                <span key={column.field} className="rounded-full bg-slate-100 px-3 py-1 text-slate-700 ring-1 ring-slate-200">
                  {FIELD_LABELS[column.field]} ← “{column.header}”
                </span>
              ))}
              {preview.preview.ignoredHeaders.length > 0 && (
                <span className="rounded-full px-3 py-1 text-slate-600">不导入的列：{preview.preview.ignoredHeaders.join("、")}</span>
              )}
            </div>
            <Notice tone={withProblems > 0 ? "warning" : "success"} testId="import-summary">
              共 {preview.preview.rows.length} 行：{preview.preview.rows.length - withProblems} 行可以导入
              {withProblems > 0 && <>，<strong>{withProblems} 行有问题（标红，不会导入；可修改文件后重新选择）</strong></>}
              {preview.preview.skipped.length > 0 && <>；另有 {preview.preview.skipped.length} 行不是单位（见表格下方），不导入</>}
              。导入后按“顺序”列排序，没填顺序的按表格先后。
            </Notice>
            <PreviewTable rows={preview.preview.rows} conflicts={mode === "append" ? preview.appendConflicts : []} />
            {preview.preview.skipped.length > 0 && (
              <Notice tone="info" testId="import-skipped">
                <p className="font-bold">以下 {preview.preview.skipped.length} 行不是单位，不导入：</p>
                <ul className="mt-1 space-y-0.5">
                  {preview.preview.skipped.map((row) => (
                    <li key={row.line}>
                      第 {row.line} 行“{row.text}”：{row.reason}
                    </li>
                  ))}
                </ul>
              </Notice>
            )}

            <fieldset className="space-y-2 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
              <legend className="px-1 font-bold text-slate-900">导入方式</legend>
              <ModeOption
                value="replace"
                mode={mode}
                onChange={setMode}
                lock={locks.replace}
                title={existing > 0 ? `替换现有名单（现有 ${existing} 个单位将被删除）` : "导入为述职名单"}
                detail={existing > 0 ? "用文件中的名单替换当前名单，现有单位的述职材料文件也一并删除。" : "名单现在是空的，导入后即为本次会议的述职名单。"}
              />
              {existing > 0 && (
                <ModeOption
                  value="append"
                  mode={mode}
                  onChange={setMode}
                  lock={locks.roster}
                  title={`追加到现有 ${existing} 个单位之后`}
                  detail={preview.appendConflicts.length > 0 ? `其中 ${preview.appendConflicts.length} 个单位已在名单中，追加时跳过（黄色标出）。` : "现有单位保持不变。"}
                />
              )}
            </fieldset>
            {modeLock && <Notice tone="warning">{modeLock}</Notice>}
            <div className="flex flex-wrap items-center gap-3">
              <Button tone="primary" onClick={() => void confirm()} disabled={!mode || !!modeLock || importable === 0 || busy !== null} data-testid="import-confirm">
                {busy === "import" ? "正在导入…" : mode ? `确认导入 ${importable} 个单位` : "请先选择导入方式"}
              </Button>
              <Button tone="quiet" onClick={() => {
                  setPreview(null);
                  setSource(null);
                }}>
                放弃，重新选择
              </Button>
            </div>
          </div>
        </Card>
      )}
    </div>
  );
}

function ModeOption(props: { value: ImportMode; mode: ImportMode | null; onChange: (mode: ImportMode) => void; lock: string | null; title: string; detail: string }) {
  return (
    <label className={`flex items-start gap-3 rounded-lg px-3 py-2 ${props.lock ? "opacity-60" : "cursor-pointer hover:bg-white"}`}>
      <input
        type="radio"
        name="import-mode"
        className="mt-1.5 accent-red-700"
        checked={props.mode === props.value}
        disabled={!!props.lock}
        onChange={() => props.onChange(props.value)}
        data-testid={`import-mode-${props.value}`}
      />
      <span>
        <span className="block font-medium text-slate-900">{props.title}</span>
        <span className="block text-sm text-slate-600">{props.lock ?? props.detail}</span>
      </span>
    </label>
  );
}

function PreviewTable({ rows, conflicts }: { rows: PreviewRow[]; conflicts: RowProblem[] }) {
  const conflictByLine = new Map(conflicts.map((c) => [c.line, c]));
  return (
    <div className="max-h-[32rem] overflow-auto rounded-lg ring-1 ring-slate-200">
      <table className="w-full min-w-[56rem] border-collapse text-left text-sm" data-testid="import-preview">
        <thead className="sticky top-0 bg-slate-100 text-slate-700">
          <tr>
            <th className="px-3 py-2 font-medium">行</th>
            {COLUMNS.map((field) => (
              <th key={field} className="px-3 py-2 font-medium">
                {FIELD_LABELS[field]}
              </th>
            ))}
            <th className="px-3 py-2 font-medium">检查结果</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 bg-white">
          {rows.map((row) => {
            const conflict = conflictByLine.get(row.line);
            const bad = row.problems.length > 0;
            const fields = new Set(row.problems.map((p) => p.field));
            return (
              <tr key={row.line} data-testid="import-row" data-problems={row.problems.length} className={bad ? "bg-red-50/70" : conflict ? "bg-amber-50" : ""}>
                <td className="tabular px-3 py-2 text-slate-600">{row.line}</td>
                {COLUMNS.map((field) => (
                  <td key={field} className={`px-3 py-2 ${fields.has(field) ? "font-medium text-red-800 underline decoration-red-400 decoration-wavy underline-offset-4" : "text-slate-800"}`}>
                    {shownValue(row, field, fields.has(field))}
                  </td>
                ))}
                <td className="px-3 py-2">
                  {bad ? (
                    <ul className="space-y-0.5 text-red-700">
                      {row.problems.map((p, i) => (
                        <li key={i}>✗ {p.message}</li>
                      ))}
                    </ul>
                  ) : conflict ? (
                    <span className="text-amber-800">{conflict.message}</span>
                  ) : (
                    <span className="text-emerald-700">✓ 可导入</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
