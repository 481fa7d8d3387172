"use client";
// The tellers' page (计票人 / 监票人): pick teller 甲 or 乙, then key paper 测评票 on the left
// while the round's reconciliation updates live on the right. Opened from the link the
// server prints (/tellers/<id>#token=…); the token is then kept in this browser.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { agendaNumbers } from "@/components/display/hall-labels";
import { tokenFromLocation } from "@/components/realtime/stored-token";
import { RehearsalMark } from "@/components/realtime/hall-signs";
import { useMeeting, type ConnectionState } from "@/components/realtime/use-meeting";
import { ballotEpoch } from "@/server/domain/rehearsal";
import { VOTING_STATUS_LABEL } from "@/components/voting/voting-format";
import { usePaper } from "@/components/voting/use-paper";
import type { Teller } from "@/server/domain/paper-ballots";
import type { HandshakeAuth } from "@/server/domain/events";
import { PaperEntry, TELLER_LABEL, type BallotRequest } from "./paper-entry";
import { PaperRound } from "./paper-round";

const tellerChoiceKey = (meetingId: string) => `debrief:teller-seat:${meetingId}`;

/** Which teller this browser is; per tab (sessionStorage), so two windows can be 甲 and 乙. */
function useTellerChoice(meetingId: string): [Teller | null, (teller: Teller | null) => void] {
  const [teller, setTeller] = useState<Teller | null>(null);
  useEffect(() => {
    try {
      const stored = window.sessionStorage.getItem(tellerChoiceKey(meetingId));
      if (stored === "A" || stored === "B") setTeller(stored);
    } catch {
      // No storage: the teller picks again after a reload.
    }
  }, [meetingId]);
  const choose = useCallback(
    (next: Teller | null) => {
      setTeller(next);
      try {
        if (next) window.sessionStorage.setItem(tellerChoiceKey(meetingId), next);
        else window.sessionStorage.removeItem(tellerChoiceKey(meetingId));
      } catch {
        // Kept in memory only.
      }
    },
    [meetingId],
  );
  return [teller, choose];
}

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
    setToken(tokenFromLocation(`debrief:teller:${meetingId}`));
    // Stored now: keep the secret out of the address bar.
    if (new URLSearchParams(window.location.hash.slice(1)).has("token")) {
      window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    }
  }, [meetingId]);
  const auth = useMemo<HandshakeAuth | null>(() => (token ? { role: "teller", meetingId, token } : null), [meetingId, token]);
  const { snapshot, connection, refusal, socket } = useMeeting(auth);
  const desk = usePaper(socket, snapshot ? ballotEpoch(snapshot.live) : null);
  const [teller, setTeller] = useTellerChoice(meetingId);
  const [request, setRequest] = useState<BallotRequest | null>(null);
  const reenter = useCallback((ballotNo: number) => setRequest((r) => ({ ballotNo, nonce: (r?.nonce ?? 0) + 1 })), []);

  if (token === undefined) return <Notice title="正在打开计票页面…" />;
  if (token === null) return <Notice title="缺少计票口令" detail="请使用服务器启动时打印的计票链接（/tellers/…#token=…），或由主持人在控制台中打开本页。" />;
  if (connection === "refused") return <Notice title="无法进入计票页面" detail={refusal ?? "口令不正确，请使用会议提供的计票链接。"} />;
  if (!snapshot) return <Notice title="正在连接会议…" detail={connection === "offline" ? "暂时连不上服务器，正在重试。" : null} />;

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
        {teller && (
          <span className="flex items-center gap-2">
            <span data-testid="teller-current" className="rounded-lg bg-sky-700 px-3 py-1 text-base font-bold text-white">
              {TELLER_LABEL[teller]}
            </span>
            <button type="button" onClick={() => setTeller(null)} className="text-sm text-slate-600 underline underline-offset-2 hover:text-slate-900">
              切换
            </button>
          </span>
        )}
      </header>
      <RehearsalMark rehearsal={snapshot.live.rehearsal} />

      {!teller ? (
        <TellerPicker onPick={setTeller} />
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

function TellerPicker({ onPick }: { onPick: (teller: Teller) => void }) {
  return (
    <main className="flex flex-1 flex-col items-center justify-center gap-8 px-6">
      <div className="max-w-2xl space-y-3 text-center">
        <h2 className="text-3xl font-bold text-slate-900">请选择计票人</h2>
        <p className="text-lg leading-relaxed text-slate-600">
          纸质测评票双人录入：计票人甲、乙各用一台电脑，按信封编号独立录入同一批票。两人录入一致的票才计入结果，不一致的票会列出，核对原票后重新录入。
        </p>
      </div>
      <div className="flex gap-6">
        {(["A", "B"] as const).map((t) => (
          <button
            key={t}
            type="button"
            data-testid={`teller-pick-${t}`}
            onClick={() => onPick(t)}
            className="h-40 w-64 rounded-2xl bg-white text-4xl font-bold text-slate-900 shadow ring-2 ring-slate-300 hover:bg-sky-50 hover:ring-sky-500"
          >
            {TELLER_LABEL[t]}
          </button>
        ))}
      </div>
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
