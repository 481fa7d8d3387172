"use client";
// The chair's console for one meeting: agenda and speaking order on the left, the current
// item (speaker, timer, or the item 2 / item 3 views) in the middle, the 点评 pad on the
// right. Keyboard first: every command is one key (see use-chair-keys.ts); every refusal
// from the server is shown in the status line at the bottom.
import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useMeeting, type ConnectionState } from "@/components/realtime/use-meeting";
import type { MeetingCommand } from "@/server/domain/commands";
import { COMMENT_TAGS } from "@/server/domain/comments";
import type { HandshakeAuth } from "@/server/domain/events";
import { ballotEpoch } from "@/server/domain/rehearsal";
import { meetingNow, type MeetingSnapshot, type RosterView } from "@/server/domain/snapshot";
import { AgendaRail } from "./agenda-rail";
import { currentSpeaker, speakerStatus, unitsLeftBehind } from "./chair-view";
import { CommentPad } from "./comment-pad";
import { HallCheck } from "./hall-check";
import { ProjectorButton } from "./projector-button";
import { SpeakerQueue } from "./speaker-queue";
import { StageView } from "./stage-view";
import { StatusLine, useStatusLine } from "./status-line";
import { TokenForm } from "./token-form";
import { KEY_LEGEND, KEY_LEGEND_SHORT, useChairKeys } from "./use-chair-keys";
import { useChairToken } from "./use-chair-token";
import { useComments } from "./use-comments";
import { carriedForUnit, useCarriedOver } from "@/components/records/use-carried-over";
import { RecordsPanel } from "@/components/records/records-panel";
import { GuessingAlertBanner, useGuessingAlert } from "./guessing-alert";

const ONE_MINUTE_MS = 60_000;
/** How long after a command's ack its new state may still move focus (see placeFocusAfter). */
const FOCUS_SETTLE_MS = 2_000;

export function ChairConsole({ meetingId }: { meetingId: string }) {
  const { ready, token, save } = useChairToken();
  if (!ready) return <Splash text="正在打开主持人控制台…" />;
  if (!token) return <TokenForm message={null} onToken={save} />;
  return <ChairDesk key={token} meetingId={meetingId} token={token} onNewToken={save} />;
}

function Splash({ text }: { text: string }) {
  return <main className="flex min-h-screen items-center justify-center bg-slate-100 text-sm text-slate-600">{text}</main>;
}

const CONNECTION_LABEL: Record<ConnectionState, { text: string; style: string }> = {
  connecting: { text: "连接中…", style: "bg-slate-100 text-slate-600" },
  online: { text: "在线", style: "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200" },
  offline: { text: "重连中…", style: "bg-amber-100 text-amber-900 ring-1 ring-amber-300" },
  refused: { text: "已拒绝", style: "bg-red-100 text-red-800" },
};

function ChairDesk({ meetingId, token, onNewToken }: { meetingId: string; token: string; onNewToken: (token: string) => void }) {
  const auth = useMemo<HandshakeAuth>(() => ({ role: "chair", meetingId, token }), [meetingId, token]);
  const live = useMeeting(auth);
  // Until the server answers, the last state this browser saw (so a reload with the server
  // down still shows the roster and the 点评 pad); `stale` says so.
  const { snapshot, stale } = live;
  const comments = useComments(meetingId, live.socket, live.serverNow, snapshot ? ballotEpoch(snapshot.live) : undefined);
  const carried = useCarriedOver(meetingId, useMemo(() => ({ token }), [token]));
  const guessing = useGuessingAlert(live.socket);
  const status = useStatusLine();
  const [pinnedId, setPinnedId] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const { command } = live;
  const clearFocus = useCallback(() => setFocusId(null), []);
  const { show } = status;

  const { serverNow } = live;
  const [keysOpen, setKeysOpen] = useState(false);
  // The last command's focus to settle: its ack and its new state may arrive in either order.
  const pendingFocus = useRef<{ cmd: MeetingCommand; before: Element | null; until: number } | null>(null);
  const run = useCallback(
    (cmd: MeetingCommand, done?: string) => {
      const current = snapshot;
      // Leaving item 1 with units still 待述职 / 待点评 is easy to do by accident (→ from the
      // last written unit): ask first, naming them.
      const left = current ? unitsLeftBehind(current, cmd, meetingNow(current, serverNow())) : [];
      if (left.length > 0 && current && !window.confirm(leaveItemOneQuestion(current, left))) return;
      const focusedBefore = document.activeElement;
      void command(cmd).then((result) => {
        if (!result.ok) show(result.error.message, "error");
        else if (done) show(done, "info");
        // After the new state has rendered: the control the chair needs next.
        if (!result.ok) return;
        pendingFocus.current = { cmd, before: focusedBefore, until: Date.now() + FOCUS_SETTLE_MS };
        requestAnimationFrame(() => placeFocusAfter(cmd, focusedBefore));
      });
    },
    [command, show, serverNow, snapshot],
  );

  const current = snapshot ? currentSpeaker(snapshot) : null;
  const padSpeaker: RosterView | null =
    (pinnedId ? snapshot?.roster.find((e) => e.id === pinnedId) : undefined) ?? current;
  const pinned = pinnedId !== null && padSpeaker !== null && padSpeaker.id !== current?.id;

  const commentCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const entry of comments.entries) counts.set(entry.speakerId, (counts.get(entry.speakerId) ?? 0) + 1);
    return counts;
  }, [comments.entries]);

  function startPause() {
    if (!snapshot) return;
    run({ type: snapshot.live.timer.status === "running" ? "timer.pause" : "timer.start" });
  }

  function newComment() {
    if (!padSpeaker) {
      show("当前没有述职单位：请先在名单中选择要点评的单位。", "error");
      return;
    }
    // 点评 run 亮点 → 问题 → 建议 (the order the seed asks reports in), so a new entry takes
    // the tag after the last one; the chair changes it with one click or Alt+1/2/3.
    const own = comments.entries.filter((e) => e.speakerId === padSpeaker.id);
    const last = own[own.length - 1]?.tag;
    const tag = last ? COMMENT_TAGS[Math.min(COMMENT_TAGS.indexOf(last) + 1, COMMENT_TAGS.length - 1)] : COMMENT_TAGS[0];
    const id = comments.create(padSpeaker.id, tag ?? COMMENT_TAGS[0]);
    setFocusId(id);
  }

  function openSpeaker(entry: RosterView) {
    if (!snapshot) return;
    const cursor = snapshot.live.cursor;
    setPinnedId(null);
    if (cursor.item === "reports" && cursor.speakerId === entry.id) return;
    if (cursor.item === "reports" && cursor.stage === "reporting") {
      const speaking = current?.unit ?? "当前单位";
      if (!window.confirm(`${speaking}正在述职。切换到${entry.unit}将结束其计时并记为已述职。确定切换吗？`)) return;
    }
    run({ type: "speaker.open", speakerId: entry.id });
  }

  const version = snapshot?.version;
  useEffect(() => {
    const pending = pendingFocus.current;
    pendingFocus.current = null;
    if (!pending || Date.now() > pending.until) return;
    const frame = requestAnimationFrame(() => placeFocusAfter(pending.cmd, pending.before));
    return () => cancelAnimationFrame(frame);
  }, [version]);

  useChairKeys({
    startPause,
    next: () => run({ type: "agenda.next" }),
    previous: () => run({ type: "agenda.previous" }),
    addMinute: () => run({ type: "timer.adjust", deltaMs: ONE_MINUTE_MS }, "时限已加 1 分钟"),
    removeMinute: () => run({ type: "timer.adjust", deltaMs: -ONE_MINUTE_MS }, "时限已减 1 分钟"),
    newComment,
    showKeys: () => setKeysOpen(true),
  });

  if (live.connection === "refused") {
    return <TokenForm message={`${live.refusal ?? "连接被拒绝。"} 请粘贴正确的主持人口令。`} onToken={onNewToken} />;
  }
  if (!snapshot) return <Splash text={live.connection === "offline" ? "无法连接服务器，正在重试…" : "正在连接会议…"} />;

  const connection = CONNECTION_LABEL[live.connection];
  // The 点评 pad is for a unit: during items 2 and 3 (or before the meeting) it gives its room to
  // the middle, unless the chair picked a unit in the queue or 点评 are still waiting to be sent.
  const unsent = comments.entries.some((e) => e.state === "offline" || e.state === "error");
  const showPad = padSpeaker !== null || unsent;

  return (
    <div data-meeting-version={snapshot.version} className="flex h-screen flex-col bg-slate-100 text-slate-900">
      <a
        href="#chair-stage"
        data-testid="chair-skip"
        onClick={(event) => {
          event.preventDefault();
          focusMainControl();
        }}
        className="sr-only z-50 rounded bg-slate-900 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:px-4 focus:py-2"
      >
        跳到主控按钮（开始 / 下一步）
      </a>
      <header className="flex h-12 shrink-0 items-center gap-4 border-b border-slate-200 bg-white pr-4">
        <div className="h-full w-1.5 bg-banner" aria-hidden />
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-sm font-semibold">{snapshot.meeting.title}</h1>
          <p className="truncate text-sm text-slate-600">
            {[snapshot.meeting.date, snapshot.meeting.venue, "主持人控制台"].filter((part) => part.trim() !== "").join(" · ")}
          </p>
        </div>
        <span className="tabular text-sm text-slate-600" title="会议状态版本，每次变更加一">
          v{snapshot.version}
        </span>
        <span data-testid="chair-connection" data-state={live.connection} className={`rounded px-2 py-0.5 text-sm ${connection.style}`}>
          {connection.text}
        </span>
        <ProjectorButton meetingId={meetingId} token={token} onMessage={show} />
        <Link href="/chair" className="text-sm text-slate-600 hover:text-slate-900">
          会议列表
        </Link>
      </header>

      {guessing.alert && <GuessingAlertBanner alert={guessing.alert} onClose={guessing.dismiss} />}
      {(stale || live.connection === "offline") && (
        <p className="order-2 shrink-0 border-b border-amber-300 bg-amber-50 px-4 py-1.5 text-sm text-amber-900">
          与服务器的连接已断开，正在重连。{stale ? "显示的是本机保存的上次会议状态；" : ""}
          会议操作暂不可用，点评可继续输入，已暂存本机，连接恢复后自动补发。
        </p>
      )}

      {/* DOM order main → queue → pad (the grid places them), so Tab reaches the stage first;
          the device bar (在线设备, 设备检查, 彩排) comes after them in Tab order, shown above them. */}
      <div
        data-testid="chair-columns"
        className={`order-3 grid min-h-0 flex-1 grid-rows-1 ${
          showPad ? "grid-cols-[14rem_minmax(0,1fr)_20rem] xl:grid-cols-[18rem_minmax(0,1fr)_28rem]" : "grid-cols-[14rem_minmax(0,1fr)] xl:grid-cols-[18rem_minmax(0,1fr)]"
        }`}
      >
        <main id="chair-stage" tabIndex={-1} className="col-start-2 row-start-1 min-h-0 overflow-y-auto p-4 outline-none">
          <StageView
            snapshot={snapshot}
            serverNow={live.serverNow}
            run={run}
            onStartPause={startPause}
            socket={live.socket}
            command={live.command}
          />
          {snapshot.live.cursor.item === "closed" && !snapshot.live.rehearsal && <RecordsPanel meetingId={meetingId} token={token} />}
        </main>
        <aside aria-label="议程与述职名单" className="col-start-1 row-start-1 min-h-0 overflow-y-auto border-r border-slate-200 bg-slate-50">
          <AgendaRail snapshot={snapshot} onGoto={(item) => run({ type: "agenda.goto", item })} />
          <SpeakerQueue
            snapshot={snapshot}
            padSpeakerId={padSpeaker?.id ?? null}
            commentCounts={commentCounts}
            onOpen={openSpeaker}
            onSkip={(e) => run({ type: "speaker.skip", speakerId: e.id }, `已跳过：${e.unit}（点该行可重新打开）`)}
            onMoveLater={(e) => run({ type: "speaker.moveLater", speakerId: e.id }, `已后移：${e.unit}`)}
            onShowComments={(e) => setPinnedId(e.id === current?.id ? null : e.id)}
          />
        </aside>
        {showPad && (
        <aside aria-label="点评" id="comment-pad" data-keys="own" className="col-start-3 row-start-1 min-h-0 border-l border-slate-200 bg-slate-50">
          <CommentPad
            speaker={padSpeaker}
            isCurrent={padSpeaker !== null && padSpeaker.id === current?.id}
            pinned={pinned}
            comments={comments}
            focusId={focusId}
            onFocused={clearFocus}
            onNew={newComment}
            onFollowCurrent={() => setPinnedId(null)}
            carried={padSpeaker && carried ? { title: carried.title, items: carriedForUnit(carried, padSpeaker.unit) } : undefined}
          />
        </aside>
        )}
      </div>

      <div className="order-1 shrink-0">
        <HallCheck snapshot={snapshot} socket={live.socket} onMessage={show} />
      </div>

      <footer className="order-4 flex h-9 shrink-0 items-center gap-4 border-t border-slate-200 bg-white px-4">
        <ul aria-label="快捷键" data-testid="chair-keys" className="flex shrink-0 items-center gap-3 text-sm text-slate-600">
          {KEY_LEGEND_SHORT.map(({ keys, label }) => (
            <li key={label} className="flex items-center gap-1">
              {keys.map((k) => (
                <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1 font-sans text-slate-800">
                  {k}
                </kbd>
              ))}
              <span>{label}</span>
            </li>
          ))}
        </ul>
        <StatusLine message={status.message} onClose={status.clear} />
      </footer>
      <KeysDialog open={keysOpen} onClose={() => setKeysOpen(false)} />
    </div>
  );
}

/** The primary control of the stage now: 开始/暂停 while a speaker is timed, else 下一步. */
function focusMainControl(): boolean {
  for (const id of ["chair-start-pause", "chair-next", "chair-previous"]) {
    const button = document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);
    if (button && !button.disabled) {
      button.focus();
      return true;
    }
  }
  document.getElementById("chair-stage")?.focus();
  return false;
}

/**
 * Where focus goes once a command's new state is on screen. After 结束述职 the chair writes
 * the 点评: the pad's last entry, or its 新增点评 button. A focused control the command
 * disabled or removed (开始 after the end, a queue row that moved) would leave focus on the
 * page body; the stage's primary control takes it instead. Focus the chair placed elsewhere
 * (or none, for a shortcut pressed on the page) stays where it is.
 */
function placeFocusAfter(cmd: MeetingCommand, focusedBefore: Element | null): void {
  if (cmd.type === "timer.end") {
    const pad = document.getElementById("comment-pad");
    const entries = pad?.querySelectorAll<HTMLTextAreaElement>('[data-testid="comment-text"]');
    const target = entries && entries.length > 0 ? entries[entries.length - 1] : pad?.querySelector<HTMLButtonElement>('[data-testid="comment-new"]:not(:disabled)');
    if (target) {
      target.focus();
      return;
    }
  }
  const now = document.activeElement;
  const lost = now === null || now === document.body || (now instanceof HTMLButtonElement && now.disabled);
  const hadFocus = focusedBefore !== null && focusedBefore !== document.body;
  if (lost && hadFocus) focusMainControl();
}

/** `?`: every shortcut, in a modal dialog (Esc or 关闭 closes it and focus goes back). */
function KeysDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      data-testid="chair-keys-dialog"
      aria-labelledby="chair-keys-title"
      onClose={onClose}
      className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-lg bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-950/50"
    >
      <h2 id="chair-keys-title" className="text-lg font-semibold">
        快捷键
      </h2>
      <p className="mt-1 text-sm text-slate-600">焦点在按钮、链接、输入框或点评上时，单键快捷键不起作用：空格和回车按下当前按钮。</p>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        {KEY_LEGEND.map(({ keys, label }) => (
          <div key={label} className="contents">
            <dt className="flex gap-1">
              {keys.map((k) => (
                <kbd key={k} className="rounded border border-slate-300 bg-slate-50 px-1.5 font-sans text-slate-800">
                  {k}
                </kbd>
              ))}
            </dt>
            <dd>{label}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-4 text-right">
        <button type="submit" autoFocus className="min-h-9 rounded bg-slate-900 px-4 text-sm font-medium text-white hover:bg-slate-700">
          关闭
        </button>
      </form>
    </dialog>
  );
}

/** "以下 2 个单位尚未点评：区财政局党组（待点评）、…" — what the chair confirms before leaving item 1. */
function leaveItemOneQuestion(snapshot: MeetingSnapshot, left: RosterView[]): string {
  const names = left.map((entry) => `${entry.unit}（${speakerStatus(entry, snapshot.live).label}）`).join("、");
  return `以下 ${left.length} 个单位尚未述职或点评：\n${names}\n\n仍要结束第一项议程吗？之后可在左侧名单中点击该单位回到它。`;
}
