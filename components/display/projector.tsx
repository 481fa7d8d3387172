"use client";
// The hall projector: a red 会标 banner with the meeting title over a dark stage that
// follows the agenda. The countdown is computed from the server's timestamps, so when the
// connection drops the screen keeps counting from the last snapshot and only flags it.
import { useEffect, useState, type ReactNode } from "react";
import { tokenFromLocation } from "@/components/realtime/stored-token";
import { DeviceCheckSign, RehearsalMark, useDeviceCheck } from "@/components/realtime/hall-signs";
import { useMeeting, useTicker, type ConnectionState } from "@/components/realtime/use-meeting";
import { useVotingProgress } from "@/components/voting/use-voting-progress";
import { FullscreenButton, usePointerIdle } from "./fullscreen-button";
import { ProjectorStage } from "./projector-screens";

/** Redraw interval: fast enough that the seconds never visibly lag. */
const TICK_MS = 200;
const FALLBACK_TITLE = "述职评议会";

export function Projector({ meetingId }: { meetingId: string }) {
  // undefined until read in the browser; null when the link carried no token.
  const [token, setToken] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    setToken(tokenFromLocation(`debrief:display:${meetingId}`));
  }, [meetingId]);

  const { snapshot, connection, refusal, serverNow, socket } = useMeeting(token ? { role: "display", meetingId, token } : null);
  const progress = useVotingProgress(snapshot, socket);
  useTicker(TICK_MS);
  const pointerIdle = usePointerIdle();
  const deviceCheck = useDeviceCheck(socket);

  let stage: ReactNode;
  if (token === null) {
    stage = <Notice title="缺少投影口令" detail="请使用服务器启动时打印的投影链接（/display/…#token=…）打开本页。" />;
  } else if (connection === "refused") {
    stage = <Notice title="无法显示会议" detail={refusal ?? "服务器拒绝了连接，请使用会议提供的投影链接。"} />;
  } else if (!snapshot) {
    stage = <Notice title="正在连接会议…" detail={connection === "offline" ? "暂时连不上服务器，正在重试。" : null} />;
  } else {
    stage = <ProjectorStage snapshot={snapshot} now={serverNow()} progress={progress ?? snapshot.progress} />;
  }

  return (
    <div
      data-meeting-version={snapshot?.version}
      className={`fixed inset-0 flex flex-col overflow-hidden bg-stage text-slate-100 select-none ${pointerIdle ? "cursor-none" : ""}`}
    >
      <header className="flex h-[13vh] shrink-0 items-center justify-center gap-[2vw] border-b-[0.5vh] border-amber-300/70 bg-gradient-to-b from-red-700 to-banner px-[3vw]">
        <RehearsalMark rehearsal={snapshot?.live.rehearsal} size="hall" />
        <h1
          data-testid="projector-title"
          className="text-center text-[min(6vh,3.3vw)] leading-tight font-bold tracking-wider text-balance text-white"
        >
          {snapshot?.meeting.title ?? FALLBACK_TITLE}
        </h1>
      </header>
      <main className="relative flex min-h-0 flex-1 flex-col">
        {stage}
        {snapshot && connection !== "online" && connection !== "refused" && <StaleBadge connection={connection} />}
      </main>
      <FullscreenButton pointerIdle={pointerIdle} />
      <DeviceCheckSign check={deviceCheck} />
    </div>
  );
}

function StaleBadge({ connection }: { connection: ConnectionState }) {
  return (
    <p
      data-testid="projector-stale"
      className="absolute top-[2.5vh] right-[3vw] flex items-center gap-[0.6vw] rounded-full bg-amber-500/15 px-[1.2vw] py-[0.8vh] text-[min(2.6vh,1.5vw)] text-amber-200 ring-1 ring-amber-400/50"
    >
      <span className="inline-block size-[1.4vh] animate-pulse rounded-full bg-amber-400" />
      {connection === "connecting" ? "正在连接…" : "连接中断，正在重连"}
    </p>
  );
}

function Notice({ title, detail }: { title: string; detail: string | null }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-[3vh] px-[6vw] text-center">
      <p className="text-[min(7vh,4vw)] font-bold text-white">{title}</p>
      {detail && <p className="text-[min(3.6vh,2.1vw)] text-slate-300">{detail}</p>}
    </div>
  );
}
