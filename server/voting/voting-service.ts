// 民主测评: electronic ballots from tablets, paper ballots from the tellers' double entry,
// and the tally frozen when the chair closes voting. Everything on one meeting runs
// through the meeting's serial queue, shared with the chair's commands.
import { z } from "zod";
import { invalidInput } from "../domain/invalid-input";
import { fail, ok, type Result } from "../domain/result";
import type { MeetingSnapshot } from "../domain/snapshot";
import { countersFromPaper, reconcile, roundStatus, validatePaperEntry, type PaperState, type RoundRow } from "../domain/paper-ballots";
import { checkTallyInput, computeTally, type Tally } from "../domain/tally";
import { castBallot, electronicCounters, electronicTotals, prepareCounters, seatStatus, type Tx } from "./ballot-data";
import type { Db } from "../platform/db";
import { loadBallotRules, loadSnapshot } from "../live/meeting-data";
import { currentRound, listEntries, listRounds, saveEntry, setRoundCounts, voidRoundAndStartNew } from "./paper-data";
import { countSeatsOutside, normaliseSeatCode } from "./seat-data";
import type { SerialQueue } from "../platform/serial-queue";

const seatCode = z.string().min(4).max(32).transform(normaliseSeatCode);
const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "key 应为 8–64 位字母、数字、- 或 _");

export const ballotSubmitSchema = z.object({
  seatCode,
  key: idempotencyKey,
  /** speakerId → levelId, or null for a row left blank (弃权). */
  marks: z.record(z.string().max(64), z.string().max(32).nullable()),
});

export const seatCheckSchema = z.object({ seatCode, key: idempotencyKey });

export const paperEntrySchema = z.object({
  ballotNo: z.number().int().min(1).max(100_000),
  teller: z.enum(["A", "B"]),
  marks: z.record(z.string().max(64), z.string().max(32).nullable()),
  invalid: z.boolean(),
});

export const paperCountsSchema = z.object({
  issued: z.number().int().min(0).max(100_000),
  returned: z.number().int().min(0).max(100_000),
});

export interface VotingPublisher {
  /** The counts changed; the publisher recomputes and sends them (throttled). */
  progressChanged(meetingId: string, expectedVoters: number): void;
  paperUpdated(meetingId: string, state: PaperState): void;
}

function evaluatedSpeakers(snapshot: MeetingSnapshot) {
  return snapshot.roster.filter((s) => s.evaluated);
}

export type VotingService = ReturnType<typeof createVotingService>;

export function createVotingService(deps: { db: Db; queue: SerialQueue; publisher: VotingPublisher }) {
  const { db, queue, publisher } = deps;

  function submitBallot(meetingId: string, input: unknown): Promise<Result<{ status: "counted" | "already_counted" }>> {
    const parsed = ballotSubmitSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalidInput(parsed.error));
    const ballot = parsed.data;
    return queue(meetingId, async () => {
      const rules = await loadBallotRules(db, meetingId);
      if (!rules) return fail("not_found", "没有这个会议。");
      // A tablet that lost the answer may ask again after the close: it still learns its ballot counted.
      const seat = await seatStatus(db, meetingId, ballot.seatCode, ballot.key);
      if (!seat) return fail("not_found", "座位码不正确，请核对桌面座位卡。");
      if (seat.status === "counted") return ok({ status: "already_counted" as const });
      if (seat.status === "used_elsewhere") return fail("illegal", "该座位的测评票已提交，每人只能提交一次。");
      if (rules.voting.status !== "open") {
        return fail("illegal", rules.voting.status === "closed" ? "测评已结束，本票未计入。" : "测评尚未开始。");
      }
      const marks: Record<string, string | null> = {};
      for (const speaker of rules.speakers) {
        const mark = ballot.marks[speaker.id];
        if (mark !== undefined && mark !== null && !rules.levelIds.has(mark)) return fail("invalid", `${speaker.unit}：未知的档次。`);
        marks[speaker.id] = mark ?? null;
      }
      const unknown = Object.keys(ballot.marks).find((id) => !rules.speakers.some((s) => s.id === id));
      if (unknown) return fail("invalid", "测评票上有不在名单中的被测评人。");
      const outcome = await castBallot(db, meetingId, ballot.seatCode, ballot.key, marks, rules.categoryIds);
      if (outcome === "no_seat") return fail("not_found", "座位码不正确，请核对桌面座位卡。");
      if (outcome === "used_elsewhere") return fail("illegal", "该座位的测评票已提交，每人只能提交一次。");
      publisher.progressChanged(meetingId, rules.expectedVoters);
      return ok({ status: outcome });
    });
  }

  async function checkSeat(meetingId: string, input: unknown): Promise<Result<{ label: string; status: "not_voted" | "counted" | "used_elsewhere" }>> {
    const parsed = seatCheckSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    const seat = await seatStatus(db, meetingId, parsed.data.seatCode, parsed.data.key);
    return seat ? ok(seat) : fail("not_found", "座位码不正确，请核对桌面座位卡。");
  }

  async function paperState(meetingId: string, snapshot: MeetingSnapshot): Promise<PaperState> {
    const round = await currentRound(db, meetingId);
    const entries = await listEntries(db, round.id);
    const speakerIds = evaluatedSpeakers(snapshot).map((s) => s.id);
    const reconciliation = reconcile(entries, speakerIds);
    const agreedInvalid = reconciliation.agreed.filter((b) => b.invalid).length;
    return {
      round,
      voidRounds: (await listRounds(db, meetingId)).filter((r) => r.status === "void"),
      entries,
      reconciliation,
      status: roundStatus(round, reconciliation.agreed.length - agreedInvalid, agreedInvalid),
    };
  }

  async function paper(meetingId: string): Promise<Result<PaperState>> {
    const snapshot = await loadSnapshot(db, meetingId);
    if (!snapshot) return fail("not_found", "没有这个会议。");
    return ok(await paperState(meetingId, snapshot));
  }

  /** Runs a paper change while voting is open, then tells every teller and chair screen. */
  function paperChange(meetingId: string, change: (snapshot: MeetingSnapshot, round: RoundRow) => Promise<Result<unknown>>): Promise<Result<PaperState>> {
    return queue(meetingId, async () => {
      const snapshot = await loadSnapshot(db, meetingId);
      if (!snapshot) return fail("not_found", "没有这个会议。");
      if (snapshot.live.voting.status !== "open") {
        return fail("illegal", snapshot.live.voting.status === "closed" ? "测评已结束，结果已冻结，不能再录入。" : "测评尚未开始。");
      }
      if (snapshot.meeting.voterCategories.length > 0) {
        // A paper ballot carries no voter category, so it could not be weighted.
        return fail("illegal", "本次测评按投票人类别加权，纸质票无法区分类别，暂不能录入：请使用平板投票，或在测评设置中取消类别。");
      }
      const changed = await change(snapshot, await currentRound(db, meetingId));
      if (!changed.ok) return changed;
      const state = await paperState(meetingId, snapshot);
      publisher.paperUpdated(meetingId, state);
      publisher.progressChanged(meetingId, snapshot.meeting.expectedVoters);
      return ok(state);
    });
  }

  function savePaperEntry(meetingId: string, input: unknown): Promise<Result<PaperState>> {
    const parsed = paperEntrySchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalidInput(parsed.error));
    return paperChange(meetingId, async (snapshot, round) => {
      const checked = validatePaperEntry(parsed.data, evaluatedSpeakers(snapshot).map((s) => ({ id: s.id, name: s.unit })), snapshot.meeting.ratingLevels);
      if (!checked.ok) return checked;
      await saveEntry(db, round.id, checked.data);
      return ok(null);
    });
  }

  function setPaperCounts(meetingId: string, input: unknown): Promise<Result<PaperState>> {
    const parsed = paperCountsSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalidInput(parsed.error));
    return paperChange(meetingId, async (_snapshot, round) => {
      await setRoundCounts(db, round.id, parsed.data.issued, parsed.data.returned);
      return ok(null);
    });
  }

  /** A void round (more returned than issued) is kept in the record; a new round starts. */
  function voidPaperRound(meetingId: string): Promise<Result<PaperState>> {
    return paperChange(meetingId, async (_snapshot, round) => {
      await voidRoundAndStartNew(db, meetingId, round.id);
      return ok(null);
    });
  }

  /**
   * Refuses to open voting when the ballots could not be tallied: with voter categories,
   * every seat needs one (a ballot from a seat without one fits no category's weight).
   */
  async function readyToOpen(snapshot: MeetingSnapshot): Promise<Result<null>> {
    if (snapshot.meeting.voterCategories.length === 0) return ok(null);
    const unassigned = await countSeatsOutside(db, snapshot.meeting.id, snapshot.meeting.voterCategories.map((c) => c.id));
    if (unassigned > 0) {
      return fail("illegal", `已启用投票人类别，但还有 ${unassigned} 个座位未分配类别：请在“会场入口与座位卡”中分配后再开始测评。`);
    }
    return ok(null);
  }

  /** Called by the meeting service inside the transaction that opens voting. */
  async function onVotingOpened(tx: Tx, snapshot: MeetingSnapshot): Promise<void> {
    await prepareCounters(
      tx,
      snapshot.meeting.id,
      evaluatedSpeakers(snapshot).map((s) => s.id),
      snapshot.meeting.ratingLevels.map((l) => l.id),
      snapshot.meeting.voterCategories.map((c) => c.id),
    );
  }

  /**
   * The tally to freeze when voting closes, or a refusal while paper entries are still
   * unreconciled. Runs inside the meeting's queue, so no ballot lands in between.
   */
  async function tallyForClose(snapshot: MeetingSnapshot): Promise<Result<Tally>> {
    const meetingId = snapshot.meeting.id;
    const speakers = evaluatedSpeakers(snapshot);
    const speakerIds = speakers.map((s) => s.id);
    const state = await paperState(meetingId, snapshot);
    const { disputes, missing } = state.reconciliation;
    if (!state.status.void && (disputes.length || missing.length)) {
      return fail(
        "illegal",
        `纸质票尚未核对一致：${disputes.length} 张两次录入不一致，${missing.length} 张只录入了一次。请先处理再结束测评。`,
      );
    }
    const paperCounters = state.status.void ? [] : countersFromPaper(state.reconciliation.agreed, speakerIds);
    const electronic = await electronicTotals(db, meetingId);
    const input = {
      speakers: speakers.map((s) => ({ id: s.id, unit: s.unit, name: s.name })),
      levels: snapshot.meeting.ratingLevels,
      categories: snapshot.meeting.voterCategories,
      counters: [...(await electronicCounters(db, meetingId)), ...paperCounters],
      ballots: {
        electronic: electronic.total,
        paper: state.status.valid,
        ...(snapshot.meeting.voterCategories.length ? { byCategory: electronic.byCategory } : {}),
      },
    };
    const checked = checkTallyInput(input);
    if (!checked.ok) return checked;
    return ok(computeTally(checked.data));
  }

  return { submitBallot, checkSeat, paper, savePaperEntry, setPaperCounts, voidPaperRound, readyToOpen, onVotingOpened, tallyForClose };
}
