"use client";
// What the tablet shows while 民主测评 is open or just closed: the seat code prompt, the
// ballot, or the outcome (已提交，已计入 / 该座位已投票 / 测评已结束). Once a seat's ballot
// has counted, nothing here ever shows the ballot again.
import { RehearsalMark } from "@/components/realtime/hall-signs";
import { useState, type FormEvent, type ReactNode } from "react";
import { agendaNumbers } from "@/components/display/hall-labels";
import type { MeetingSnapshot } from "@/server/domain/snapshot";
import { BallotSheet } from "./ballot-sheet";
import { SEAT_CODE_LENGTH } from "./ballot-storage";
import { TextSizeButton } from "./text-size";
import type { Ballot } from "./use-ballot";

interface Props {
  snapshot: MeetingSnapshot;
  ballot: Ballot;
  online: boolean;
  onShowAgenda: () => void;
}

export function VotingView({ snapshot, ballot, online, onShowAgenda }: Props) {
  const status = snapshot.live.voting.status;
  const { phase } = ballot;
  const speakers = snapshot.roster.filter((entry) => entry.evaluated);

  let body: ReactNode;
  if (status === "closed") {
    body = <ClosedCard ballot={ballot} onShowAgenda={onShowAgenda} />;
  } else if (phase === "counted") {
    body = <CountedCard seatLabel={ballot.seatLabel} onShowAgenda={onShowAgenda} />;
  } else if (phase === "used-elsewhere") {
    body = <UsedElsewhereCard seatLabel={ballot.seatLabel} onShowAgenda={onShowAgenda} />;
  } else if (phase === "no-seat") {
    body = <SeatPrompt error={ballot.seatError} busy={false} onSeat={ballot.enterSeat} onShowAgenda={onShowAgenda} />;
  } else if (phase === "checking" && !ballot.seat) {
    // Checking a code just typed: the prompt stays, so a wrong code can be corrected in place.
    body = <SeatPrompt error={null} busy onSeat={ballot.enterSeat} onShowAgenda={onShowAgenda} />;
  } else if (phase === "checking") {
    body = <Centered testId="ballot-checking" title="正在核对座位…" detail={online ? null : "暂时连不上服务器，正在重试。"} />;
  } else if (phase === "waiting") {
    body = (
      <Centered
        testId="ballot-waiting"
        title="已收到，正在与其他选票一并计入"
        detail="为保护投票秘密，您的选票将与其他几张选票一起计入，谁投了什么无法对应。计入后本页将显示“已计入”，请勿关闭本页面。"
      />
    );
  } else if (phase === "uncertain") {
    body = (
      <Centered
        testId="ballot-uncertain"
        title="正在确认本票是否已计入…"
        detail={online ? "已向服务器核对，请稍候。" : "网络连接中断。连接恢复后将自动核对，请勿离开本页面。"}
      />
    );
  } else {
    return (
      <div data-testid="ballot" data-meeting-version={snapshot.version} className="flex h-dvh flex-col bg-slate-100">
        <BallotHeader snapshot={snapshot} seatLabel={ballot.seatLabel} online={online} onBallot onShowAgenda={onShowAgenda} />
        {(ballot.refusal || ballot.notice) && (
          <p
            role="alert"
            data-testid="ballot-message"
            className={`mx-3 mt-2 shrink-0 rounded-xl px-4 py-2.5 text-lg sm:mx-5 ${
              ballot.refusal ? "bg-red-50 text-red-800 ring-1 ring-red-300" : "bg-amber-50 text-amber-900 ring-1 ring-amber-300"
            }`}
          >
            {ballot.refusal ?? ballot.notice}
          </p>
        )}
        <BallotSheet
          speakers={speakers}
          numbers={agendaNumbers(snapshot.roster)}
          levels={snapshot.meeting.ratingLevels}
          marks={ballot.marks}
          busy={phase === "sending"}
          onMark={ballot.setMark}
          onSubmit={ballot.submit}
        />
      </div>
    );
  }

  return (
    <div data-meeting-version={snapshot.version} className="flex min-h-dvh flex-col bg-slate-100">
      <BallotHeader snapshot={snapshot} seatLabel={ballot.seatLabel} online={online} onShowAgenda={onShowAgenda} />
      <main className="flex flex-1 items-center justify-center px-4 py-8 sm:px-6 sm:py-10">{body}</main>
    </div>
  );
}

function BallotHeader(props: { snapshot: MeetingSnapshot; seatLabel: string | null; online: boolean; onBallot?: boolean; onShowAgenda: () => void }) {
  const { snapshot, seatLabel, online, onBallot = false, onShowAgenda } = props;
  return (
    <header className="shrink-0 bg-stage text-slate-100 shadow-lg">
      <RehearsalMark rehearsal={snapshot.live.rehearsal} />
      <div className="h-1.5 bg-banner" />
      <div className="flex flex-wrap items-center gap-2 px-3 py-2 sm:gap-4 sm:px-6 sm:py-3">
        <div className="min-w-[9rem] flex-1">
          <h1 className="truncate text-base text-slate-300">{snapshot.meeting.title}</h1>
          <p className="text-xl font-bold tracking-wide text-white sm:text-2xl">
            <span className="text-amber-200">第二项议程 </span>
            <span className="whitespace-nowrap">
              民主测评{onBallot && <span className="hidden sm:inline"> · 测评票</span>}
            </span>
          </p>
        </div>
        {!online && <span className="shrink-0 rounded-full bg-amber-500/20 px-2 py-1 text-base text-amber-200 ring-1 ring-amber-400/50 sm:px-3">连接中断，正在重连</span>}
        {seatLabel && (
          <span data-testid="ballot-seat" className="shrink-0 rounded-lg bg-white/10 px-2 py-1.5 text-base whitespace-nowrap text-slate-100 sm:px-3 sm:text-lg">
            座位 <span className="font-bold">{seatLabel}</span>
          </span>
        )}
        <TextSizeButton />
        <button
          type="button"
          data-testid="ballot-show-agenda"
          onClick={onShowAgenda}
          className="min-h-12 shrink-0 rounded-xl px-3 text-base whitespace-nowrap text-slate-100 ring-1 ring-slate-500 active:bg-white/10 sm:px-4 sm:text-lg"
        >
          会议议程
        </button>
      </div>
    </header>
  );
}

function Centered({ title, detail, testId, children }: { title: string; detail: ReactNode; testId?: string; children?: ReactNode }) {
  return (
    <div data-testid={testId} className="flex max-w-2xl flex-col items-center gap-6 text-center">
      <p className="text-3xl leading-snug font-bold text-slate-900 sm:text-4xl">{title}</p>
      {detail && <p className="text-xl leading-relaxed text-slate-600">{detail}</p>}
      {children}
    </div>
  );
}

function AgendaButton({ onShowAgenda }: { onShowAgenda: () => void }) {
  return (
    <button
      type="button"
      onClick={onShowAgenda}
      className="min-h-16 rounded-2xl bg-white px-10 text-2xl font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 active:bg-slate-100"
    >
      查看会议议程
    </button>
  );
}

function CheckMark({ tone }: { tone: "green" | "slate" }) {
  return (
    <span
      aria-hidden
      className={`flex size-28 items-center justify-center rounded-full text-6xl font-bold text-white ${tone === "green" ? "bg-emerald-600" : "bg-slate-500"}`}
    >
      ✓
    </span>
  );
}

function CountedCard({ seatLabel, onShowAgenda }: { seatLabel: string | null; onShowAgenda: () => void }) {
  return (
    <div data-testid="ballot-done" className="flex flex-col items-center gap-6 text-center">
      <CheckMark tone="green" />
      <p className="text-4xl font-bold tracking-wider text-emerald-800 sm:text-5xl">已提交，已计入</p>
      <p className="text-xl text-slate-600">
        {seatLabel ? `座位 ${seatLabel} 的测评票已计入统计。` : "本座位的测评票已计入统计。"}感谢您参加民主测评。
      </p>
      <AgendaButton onShowAgenda={onShowAgenda} />
    </div>
  );
}

function UsedElsewhereCard({ seatLabel, onShowAgenda }: { seatLabel: string | null; onShowAgenda: () => void }) {
  return (
    <div data-testid="ballot-used-elsewhere" className="flex flex-col items-center gap-6 text-center">
      <CheckMark tone="slate" />
      <p className="text-4xl font-bold tracking-wider text-slate-900 sm:text-5xl">该座位已投票</p>
      <p className="max-w-xl text-xl leading-relaxed text-slate-600">
        {seatLabel ? `座位 ${seatLabel}` : "本座位"}的测评票已从其他设备提交并计入。每个座位只能提交一次；如有疑问，请联系会务工作人员。
      </p>
      <AgendaButton onShowAgenda={onShowAgenda} />
    </div>
  );
}

function ClosedCard({ ballot, onShowAgenda }: { ballot: Ballot; onShowAgenda: () => void }) {
  let detail: string;
  if (ballot.phase === "counted" || ballot.phase === "used-elsewhere") detail = "本座位的测评票已计入统计。感谢您参加民主测评。";
  else if (ballot.refusal) detail = ballot.refusal;
  else if (ballot.phase === "uncertain" || ballot.phase === "sending" || ballot.phase === "waiting") detail = "正在确认本票是否已计入…";
  else detail = "投票已截止，测评结果以主持人宣布为准。";
  return (
    <div data-testid="ballot-closed" className="flex max-w-2xl flex-col items-center gap-6 text-center">
      <p className="text-4xl font-bold tracking-wider text-slate-900 sm:text-5xl">测评已结束</p>
      <p data-testid="ballot-closed-detail" className={`text-2xl leading-relaxed ${ballot.refusal ? "text-red-700" : "text-slate-600"}`}>
        {detail}
      </p>
      <AgendaButton onShowAgenda={onShowAgenda} />
    </div>
  );
}

function SeatPrompt(props: { error: string | null; busy: boolean; onSeat: (code: string) => void; onShowAgenda: () => void }) {
  const { error, busy, onSeat, onShowAgenda } = props;
  const [value, setValue] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSeat(value);
  };
  return (
    <form onSubmit={submit} data-testid="seat-prompt" className="flex w-full max-w-xl flex-col gap-6 text-center">
      <h2 className="text-4xl font-bold text-slate-900">请输入座位码</h2>
      <p className="text-xl leading-relaxed text-slate-600">
        座位码印在桌面座位卡上，为 {SEAT_CODE_LENGTH} 位字母或数字（不区分大小写）。扫描座位卡二维码可自动填入。
      </p>
      <label htmlFor="seat-code" className="sr-only">
        座位码
      </label>
      <input
        id="seat-code"
        data-testid="seat-input"
        value={value}
        onChange={(e) => setValue(e.target.value.toUpperCase())}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        enterKeyHint="go"
        maxLength={SEAT_CODE_LENGTH + 4}
        placeholder="XXXXXXXX"
        aria-invalid={error !== null}
        aria-describedby={error ? "seat-code-error" : undefined}
        className={`tabular h-24 w-full rounded-2xl bg-white pl-[0.25em] text-center font-mono text-4xl font-bold tracking-[0.2em] sm:text-5xl sm:tracking-[0.25em] text-slate-900 shadow-sm ring-2 outline-none placeholder:text-slate-200 focus:ring-4 ${
          error ? "ring-red-500" : "ring-slate-300 focus:ring-red-700"
        }`}
      />
      {error && (
        <p id="seat-code-error" role="alert" data-testid="seat-error" className="text-xl text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        data-testid="seat-submit"
        disabled={busy}
        className="min-h-20 rounded-2xl bg-red-700 text-3xl font-bold tracking-widest text-white shadow active:bg-red-800 disabled:bg-slate-400"
      >
        {busy ? "正在核对…" : "确认座位"}
      </button>
      <button type="button" onClick={onShowAgenda} className="min-h-12 text-xl text-slate-700 underline underline-offset-4">
        暂不投票，查看会议议程
      </button>
    </form>
  );
}
