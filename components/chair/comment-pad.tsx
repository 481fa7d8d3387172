"use client";
// The 点评 pad: the chair's entries for one speaker (the current one, or one picked in the
// queue), each tagged 亮点 / 问题 / 建议（整改要求）, saved as typed. See comment-sync.ts for
// why nothing typed here is ever lost.
import { useEffect, useRef } from "react";
import { COMMENT_MAX_CHARS, COMMENT_TAG_LABELS, COMMENT_TAGS, type CommentTag } from "@/server/domain/comments";
import type { RosterView } from "@/server/domain/snapshot";
import type { PadEntry, SaveState } from "./comment-sync";
import type { Comments } from "./use-comments";
import { CarriedItems } from "@/components/records/carried-items";
import type { CarriedItem } from "@/server/records/dossier";

const TAG_STYLE: Record<CommentTag, { on: string; bar: string }> = {
  highlight: { on: "bg-emerald-700 text-white", bar: "border-emerald-600" },
  problem: { on: "bg-amber-600 text-white", bar: "border-amber-500" },
  suggestion: { on: "bg-sky-700 text-white", bar: "border-sky-600" },
};

/** Alt+1/2/3 in an entry sets its tag. */
const TAG_KEYS: Record<string, CommentTag> = { Digit1: "highlight", Digit2: "problem", Digit3: "suggestion" };

function stateLabel(entry: PadEntry): { text: string; tone: string } {
  const labels: Record<SaveState, { text: string; tone: string }> = {
    draft: { text: "未填写", tone: "text-slate-600" },
    pending: { text: "保存中…", tone: "text-slate-600" },
    saving: { text: "保存中…", tone: "text-slate-600" },
    saved: { text: "已保存", tone: "text-emerald-700" },
    offline: { text: "未连接，已暂存本机", tone: "text-amber-700" },
    error: { text: `未保存：${entry.error?.message ?? "服务器拒绝"}（已暂存本机）`, tone: "text-red-700" },
  };
  return labels[entry.state];
}

interface PadProps {
  speaker: RosterView | null;
  /** True when the pad shows the speaker the meeting is on. */
  isCurrent: boolean;
  /** True when the chair picked a speaker in the queue (the pad no longer follows the meeting). */
  pinned: boolean;
  comments: Comments;
  /** The entry to put the caret in (a new one), by id. */
  focusId: string | null;
  /** Called once the new entry has the caret, so it does not take it again when re-shown. */
  onFocused: () => void;
  onNew: () => void;
  onFollowCurrent: () => void;
  /** The unit's 整改事项 from last year's meeting (when this one was copied from it). */
  carried?: { title: string; items: CarriedItem[] };
}

export function CommentPad({ speaker, isCurrent, pinned, comments, focusId, onFocused, onNew, onFollowCurrent, carried }: PadProps) {
  const entries = speaker ? comments.entries.filter((e) => e.speakerId === speaker.id) : [];
  const deleted = speaker ? comments.deleted.filter((d) => d.draft.speakerId === speaker.id) : [];
  const unsent = comments.entries.filter((e) => e.state === "offline" || e.state === "error").length;

  return (
    <section aria-label="点评" className="flex h-full min-h-0 flex-col">
      <header className="border-b border-slate-200 px-4 py-3">
        <div className="flex items-baseline justify-between gap-2">
          <h2 className="text-sm font-semibold text-slate-900">点评</h2>
          {pinned && (
            <button type="button" onClick={onFollowCurrent} className="min-h-6 text-sm text-slate-600 underline hover:text-slate-900">
              回到当前单位
            </button>
          )}
        </div>
        {speaker ? (
          <p className="mt-1 text-sm text-slate-700" data-testid="comment-speaker">
            <span className="font-medium text-slate-900">{speaker.unit}</span> {speaker.name}
            {speaker.title}
            <span
              className={`ml-2 rounded px-1.5 py-px text-sm ${isCurrent ? "bg-red-700 text-white" : "bg-slate-200 text-slate-700"}`}
            >
              {isCurrent ? "当前" : "补充/修改"}
            </span>
          </p>
        ) : null}
        {speaker && carried && <CarriedItems items={carried.items} title={carried.title} />}
        {speaker ? null : (
          <p className="mt-1 text-sm text-slate-600">当前没有述职单位。在左侧名单中点“点评”，可查看或补充各单位的点评。</p>
        )}
      </header>

      {!comments.storageOk && (
        <p className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800">
          本机存储不可用：未保存的点评只在本页中，连接恢复前请勿刷新或关闭本页。
        </p>
      )}

      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-3">
        {speaker && entries.length === 0 && deleted.length === 0 && (
          <p className="text-sm text-slate-600">
            还没有点评。按 <kbd className="rounded border border-slate-300 px-1 text-sm">Alt+N</kbd> 新增一条，边听边记：亮点、问题、建议（整改要求）。
          </p>
        )}
        <ol className="space-y-3">
          {entries.map((entry) => (
            <CommentEntry key={entry.id} entry={entry} comments={comments} autoFocus={entry.id === focusId} onFocused={onFocused} />
          ))}
        </ol>
        {deleted.length > 0 && (
          <ul className="mt-3 space-y-1">
            {deleted.map(({ draft }) => (
              <li key={draft.id} className="flex items-center justify-between gap-2 rounded bg-slate-100 px-3 py-1.5 text-sm text-slate-600">
                <span className="truncate">已删除：{draft.text || "（空白）"}</span>
                <button
                  type="button"
                  data-testid="comment-undo"
                  onClick={() => comments.undo(draft.id)}
                  className="min-h-6 shrink-0 font-medium text-slate-900 underline"
                >
                  撤销
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <footer className="flex items-center justify-between gap-2 border-t border-slate-200 px-4 py-2">
        <button
          type="button"
          data-testid="comment-new"
          onClick={onNew}
          disabled={!speaker}
          className="rounded bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-40"
        >
          ＋ 新增点评 <kbd className="ml-1 text-sm">Alt+N</kbd>
        </button>
        <span className="text-right text-sm text-slate-600">
          {unsent > 0 ? (
            <span className="text-amber-700">{unsent} 条未同步，已暂存本机，连接后自动补发</span>
          ) : comments.loaded ? (
            "点评随输随存"
          ) : (
            "正在读取已存点评…"
          )}
        </span>
      </footer>
    </section>
  );
}

function CommentEntry({
  entry,
  comments,
  autoFocus,
  onFocused,
}: {
  entry: PadEntry;
  comments: Comments;
  autoFocus: boolean;
  onFocused: () => void;
}) {
  const textRef = useRef<HTMLTextAreaElement>(null);
  const label = stateLabel(entry);

  useEffect(() => {
    if (!autoFocus || !textRef.current) return;
    textRef.current.focus();
    textRef.current.scrollIntoView({ block: "nearest" });
    onFocused();
  }, [autoFocus, onFocused]);

  return (
    <li data-testid="comment-entry" data-comment-id={entry.id} className={`rounded border border-l-4 border-slate-200 bg-white ${TAG_STYLE[entry.tag].bar}`}>
      <div className="flex items-center justify-between gap-2 px-2 pt-2">
        <div role="radiogroup" aria-label="点评类别" data-testid="comment-tag" data-value={entry.tag} className="flex overflow-hidden rounded border border-slate-300 text-sm">
          {COMMENT_TAGS.map((tag, i) => {
            const on = entry.tag === tag;
            return (
              <button
                key={tag}
                type="button"
                role="radio"
                aria-checked={on}
                title={`Alt+${i + 1}`}
                onClick={() => {
                  if (!on) comments.edit(entry.id, { tag });
                }}
                className={`px-2 py-0.5 ${i > 0 ? "border-l border-slate-300" : ""} ${on ? TAG_STYLE[tag].on : "text-slate-600 hover:bg-slate-100"}`}
              >
                {COMMENT_TAG_LABELS[tag]}
              </button>
            );
          })}
        </div>
        <span className="flex items-center gap-2">
          <span data-testid="comment-status" data-state={entry.state} className={`text-sm ${label.tone}`}>
            {label.text}
          </span>
          <button
            type="button"
            data-testid="comment-delete"
            onClick={() => comments.remove(entry.id)}
            className="min-h-6 rounded px-1.5 text-sm text-slate-600 hover:bg-red-50 hover:text-red-700"
            title="删除（可撤销）"
          >
            删除
          </button>
        </span>
      </div>
      <textarea
        ref={textRef}
        data-testid="comment-text"
        value={entry.text}
        maxLength={COMMENT_MAX_CHARS}
        onChange={(e) => comments.edit(entry.id, { text: e.target.value })}
        onKeyDown={(e) => {
          const tag = e.altKey ? TAG_KEYS[e.nativeEvent.code] : undefined;
          if (tag) {
            e.preventDefault();
            if (tag !== entry.tag) comments.edit(entry.id, { tag });
          }
        }}
        placeholder={`${COMMENT_TAG_LABELS[entry.tag]}…（Alt+1 亮点 · Alt+2 问题 · Alt+3 建议）`}
        rows={3}
        className="field-sizing-content block max-h-72 min-h-20 w-full resize-none border-0 bg-transparent px-3 py-2 text-sm leading-6 text-slate-900 placeholder:text-slate-500 focus:outline-none"
      />
    </li>
  );
}
