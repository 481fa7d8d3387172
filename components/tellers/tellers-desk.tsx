"use client";
// The tellers' page (计票人 / 监票人): teller 甲 or 乙 keys paper 测评票 on the left while the
// round's reconciliation updates live on the right. Which teller it is comes from the link
// (/tellers/<id>#token=…, one for 甲, one for 乙): the server says, the page cannot switch.
// The token is then kept in this tab (and this browser, for a reopened tab).
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { agendaNumbers } from "@/components/display/hall-labels";
import { tokenFromLocation } from "@/components/realtime/stored-token";
import { RehearsalMark } from "@/components/realtime/hall-signs";
import { useMeeting, type ConnectionState, type MeetingSocket } from "@/components/realtime/use-meeting";
import { ballotEpoch } from "@/server/domain/rehearsal";
import { VOTING_STATUS_LABEL } from "@/components/voting/voting-format";
import { usePaper, type PaperDesk } from "@/components/voting/use-paper";
import type { PaperState, Teller } from "@/server/domain/paper-ballots";
import type { RosterView } from "@/server/domain/snapshot";
import type { RatingLevel } from "@/server/domain/tally";
import type { HandshakeAuth } from "@/server/domain/events";
import type { Result } from "@/server/domain/result";
import { PaperEntry, TELLER_LABEL, type BallotRequest } from "./paper-entry";
import { PaperRound } from "./paper-round";

/**
 * Which teller this page is, as the server knows it from the link's token: "A" (甲) or "B"
 * (乙); null for a link that may only watch the round; undefined until the server answers.
 */
function useTellerSide(socket: MeetingSocket | null): Teller | null | undefined {
  const [side, setSide] = useState<Teller | null | undefined>(undefined);
  useEffect(() => {
    if (!socket) return;
    const ask = () => {
      socket.timeout(SIDE_TIMEOUT_MS).emit("paper:side", (err: Error | null, result: Result<{ teller: Teller | null }>) => {
        if (!err && result.ok) setSide(result.data.teller);
      });
    };
    if (socket.connected) ask();
    socket.on("connect", ask);
    return () => {
      socket.off("connect", ask);
    };
  }, [socket]);
  return side;
}

const SIDE_TIMEOUT_MS = 8_000;

const CONNECTION: Record<ConnectionState, { text: string; style: string }> = {
  connecting: { text: "连接中…", style: "bg-slate-100 text-slate-600" },
  online: { text: "在线", style: "bg-emerald-50 text-emerald-800 ring-1 ring-emerald-200" },
  offline: { text: "重连中…", style: "bg-amber-100 text-amber-900 ring-1 ring-amber-300" },
  refused: { text: "已拒绝", style: "bg-red-100 text-red-800" },
};

export function TellersDesk({ meetingId }: { meetingId: string }) {
  // undefined until read in the browser; null when the link carried no token.
  const [token, setToken] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    // Per tab first: 甲 and 乙 may be open in two tabs of one browser.
    setToken(tokenFromLocation(`debrief:teller:${meetingId}`, { perTab: true }));
    // Stored now: keep the secret out of the address bar.
    if (new URLSearchParams(window.location.hash.slice(1)).has("token")) {
      window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    }
  }, [meetingId]);
  const auth = useMemo<HandshakeAuth | null>(() => (token ? { role: "teller", meetingId, token } : null), [meetingId, token]);
  const { snapshot, connection, refusal, socket } = useMeeting(auth);
  const desk = usePaper(socket, snapshot ? ballotEpoch(snapshot.live) : null);
  const teller = useTellerSide(socket);
  const [request, setRequest] = useState<BallotRequest | null>(null);
  const reenter = useCallback((ballotNo: number) => setRequest((r) => ({ ballotNo, nonce: (r?.nonce ?? 0) + 1 })), []);

  if (token === undefined) return <Notice title="正在打开计票页面…" />;
  if (token === null) return <Notice title="缺少计票口令" detail="请使用服务器启动时打印的计票链接（/tellers/…#token=…），或由主持人在控制台中打开本页。" />;
  if (connection === "refused") return <Notice title="无法进入计票页面" detail={refusal ?? "口令不正确，请使用会议提供的计票链接。"} />;
  if (!snapshot || teller === undefined) return <Notice title="正在连接会议…" detail={connection === "offline" ? "暂时连不上服务器，正在重试。" : null} />;

  const speakers = snapshot.roster.filter((entry) => entry.evaluated);
  const numbers = agendaNumbers(snapshot.roster);
  const voting = snapshot.live.voting.status;
  const state = desk.state;
  const badge = CONNECTION[connection];

  return (
    <div data-meeting-version={snapshot.version} className="flex h-dvh flex-col bg-slate-100 text-slate-900">
      <header className="flex h-14 shrink-0 items-center gap-4 border-b border-slate-200 bg-white pr-5">
        <div className="h-full w-1.5 bg-banner" aria-hidden />
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-base font-bold">民主测评 · 纸质测评票录入</h1>
          <p className="truncate text-sm text-slate-600">{snapshot.meeting.title}</p>
        </div>
        <span data-testid="teller-voting-status" data-status={voting} className={`rounded px-2 py-1 text-sm ${voting === "open" ? "bg-emerald-100 text-emerald-900" : "bg-slate-100 text-slate-600"}`}>
          测评{VOTING_STATUS_LABEL[voting]}
        </span>
        <span className={`rounded px-2 py-1 text-sm ${badge.style}`}>{badge.text}</span>
        {teller ? (
          <span data-testid="teller-current" data-teller={teller} className="rounded-lg bg-sky-700 px-3 py-1 text-base font-bold text-white">
            {TELLER_LABEL[teller]}
          </span>
        ) : (
          <span data-testid="teller-read-only" className="rounded-lg bg-slate-200 px-3 py-1 text-base font-bold text-slate-800">
            只读
          </span>
        )}
      </header>
      <RehearsalMark rehearsal={snapshot.live.rehearsal} />

      {!teller ? (
        <ReadOnlyRound state={state} speakers={speakers} levels={snapshot.meeting.ratingLevels} desk={desk} />
      ) : (
        <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_26rem] gap-4 p-4">
          <PaperEntry teller={teller} speakers={speakers} numbers={numbers} levels={snapshot.meeting.ratingLevels} state={state} voting={voting} save={desk.entry} request={request} />
          <aside className="min-h-0 overflow-y-auto">
            {state ? (
              <PaperRound state={state} speakers={speakers} levels={snapshot.meeting.ratingLevels} open={voting === "open"} teller={teller} desk={desk} onReenter={reenter} />
            ) : (
              <p className="rounded-xl bg-white p-4 text-sm text-slate-600 ring-1 ring-slate-200">{desk.loadError ?? "正在读取本轮纸质票…"}</p>
            )}
          </aside>
        </div>
      )}
    </div>
  );
}

/** A link without a side (the plain teller link, the chair's): the round as it stands, nothing to key. */
function ReadOnlyRound({ state, speakers, levels, desk }: { state: PaperState | null; speakers: RosterView[]; levels: RatingLevel[]; desk: PaperDesk }) {
  return (
    <main className="mx-auto flex min-h-0 w-full max-w-2xl flex-1 flex-col gap-4 overflow-y-auto p-4">
      <p data-testid="teller-read-only-note" className="rounded-lg bg-white px-4 py-3 text-base text-slate-700 ring-1 ring-slate-200">
        此链接只能查看本轮纸质票，不能录入。计票人甲、乙请各用主持人发给自己的计票链接录入。
      </p>
      {state ? (
        <PaperRound state={state} speakers={speakers} levels={levels} open={false} teller={null} desk={desk} onReenter={() => {}} />
      ) : (
        <p className="rounded-xl bg-white p-4 text-sm text-slate-500 ring-1 ring-slate-200">{desk.loadError ?? "正在读取本轮纸质票…"}</p>
      )}
    </main>
  );
}

function Notice({ title, detail }: { title: string; detail?: ReactNode }) {
  return (
    <main className="flex min-h-dvh flex-col items-center justify-center gap-4 bg-slate-100 px-6 text-center">
      <p className="text-2xl font-bold text-slate-900">{title}</p>
      {detail && <p className="max-w-xl text-base text-slate-600">{detail}</p>}
    </main>
  );
}
