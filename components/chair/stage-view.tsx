"use client";
// The middle of the console: where the meeting stands and what the chair controls there.
// Item 1 shows the speaker and the timer; item 2 the 民主测评 panel; item 3 the closing points.
import type { MeetingCommand } from "@/server/domain/commands";
import { CLOSING_SECTION_LABEL, closingPointLabel } from "@/components/display/hall-labels";
import { AGENDA_NUMBERS, closingSectionOf, hallState, type MeetingSnapshot, type RosterView, type SpeakerSummary } from "@/server/domain/snapshot";
import type { LiveMeeting } from "@/components/realtime/use-meeting";
import { ChairVotingPanel } from "@/components/voting/chair-voting-panel";
import { currentSpeaker, nextStepHint, previousStepHint, speakerStatus } from "./chair-view";
import { TimerPanel } from "./timer-panel";

interface StageProps {
  snapshot: MeetingSnapshot;
  serverNow: () => number;
  run: (command: MeetingCommand) => void;
  onStartPause: () => void;
  socket: LiveMeeting["socket"];
  command: LiveMeeting["command"];
}

export function StageView(props: StageProps) {
  const { snapshot, serverNow } = props;
  const hall = hallState(snapshot, serverNow());
  const cursor = snapshot.live.cursor;
  return (
    <div className="flex flex-col gap-3">
      <StepBar snapshot={snapshot} run={props.run} itemTitle={hall.item.title} />
      {cursor.item === "pending" && <PendingStage snapshot={snapshot} first={hall.next} />}
      {cursor.item === "reports" && <ReportsStage {...props} next={hall.next} />}
      {cursor.item === "evaluation" && <EvaluationStage snapshot={snapshot} />}
      {/* Voting may stay open while the chair moves on to item 3: the panel stays too. */}
      {(cursor.item === "evaluation" || snapshot.live.voting.status === "open") && (
        <ChairVotingPanel snapshot={snapshot} socket={props.socket} command={props.command} />
      )}
      {cursor.item === "closing" && <ClosingStage snapshot={snapshot} point={cursor.point} />}
      {cursor.item === "closed" && <ClosedStage snapshot={snapshot} />}
    </div>
  );
}

function StepBar({ snapshot, run, itemTitle }: { snapshot: MeetingSnapshot; run: (c: MeetingCommand) => void; itemTitle: string }) {
  const cursor = snapshot.live.cursor;
  const key = cursor.item === "pending" || cursor.item === "closed" ? null : cursor.item;
  const previous = previousStepHint(snapshot);
  const next = nextStepHint(snapshot);
  return (
    // Nothing here is truncated: a long title or unit wraps onto a second line instead.
    // In a narrow middle column (a small laptop) the title sits above the two buttons.
    <div className="grid grid-cols-2 items-stretch gap-2 xl:grid-cols-[minmax(0,14rem)_minmax(10rem,1fr)_minmax(0,14rem)] 2xl:grid-cols-[minmax(0,20rem)_minmax(10rem,1fr)_minmax(0,20rem)]">
      <button
        type="button"
        data-testid="chair-previous"
        disabled={!previous.enabled}
        onClick={() => run({ type: "agenda.previous" })}
        className="flex items-center gap-2 rounded border border-slate-300 bg-white px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-50 disabled:border-slate-200 disabled:bg-slate-50 disabled:text-slate-600"
      >
        <kbd className="shrink-0 rounded border border-slate-300 px-1 text-slate-600">←</kbd>
        <span className="min-w-0 break-words">{previous.label}</span>
      </button>
      <div className="col-span-2 row-start-1 flex min-w-0 flex-col justify-center px-2 text-center xl:col-span-1 xl:col-start-2">
        <span className="text-sm text-slate-600">{key ? `第${AGENDA_NUMBERS[key]}项议程` : "议程"}</span>
        <span data-testid="chair-item" className="text-base leading-snug font-semibold text-balance text-slate-900">
          {itemTitle}
        </span>
      </div>
      <button
        type="button"
        data-testid="chair-next"
        disabled={!next.enabled}
        onClick={() => run({ type: "agenda.next" })}
        className="flex items-center justify-end gap-2 rounded border border-slate-900 bg-slate-900 px-3 py-2 text-right text-sm text-white hover:bg-slate-700 disabled:border-slate-300 disabled:bg-slate-200 disabled:text-slate-600"
      >
        <span className="min-w-0 break-words">{next.label}</span>
        <kbd className="shrink-0 rounded border border-slate-500 px-1">→</kbd>
      </button>
    </div>
  );
}

function Card({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return <section className={`rounded-lg border border-slate-200 bg-white p-4 ${className}`}>{children}</section>;
}

function NextLine({ next, label = "下一位" }: { next: SpeakerSummary | null; label?: string }) {
  return (
    <p data-testid="chair-next-speaker" className="text-sm text-slate-600">
      <span className="mr-2 text-sm text-slate-600">{label}</span>
      {next ? (
        <>
          <span className="font-medium text-slate-800">{next.unit}</span> {next.name}
          {next.title}
          {next.mode === "written" && <span className="ml-2 text-sm text-slate-600">书面述职</span>}
        </>
      ) : (
        <span className="text-slate-600">无（述职结束后进入民主测评）</span>
      )}
    </p>
  );
}

/** 述职进度 at a glance: how many have reported, and how many ran over time. */
function Progress({ snapshot }: { snapshot: MeetingSnapshot }) {
  const { roster, live } = snapshot;
  const count = (mode: RosterView["mode"]) => {
    const group = roster.filter((e) => e.mode === mode);
    return { total: group.length, done: group.filter((e) => live.records[e.id]?.status === "done").length };
  };
  const onsite = count("onsite");
  const written = count("written");
  const skipped = roster.filter((e) => live.records[e.id]?.status === "skipped").length;
  const overtime = roster.filter((e) => (live.records[e.id]?.overtimeMs ?? 0) > 0).length;
  return (
    <p className="mt-1 text-sm text-slate-600">
      <span className="mr-2 text-slate-600">进度</span>
      现场述职 {onsite.done}/{onsite.total} · 书面述职 {written.done}/{written.total}
      {skipped > 0 && ` · 跳过 ${skipped}`}
      {overtime > 0 && <span className="text-red-700"> · 超时 {overtime}</span>}
    </p>
  );
}

function PendingStage({ snapshot, first }: { snapshot: MeetingSnapshot; first: SpeakerSummary | null }) {
  const { meeting } = snapshot;
  return (
    <Card>
      <h2 className="text-lg font-semibold">{meeting.title}</h2>
      <dl className="mt-3 grid grid-cols-[5rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-600">时间</dt>
        <dd>{meeting.date}</dd>
        <dt className="text-slate-600">地点</dt>
        <dd>{meeting.venue}</dd>
        <dt className="text-slate-600">主持</dt>
        <dd>{meeting.chairName}</dd>
        {meeting.guests && (
          <>
            <dt className="text-slate-600">到会指导</dt>
            <dd>{meeting.guests}</dd>
          </>
        )}
      </dl>
      <ol className="mt-4 space-y-1 text-sm text-slate-700">
        <li>一、{meeting.agenda.reports.title}</li>
        <li>二、{meeting.agenda.evaluation.title}</li>
        <li>三、{meeting.agenda.closing.title}</li>
      </ol>
      <div className="mt-4 border-t border-slate-100 pt-3">
        <NextLine next={first} label="首先述职" />
        <p className="mt-2 text-sm text-slate-600">
          按 <kbd className="rounded border border-slate-300 px-1">→</kbd> 开始第一项议程。
        </p>
      </div>
    </Card>
  );
}

function SpeakerCard({ speaker, snapshot }: { speaker: RosterView; snapshot: MeetingSnapshot }) {
  const status = speakerStatus(speaker, snapshot.live);
  const onsite = speaker.mode === "onsite";
  return (
    <div className="flex items-start justify-between gap-4">
      <div data-testid="chair-current-speaker" className="min-w-0">
        <p className="text-sm text-slate-600">{onsite ? "现场述职" : "书面述职"}</p>
        <p className="truncate text-2xl font-semibold text-slate-900">{speaker.unit}</p>
        <p className="text-base text-slate-700">
          {speaker.name}
          {speaker.title}
        </p>
      </div>
      <span className="shrink-0 rounded bg-slate-100 px-2 py-1 text-sm text-slate-700">
        {status.label}
        {status.detail && <span className={`ml-2 tabular ${status.overtime ? "text-red-700" : "text-slate-600"}`}>{status.detail}</span>}
      </span>
    </div>
  );
}

function ReportsStage({ snapshot, serverNow, run, onStartPause, next }: StageProps & { next: SpeakerSummary | null }) {
  const speaker = currentSpeaker(snapshot);
  if (!speaker) {
    return (
      <Card>
        <p className="text-sm text-slate-600">当前单位已不在名单中；请在左侧名单选择单位。</p>
      </Card>
    );
  }
  return (
    <>
      <Card>
        <SpeakerCard speaker={speaker} snapshot={snapshot} />
      </Card>
      {speaker.mode === "onsite" ? (
        <TimerPanel snapshot={snapshot} serverNow={serverNow} run={run} onStartPause={onStartPause} />
      ) : (
        <Card>
          <h3 className="text-sm font-medium text-slate-600">书面述职材料 · 不计时</h3>
          <p className="mt-2 max-h-80 overflow-auto text-sm leading-7 whitespace-pre-wrap text-slate-800">
            {speaker.reportText || "（未提供书面材料）"}
          </p>
        </Card>
      )}
      <Card className="py-3">
        <NextLine next={next} />
        <Progress snapshot={snapshot} />
      </Card>
    </>
  );
}

function EvaluationStage({ snapshot }: { snapshot: MeetingSnapshot }) {
  const { meeting, roster, live } = snapshot;
  const done = roster.filter((e) => live.records[e.id]?.status === "done").length;
  const skipped = roster.filter((e) => live.records[e.id]?.status === "skipped").length;
  return (
    <Card>
      <h2 className="text-lg font-semibold">{meeting.agenda.evaluation.title}</h2>
      <p className="mt-2 text-sm leading-7 text-slate-700">{meeting.agenda.evaluation.text}</p>
      <p className="mt-3 text-sm text-slate-600">
        测评对象 {roster.length} 个单位（现场述职 {roster.filter((e) => e.mode === "onsite").length}、书面述职{" "}
        {roster.filter((e) => e.mode === "written").length}）；已述职/点评 {done}
        {skipped > 0 && `，已跳过 ${skipped}`}。
      </p>
    </Card>
  );
}

function ClosingStage({ snapshot, point }: { snapshot: MeetingSnapshot; point: number }) {
  const { meeting } = snapshot;
  const points = meeting.closingPoints;
  return (
    <Card>
      <h2 className="text-lg font-semibold">{meeting.agenda.closing.title}</h2>
      {meeting.agenda.closing.text && <p className="mt-1 text-sm text-slate-600">{meeting.agenda.closing.text}</p>}
      <ol className="mt-3 space-y-1" data-testid="chair-closing-points">
        {points.map((p, i) => {
          const current = i === point;
          const section = closingSectionOf(p);
          const startsSection = i === 0 || closingSectionOf(points[i - 1]) !== section;
          return (
            <li key={i} aria-current={current ? "step" : undefined}>
              {startsSection && <p className="mt-2 mb-1 text-sm font-medium text-slate-600">{CLOSING_SECTION_LABEL[section]}</p>}
              <div className={`rounded border-l-4 px-3 py-2 ${current ? "border-red-700 bg-red-50" : "border-transparent text-slate-600"}`}>
                <p className={`text-sm ${current ? "font-semibold text-slate-900" : ""}`}>{closingPointLabel(points, i)}</p>
                {current && p.body && <p className="mt-1 text-sm leading-7 text-slate-700">{p.body}</p>}
              </div>
            </li>
          );
        })}
      </ol>
      {points.length === 0 && <p className="mt-3 text-sm text-slate-600">未设置讲话要点。</p>}
      <p className="mt-3 text-sm text-slate-600">
        <kbd className="rounded border border-slate-300 px-1">→</kbd> 下一要点 · 讲完最后一点后按 → 结束会议。
      </p>
    </Card>
  );
}

function ClosedStage({ snapshot }: { snapshot: MeetingSnapshot }) {
  return (
    <Card>
      <h2 className="text-lg font-semibold">会议结束</h2>
      <p className="mt-2 text-sm text-slate-600">
        {snapshot.meeting.title}已结束。会后请对点评中提出的问题和建议认真梳理，抓好整改落实。按 ← 可回到书记讲话。
      </p>
    </Card>
  );
}
