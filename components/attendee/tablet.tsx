"use client";
// The attendee's tablet: a live header (current item, speaker, time left) over one thing
// at a time, either the list of reports or one opened report. The open report lives in
// the URL (?report=<id>), so the tablet's own back gesture closes it and a reload keeps it.
// The tablet follows the chair by itself: to the ballot when 民主测评 opens, to 测评已结束
// when it closes, back to the agenda when the meeting moves on; the seat comes from the
// desk card's link (?seat=<code>).
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { agendaItemLabel, closingPointLabel, formatMeetingDate, speakerLabel } from "@/components/display/hall-labels";
import { DeviceCheckSign, RehearsalMark, useDeviceCheck } from "@/components/realtime/hall-signs";
import { useMeeting, useTicker } from "@/components/realtime/use-meeting";
import { countdownAt, PHASE_BAR, PHASE_TEXT } from "@/components/timer/countdown";
import { hallState, type HallState, type MeetingSnapshot } from "@/server/domain/snapshot";
import { formatDuration } from "@/server/domain/timer";
import { isMeetingCode } from "./meeting-code";
import { ReportList } from "./report-list";
import { useCarriedOver } from "@/components/records/use-carried-over";
import { changeLocation, useLocationSearch } from "@/components/realtime/location-search";
import { ReportReader } from "./report-reader";
import { TextSizeButton, useTextScale } from "./text-size";
import { useBallot, type Ballot } from "./use-ballot";

/** Half a second is plenty at arm's length and spares the tablet's battery. */
const TICK_MS = 500;
const REPORT_PARAM = "report";
const SEAT_PARAM = "seat";

// The ballot's code (≈ 6 KB gzip) is fetched when the meeting reaches 民主测评, not with the
// page: every tablet in the hall downloads the page over the same Wi-Fi, and for most of
// the meeting it follows the agenda. A tablet opened while voting is open fetches it at once.
const loadVotingView = () => import("./voting-view");
const VotingView = lazy(() => loadVotingView().then((module) => ({ default: module.VotingView })));

/** `search`: the query the page was rendered with (?report=…, ?seat=…). */
export function Tablet({ code, search }: { code: string; search: string }) {
  const valid = isMeetingCode(code);
  const { snapshot, connection, refusal, serverNow, socket } = useMeeting(valid ? { role: "attendee", code } : null);
  useTicker(TICK_MS);

  const params = useLocationSearch(search);
  const openId = params.get(REPORT_PARAM);
  const carried = useCarriedOver(snapshot?.meeting.id ?? null, useMemo(() => (valid ? { code } : null), [valid, code]));
  const ballot = useBallot({ code, seatFromUrl: params.get(SEAT_PARAM), snapshot, socket, connection });
  const view = useFollowedView(followedView(snapshot, ballot), snapshot?.live.voting.status ?? null);
  const deviceCheck = useDeviceCheck(socket);
  const { scale: textScale } = useTextScale();
  const openedHere = useRef(false);
  const listScroll = useRef(0);

  useEffect(() => {
    window.scrollTo(0, openId === null ? listScroll.current : 0);
  }, [openId]);

  const votingNear = snapshot !== null && (snapshot.live.cursor.item === "evaluation" || snapshot.live.voting.status !== "idle");
  useEffect(() => {
    if (votingNear) void loadVotingView();
  }, [votingNear]);

  // A report's frame adds history entries of its own (each 目录 jump is one), so 返回 goes
  // back to the list's entry itself rather than one step, which would only undo a jump.
  const listEntry = useRef<{ key: string | null; length: number }>({ key: null, length: 0 });
  const openReport = (speakerId: string) => {
    listScroll.current = window.scrollY;
    openedHere.current = true;
    const before = navigationApi()?.currentEntry?.key ?? null;
    changeLocation(`?${REPORT_PARAM}=${encodeURIComponent(speakerId)}`);
    listEntry.current = { key: before, length: window.history.length };
  };
  const closeReport = () => {
    if (openedHere.current) {
      openedHere.current = false;
      const navigation = navigationApi();
      const { key, length } = listEntry.current;
      const stepBack = () => window.history.go(-(1 + Math.max(0, window.history.length - length)));
      // InvalidStateError: the list's entry is gone (the tablet's history was cleared meanwhile).
      if (navigation && key) navigation.traverseTo(key).finished.catch((error: unknown) => error instanceof DOMException && error.name === "InvalidStateError" && stepBack());
      else stepBack();
    } else {
      changeLocation(window.location.pathname, { replace: true });
    }
  };

  if (!valid) return <WrongCode code={code} message="会议码应为 6 位数字。" />;
  if (connection === "refused") return <WrongCode code={code} message={refusal ?? "会议码不正确。"} />;
  if (!snapshot) {
    return (
      <CenteredMessage>
        <h1 className="text-3xl font-bold text-slate-800">正在连接会议…</h1>
        {connection === "offline" && <p className="text-xl text-slate-600">暂时连不上服务器，正在重试。请确认平板已连接会场无线网络。</p>}
      </CenteredMessage>
    );
  }

  const votingStatus = snapshot.live.voting.status;
  // The 彩排 mark sits in each view's header (sticky here, fixed above the ballot), so it never scrolls away.
  const signs = <DeviceCheckSign check={deviceCheck} />;
  if (view.current === "voting" && votingStatus !== "idle") {
    return (
      <>
        {signs}
        <Suspense fallback={<CenteredMessage><p className="text-2xl text-slate-700">正在打开测评票…</p></CenteredMessage>}>
          <VotingView snapshot={snapshot} ballot={ballot} online={connection === "online"} onShowAgenda={() => view.show("agenda")} />
        </Suspense>
      </>
    );
  }

  const hall = hallState(snapshot, serverNow());
  const openEntry = openId === null ? undefined : snapshot.roster.find((entry) => entry.id === openId);

  return (
    <div data-meeting-version={snapshot.version} className="min-h-dvh bg-slate-100">
      {signs}
      <LiveHeader snapshot={snapshot} hall={hall} now={hall.timer.computedAt} online={connection === "online"} />
      <main className="mx-auto max-w-4xl px-4 py-6 sm:px-6">
        <VotingBanner snapshot={snapshot} ballot={ballot} onShowBallot={() => view.show("voting")} />
        {openEntry ? (
          <ReportReader code={code} entry={openEntry} snapshot={snapshot} onBack={closeReport} textScale={textScale / 100} />
        ) : (
          <ReportList snapshot={snapshot} onOpen={openReport} carried={carried} />
        )}
      </main>
    </div>
  );
}

/** The Navigation API (Chromium, recent Safari and Firefox), which TypeScript's DOM types do not describe yet. */
interface NavigationApi {
  currentEntry: { key: string } | null;
  traverseTo(key: string): { finished: Promise<unknown> };
}

function navigationApi(): NavigationApi | undefined {
  return (window as Window & { navigation?: NavigationApi }).navigation;
}

type TabletView = "agenda" | "voting";

/**
 * Where the chair has the meeting, for this tablet: the ballot while voting is open (until
 * this seat's ballot counted and the meeting moved past item 2), 测评已结束 while the meeting
 * is still in item 2 after the close, and the agenda everywhere else.
 */
function followedView(snapshot: MeetingSnapshot | null, ballot: Ballot): TabletView | null {
  if (!snapshot) return null;
  const { status } = snapshot.live.voting;
  const inItem2 = snapshot.live.cursor.item === "evaluation";
  const counted = ballot.phase === "counted" || ballot.phase === "used-elsewhere";
  if (status === "open") return counted && !inItem2 ? "agenda" : "voting";
  if (status === "closed") return inItem2 ? "voting" : "agenda";
  return "agenda";
}

/**
 * Agenda or 民主测评: the tablet follows the chair by itself whenever where it should be
 * changes — opening voting brings it to the ballot, the chair moving on after the close
 * brings it back to the agenda — and between changes the attendee may step either way.
 */
function useFollowedView(target: TabletView | null, status: "idle" | "open" | "closed" | null): { current: TabletView; show: (view: TabletView) => void } {
  const [current, setCurrent] = useState<TabletView>("agenda");
  const seen = useRef<TabletView | null>(null);
  useEffect(() => {
    if (target === null) return;
    const before = seen.current;
    seen.current = target;
    // Joining after the close starts on the agenda; the 测评已结束 card is for those who were voting.
    if (before === null) setCurrent(status === "closed" ? "agenda" : target);
    else if (before !== target) setCurrent(target);
  }, [target, status]);
  return { current, show: setCurrent };
}

/** Above the agenda: the way back to the ballot while voting is open, or that it has counted. */
function VotingBanner({ snapshot, ballot, onShowBallot }: { snapshot: MeetingSnapshot; ballot: Ballot; onShowBallot: () => void }) {
  const { status } = snapshot.live.voting;
  const counted = ballot.phase === "counted" || ballot.phase === "used-elsewhere";
  if (status === "idle") {
    if (snapshot.live.cursor.item !== "evaluation") return null;
    return (
      <p data-testid="tablet-voting-soon" className="mb-6 rounded-2xl bg-white px-5 py-4 text-xl text-slate-700 shadow-sm ring-1 ring-slate-200">
        民主测评即将开始：主持人宣布开始后，测评票将自动显示在本平板上。
        {ballot.seatLabel && <span className="ml-2 text-slate-600">（座位 {ballot.seatLabel}）</span>}
      </p>
    );
  }
  if (status === "closed") {
    return (
      <p data-testid="tablet-voting-closed" className="mb-6 rounded-2xl bg-slate-200 px-5 py-4 text-xl text-slate-700">
        民主测评已结束{counted ? "，本座位的测评票已计入。" : "。"}
      </p>
    );
  }
  if (counted) {
    return (
      <p data-testid="tablet-voting-counted" className="mb-6 rounded-2xl bg-emerald-50 px-5 py-4 text-xl font-medium text-emerald-900 ring-1 ring-emerald-200">
        ✓ 您的测评票已提交，已计入。
      </p>
    );
  }
  return (
    <div className="mb-6 flex items-center gap-4 rounded-2xl bg-red-50 px-5 py-4 ring-2 ring-red-600">
      <p className="min-w-0 flex-1 text-xl font-bold text-red-900">民主测评进行中，请填写测评票。</p>
      <button
        type="button"
        data-testid="tablet-open-ballot"
        onClick={onShowBallot}
        className="min-h-14 shrink-0 rounded-xl bg-red-700 px-6 text-xl font-bold text-white shadow active:bg-red-800"
      >
        填写测评票
      </button>
    </div>
  );
}

function LiveHeader({ snapshot, hall, now, online }: { snapshot: MeetingSnapshot; hall: HallState; now: number; online: boolean }) {
  const key = hall.item.key;
  const speaker = hall.speaker;
  const timed = key === "reports" && speaker?.mode === "onsite" && (hall.stage === "ready" || hall.stage === "reporting");
  const view = timed ? countdownAt(snapshot, now) : null;

  let detail: ReactNode = null;
  if (key === "reports" && speaker) {
    detail = (
      <p data-testid="tablet-speaker" className="text-xl leading-snug font-bold text-white sm:text-2xl">
        {speakerLabel(speaker)}
      </p>
    );
  } else if (key === "closing" && hall.closingPoint) {
    detail = <p className="text-2xl leading-snug font-bold text-white">{closingPointLabel(snapshot.meeting.closingPoints, hall.closingPoint.index)}</p>;
  } else if (key === "pending") {
    const place = [formatMeetingDate(snapshot.meeting.date), snapshot.meeting.venue].filter((p) => p.trim() !== "").join(" · ");
    if (place) detail = <p className="text-xl text-slate-300">{place}</p>;
  }

  return (
    <header className="sticky top-0 z-10 bg-stage text-slate-100 shadow-lg">
      <RehearsalMark rehearsal={snapshot.live.rehearsal} />
      <div className="h-1.5 bg-banner" />
      <div className="mx-auto flex max-w-4xl items-center gap-3 px-4 py-3 sm:gap-4 sm:px-6 sm:py-4">
        <div className="min-w-0 flex-1 space-y-1">
          <div className="flex items-center gap-3">
            <h1 className="min-w-0 flex-1 truncate text-base text-slate-400">{snapshot.meeting.title}</h1>
            {!online && <span className="shrink-0 rounded-full bg-amber-500/20 px-3 py-0.5 text-base text-amber-200 ring-1 ring-amber-400/50">连接中断，正在重连</span>}
            <TextSizeButton />
          </div>
          <p data-testid="tablet-item" className="text-lg text-slate-200 sm:text-xl">
            {key !== "pending" && key !== "closed" && <span className="text-amber-200">{agendaItemLabel(key)} </span>}
            {hall.item.title}
          </p>
          {detail}
          {key === "reports" && speaker && !timed && <SpeakerAside snapshot={snapshot} hall={hall} speakerId={speaker.id} written={speaker.mode === "written"} />}
        </div>
        {view && (
          <div className="shrink-0 text-right">
            <p className="text-base leading-tight">
              {view.phase === "overtime" ? (
                <span className="font-bold text-red-400">时间到</span>
              ) : hall.stage === "ready" ? (
                <span className="text-slate-400">准备</span>
              ) : view.running ? (
                <span className="text-slate-400">剩余时间</span>
              ) : (
                <span className="text-amber-300">暂停</span>
              )}
            </p>
            <p data-testid="tablet-countdown" className={`tabular text-5xl leading-none font-bold sm:text-6xl ${PHASE_TEXT[view.phase]}`}>
              {view.clock}
            </p>
          </div>
        )}
      </div>
      {view && (
        <div className="h-1.5 bg-slate-800">
          <div className={`h-full ${PHASE_BAR[view.phase]}`} style={{ width: `${view.phase === "overtime" ? 100 : view.fraction * 100}%` }} />
        </div>
      )}
    </header>
  );
}

/** Under the speaker during 点评: the time the speech took, or that the report is written. */
function SpeakerAside({ snapshot, hall, speakerId, written }: { snapshot: MeetingSnapshot; hall: HallState; speakerId: string; written: boolean }) {
  if (written) return <p className="text-lg text-slate-300">书面述职 · 点评</p>;
  const spokenMs = snapshot.live.records[speakerId]?.spokenMs ?? hall.timer.elapsedMs;
  return <p className="tabular text-lg text-slate-300">点评 · 述职用时 {formatDuration(spokenMs)}</p>;
}

function CenteredMessage({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-xl flex-col items-center justify-center gap-6 px-6 text-center">
      <div className="fixed top-3 right-3">
        <TextSizeButton tone="light" />
      </div>
      {children}
    </main>
  );
}

function WrongCode({ code, message }: { code: string; message: string }) {
  return (
    <CenteredMessage>
      <h1 className="text-3xl font-bold text-slate-900">无法进入会议</h1>
      <p className="text-xl text-slate-700">
        {message}
        {code && <span className="tabular ml-2 break-all text-slate-600">（{code.slice(0, 20)}）</span>}
      </p>
      <p className="text-lg text-slate-600">请核对会场提供的 6 位会议码后重新输入。</p>
      {/* A plain link: next/link's client code would weigh on every tablet for this one page. */}
      <a
        href="/join"
        className="inline-flex min-h-16 items-center rounded-2xl bg-red-700 px-10 text-2xl font-bold text-white shadow active:bg-red-800"
      >
        重新输入会议码
      </a>
    </CenteredMessage>
  );
}
