"use client";
// The tablet's side of 民主测评: which seat this tablet votes for, the marks being filled
// in, and whether the seat's ballot has counted. The server answers a ballot with "waiting"
// (已收到) and writes it with at least four others (docs/ballot-secrecy.md); "ballot:counted"
// then says it counted. Until then the marks stay on the tablet: if the server lost the
// waiting ballot (a restart), the tablet sends it again under the same key. The server is asked (`ballot:check`) on
// every (re)connect, so a reload, another browser with the same seat or a lost answer all
// end on what the server knows, never on what the tablet guessed.
import { useCallback, useEffect, useRef, useState } from "react";
import type { ConnectionState, MeetingSocket } from "@/components/realtime/use-meeting";
import type { Result } from "@/server/domain/result";
import type { MeetingSnapshot } from "@/server/domain/snapshot";
import { ballotEpoch } from "@/server/domain/rehearsal";
import {
  ballotKeyFor,
  normaliseSeatInput,
  readCounted,
  readDraft,
  readSeat,
  readWaiting,
  saveCounted,
  saveDraft,
  saveSeat,
  saveWaiting,
  SEAT_CODE_LENGTH,
  type DraftMarks,
} from "./ballot-storage";

/** How long a ballot waits for the server's answer before the tablet asks whether it counted. */
const SUBMIT_ACK_MS = 8_000;
const CHECK_ACK_MS = 6_000;
const UNCERTAIN_RECHECK_MS = 5_000;
/** A waiting ballot is normally told "counted" by the server; this only covers a lost message. */
const WAITING_RECHECK_MS = 10_000;

export type BallotPhase =
  /** No seat code yet: ask for the one on the desk card. */
  | "no-seat"
  /** Asking the server about the seat. */
  | "checking"
  /** The seat has not voted: the ballot can be filled in and sent. */
  | "ready"
  | "sending"
  /** The ballot went out but no answer came back: wait for the connection, then ask. */
  | "uncertain"
  /** Received by the server, to be counted together with other ballots (已收到，正在与其他选票一并计入). */
  | "waiting"
  | "counted"
  /** The seat's ballot was sent from another device. */
  | "used-elsewhere";

type SeatCheck = { label: string; status: "not_voted" | "waiting" | "counted" | "used_elsewhere" };
type SubmitAnswer = Result<{ status: "waiting" | "already_counted" }>;

export interface Ballot {
  phase: BallotPhase;
  seat: string | null;
  /** "12号", from the server once the seat is confirmed. */
  seatLabel: string | null;
  /** Why the seat code just typed (or stored) was not accepted. */
  seatError: string | null;
  /** A hint above the ballot, e.g. that the last attempt did not reach the server. */
  notice: string | null;
  /** The server's refusal of the last ballot sent, in its words (测评已结束，本票未计入。). */
  refusal: string | null;
  marks: DraftMarks;
  setMark: (speakerId: string, levelId: string | null) => void;
  enterSeat: (input: string) => void;
  /** Sends the ballot: one mark or null (弃权) per evaluated secretary. */
  submit: () => void;
}

interface Options {
  /** The 会议码: storage is per meeting. */
  code: string;
  /** `?seat=` from the QR card on the desk, when the tablet was opened with it. */
  seatFromUrl: string | null;
  snapshot: MeetingSnapshot | null;
  socket: MeetingSocket | null;
  connection: ConnectionState;
}

const NOT_CONNECTED = "未连接服务器，测评票未发送。请稍候，连接恢复后再提交。";
const CLOSED_UNCOUNTED = "测评已结束，本票未计入。";
const LOST_ANSWER = "上次提交未收到服务器确认，经核对本票尚未计入，请再次提交。";

function emitCheck(socket: MeetingSocket, seatCode: string, key: string): Promise<Result<SeatCheck> | null> {
  return new Promise((resolve) => {
    socket.timeout(CHECK_ACK_MS).emit("ballot:check", { seatCode, key }, (err: Error | null, result: Result<SeatCheck>) => {
      resolve(err ? null : result);
    });
  });
}

export function useBallot({ code, seatFromUrl, snapshot, socket, connection }: Options): Ballot {
  const [seat, setSeat] = useState<string | null>(null);
  const [seatLabel, setSeatLabel] = useState<string | null>(null);
  const [phase, setPhaseState] = useState<BallotPhase>("no-seat");
  const [seatError, setSeatError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [marks, setMarks] = useState<DraftMarks>({});
  // Read inside socket callbacks, which outlive the render that created them.
  const phaseRef = useRef<BallotPhase>("no-seat");
  const checkSeq = useRef(0);
  const resend = useRef<((seatCode: string) => void) | null>(null);
  const setPhase = useCallback((next: BallotPhase) => {
    phaseRef.current = next;
    setPhaseState(next);
  }, []);

  const votingStatus = snapshot?.live.voting.status ?? null;
  // Whose ballots these are: the real meeting's or a 彩排's. What the tablet remembers is per epoch.
  const epoch = snapshot ? ballotEpoch(snapshot.live) : null;
  const votingRef = useRef(votingStatus);
  useEffect(() => {
    votingRef.current = votingStatus;
  }, [votingStatus]);

  /**
   * Starts voting as `seatCode` on this tablet: its draft, and what this tablet last knew of
   * this epoch's ballot. Runs again when the epoch changes (开始彩排 / 结束彩排).
   */
  const adoptSeat = useCallback(
    (seatCode: string) => {
      setSeat(seatCode);
      setRefusal(null);
      setNotice(null);
      setMarks(epoch === null ? {} : readDraft(code, seatCode, epoch));
      setPhase(epoch !== null && readCounted(code, seatCode, epoch) ? "counted" : "checking");
    },
    [code, epoch, setPhase],
  );

  // The seat: the desk card's ?seat= wins (the tablet may have moved desks), else the stored one.
  useEffect(() => {
    const fromUrl = seatFromUrl ? normaliseSeatInput(seatFromUrl) : "";
    if (fromUrl.length === SEAT_CODE_LENGTH) {
      saveSeat(code, fromUrl);
      adoptSeat(fromUrl);
      return;
    }
    const stored = readSeat(code);
    if (stored) adoptSeat(stored);
  }, [code, seatFromUrl, adoptSeat]);

  const forgetSeat = useCallback(
    (message: string) => {
      saveSeat(code, null);
      setSeat(null);
      setSeatLabel(null);
      setMarks({});
      setSeatError(message);
      setPhase("no-seat");
    },
    [code, setPhase],
  );

  /** What the server says about `seatCode` with this tablet's key; stale answers are dropped. */
  const check = useCallback(
    async (seatCode: string) => {
      if (!socket?.connected || epoch === null) return;
      const seq = ++checkSeq.current;
      const result = await emitCheck(socket, seatCode, ballotKeyFor(code, seatCode));
      if (seq !== checkSeq.current || result === null) return;
      if (!result.ok) {
        if (result.error.code === "not_found") forgetSeat(result.error.message);
        return;
      }
      setSeatLabel(result.data.label);
      setSeatError(null);
      switch (result.data.status) {
        case "waiting":
          if (phaseRef.current !== "counted") setPhase("waiting");
          break;
        case "counted":
          saveCounted(code, seatCode, epoch, true);
          setMarks({});
          setPhase("counted");
          break;
        case "used_elsewhere":
          saveCounted(code, seatCode, epoch, false);
          saveDraft(code, seatCode, epoch, {});
          setMarks({});
          setPhase("used-elsewhere");
          break;
        case "not_voted": {
          const current = phaseRef.current;
          // A ballot still on its way is not yet in the server's answer; its own ack decides.
          if (current === "sending" || current === "ready") break;
          // (After a reload the phase is "checking": the tab's own note says it was waiting.)
          const wasWaiting = current === "waiting" || readWaiting(code, seatCode, epoch);
          // Voting's state not known yet (no snapshot): the check runs again once it is.
          if (wasWaiting && votingRef.current === null) break;
          if (wasWaiting && votingRef.current === "open") {
            // The server no longer holds the ballot it had received (it restarted): send it again.
            resend.current?.(seatCode);
            break;
          }
          if (current === "uncertain" || wasWaiting) {
            if (votingRef.current === "closed") setRefusal(CLOSED_UNCOUNTED);
            else setNotice(LOST_ANSWER);
          }
          saveCounted(code, seatCode, epoch, false);
          saveWaiting(code, seatCode, epoch, false);
          setPhase("ready");
          break;
        }
        default: {
          const unknown: never = result.data.status;
          throw new Error(`unknown seat status ${String(unknown)}`);
        }
      }
    },
    [socket, code, epoch, forgetSeat, setPhase],
  );

  // Ask on every (re)connect, and again when voting opens or closes.
  useEffect(() => {
    if (seat && connection === "online") void check(seat);
  }, [seat, connection, votingStatus, check]);

  // While it is unknown whether the ballot counted, keep asking: the check itself may go unanswered.
  useEffect(() => {
    if (phase !== "uncertain" || !seat) return;
    const timer = setInterval(() => void check(seat), UNCERTAIN_RECHECK_MS);
    return () => clearInterval(timer);
  }, [phase, seat, check]);

  // A waiting ballot: the server says "ballot:counted" when it is written with the others.
  useEffect(() => {
    if (!socket || !seat) return;
    const onCounted = ({ key }: { key: string }) => {
      if (epoch === null || key !== ballotKeyFor(code, seat) || phaseRef.current === "counted") return;
      saveCounted(code, seat, epoch, true);
      setMarks({});
      setPhase("counted");
    };
    socket.on("ballot:counted", onCounted);
    return () => {
      socket.off("ballot:counted", onCounted);
    };
  }, [socket, seat, code, epoch, setPhase]);

  // While waiting, ask now and then, in case the "counted" message was lost on the way.
  useEffect(() => {
    if (phase !== "waiting" || !seat) return;
    const timer = setInterval(() => void check(seat), WAITING_RECHECK_MS);
    return () => clearInterval(timer);
  }, [phase, seat, check]);

  // Once voting has closed, a ballot never sent can't count: its marks are wiped from the tablet.
  useEffect(() => {
    const phaseNow = phaseRef.current;
    if (votingStatus === "closed" && seat && epoch !== null && phaseNow !== "sending" && phaseNow !== "uncertain" && phaseNow !== "waiting") {
      saveDraft(code, seat, epoch, {});
      setMarks({});
    }
  }, [votingStatus, seat, code, epoch]);

  const setMark = useCallback(
    (speakerId: string, levelId: string | null) => {
      if (!seat || epoch === null) return;
      setMarks((current) => {
        const next = { ...current };
        if (levelId === null) delete next[speakerId];
        else next[speakerId] = levelId;
        saveDraft(code, seat, epoch, next);
        return next;
      });
      setRefusal(null);
    },
    [code, seat, epoch],
  );

  const enterSeat = useCallback(
    (input: string) => {
      const seatCode = normaliseSeatInput(input);
      if (seatCode.length !== SEAT_CODE_LENGTH) {
        setSeatError(`座位码为 ${SEAT_CODE_LENGTH} 位字母或数字，请核对桌面座位卡。`);
        return;
      }
      if (!socket?.connected) {
        setSeatError("未连接服务器，请稍候再试。");
        return;
      }
      setSeatError(null);
      setPhase("checking");
      void emitCheck(socket, seatCode, ballotKeyFor(code, seatCode)).then((result) => {
        if (result === null) {
          setPhase("no-seat");
          setSeatError("服务器未响应，请再试一次。");
        } else if (!result.ok) {
          setPhase("no-seat");
          setSeatError(result.error.message);
        } else {
          saveSeat(code, seatCode);
          adoptSeat(seatCode);
        }
      });
    },
    [socket, code, adoptSeat, setPhase],
  );

  /** Sends the seat's ballot under its key; the answer moves the tablet to waiting or counted. */
  const send = useCallback(
    (seatCode: string, ballot: Record<string, string | null>) => {
      if (!socket || epoch === null) return;
      // Stored before it leaves the tablet: after a lost answer the same key asks whether it counted.
      const key = ballotKeyFor(code, seatCode);
      setPhase("sending");
      socket.timeout(SUBMIT_ACK_MS).emit("ballot:submit", { seatCode, key, marks: ballot }, (err: Error | null, result: SubmitAnswer) => {
        if (err) {
          setPhase("uncertain");
          void check(seatCode);
          return;
        }
        if (result.ok) {
          if (result.data.status === "waiting") {
            // Counted once written with others; the marks stay here (this tab only) until then.
            saveWaiting(code, seatCode, epoch, true);
            if (phaseRef.current === "sending") setPhase("waiting");
            return;
          }
          saveCounted(code, seatCode, epoch, true);
          setMarks({});
          setPhase("counted");
          return;
        }
        if (result.error.code === "not_found") {
          forgetSeat(result.error.message);
          return;
        }
        setRefusal(result.error.message);
        setPhase("ready");
        // "该座位已投票" from another device: the check turns the tablet to that screen.
        void check(seatCode);
      });
    },
    [socket, code, epoch, check, forgetSeat, setPhase],
  );

  const ballotOf = useCallback(
    (current: DraftMarks): Record<string, string | null> => {
      const ballot: Record<string, string | null> = {};
      for (const entry of snapshot?.roster ?? []) if (entry.evaluated) ballot[entry.id] = current[entry.id] ?? null;
      return ballot;
    },
    [snapshot],
  );

  // The check (declared above) resends a waiting ballot the server lost, from the stored draft.
  useEffect(() => {
    resend.current = (seatCode: string) => {
      if (socket?.connected && snapshot && epoch !== null) send(seatCode, ballotOf(readDraft(code, seatCode, epoch)));
    };
  }, [socket, snapshot, code, epoch, send, ballotOf]);

  const submit = useCallback(() => {
    if (!seat || !snapshot || epoch === null || phaseRef.current !== "ready") return;
    if (!socket?.connected) {
      setNotice(NOT_CONNECTED);
      return;
    }
    setNotice(null);
    setRefusal(null);
    send(seat, ballotOf(marks));
  }, [seat, snapshot, socket, marks, send, ballotOf]);

  return { phase, seat, seatLabel, seatError, notice, refusal, marks, setMark, enterSeat, submit };
}
