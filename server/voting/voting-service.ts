// 民主测评: electronic ballots from tablets, paper ballots from the tellers' double entry,
// and the tally frozen when the chair closes voting. Everything on one meeting runs
// through the meeting's serial queue, shared with the chair's commands.
import * as z from "zod";
import { invalidInput } from "../domain/invalid-input";
import { fail, ok, type Result } from "../domain/result";
import type { MeetingSnapshot } from "../domain/snapshot";
import { ACTOR_LABEL, agreeCounts, canVoidRound, countersFromPaper, countsIssue, paperEventsOf, reconcile, roundStatus, validatePaperEntry, type PaperActor, type PaperEvent, type PaperState, type RoundRow } from "../domain/paper-ballots";
import { checkTallyInput, computeTally, type Tally } from "../domain/tally";
import { ballotStore, electronicCounters, electronicTotals, NONE, prepareCounters, type Tx } from "./ballot-data";
import { BallotBox, batchOf, DEFAULT_MIN_BATCH } from "./ballot-box";
import { directSqlite, providerOf, type Db } from "../platform/db";
import { loadBallotRules, loadSnapshot, type BallotRules } from "../live/meeting-data";
import { addPaperEvents, listPaperEvents, currentRound, listEntries, listRounds, saveEntry, setTellerCounts, voidRoundAndStartNew } from "./paper-data";
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
  /** Each teller keys the counts on their own; they decide only once both agree. */
  teller: z.enum(["A", "B"]),
  issued: z.number().int().min(0).max(100_000),
  returned: z.number().int().min(0).max(100_000),
});

export interface VotingPublisher {
  /** The counts changed; the publisher recomputes and sends them (throttled). */
  progressChanged(meetingId: string, expectedVoters: number): void;
  paperUpdated(meetingId: string, state: PaperState): void;
  /**
   * Disputes, resolutions and voids of the paper count as they happen, for the 会议纪实: round,
   * teller role, ballot number and counts, never a mark. `voided` carries the agreed counts
   * of a round the chair voided.
   */
  paperRecorded(meetingId: string, events: PaperEvent[], voided?: { issued: number; returned: number }): Promise<void>;
}

function evaluatedSpeakers(snapshot: MeetingSnapshot) {
  return snapshot.roster.filter((s) => s.evaluated);
}

export type VotingService = ReturnType<typeof createVotingService>;

/** "waiting": received and checked, in the ballot box until it is written with others. */
export type BallotStatus = "waiting" | "already_counted";
export type SeatStatus = "not_voted" | "waiting" | "counted" | "used_elsewhere";

export function createVotingService(deps: {
  db: Db;
  queue: SerialQueue;
  publisher: VotingPublisher;
  /** k: no database commit holds fewer electronic ballots, except the close's last one. */
  minBatch?: number;
  now: () => number;
  /**
   * Several instances: has every other instance write the ballots waiting in its box, before
   * the close counts (app.ts, through Redis). The close holds the meeting's lock meanwhile.
   */
  flushElsewhere?: (meetingId: string) => Promise<void>;
  /**
   * Several instances: has every other instance drop the ballots waiting in its box, when a
   * rehearsal ends (app.ts, through Redis). 结束彩排 holds the meeting's lock meanwhile.
   */
  dropElsewhere?: (meetingId: string) => Promise<void>;
}) {
  const { db, queue, publisher, now } = deps;

  const store = ballotStore(db);
  const minBatch = Math.max(1, Math.floor(deps.minBatch ?? DEFAULT_MIN_BATCH));
  /** Open meetings' ballot boxes; a box lives from the first ballot to the close (or a restart). */
  const boxes = new Map<string, BallotBox<BallotRules>>();

  /** Writes every waiting ballot of the meeting in one transaction, then tells their tablets. */
  async function flush(meetingId: string, box: BallotBox<BallotRules>): Promise<number> {
    box.flushQueued = false;
    const { ballots, listeners } = box.take();
    if (ballots.length === 0) return 0;
    try {
      await store.commit(meetingId, batchOf(ballots));
    } catch (error) {
      // Nothing of the batch was written and no tablet was told "counted": each one's
      // next check finds its seat not voted, and it sends its ballot again.
      console.error(`a batch of ${ballots.length} ballots was not written:`, error);
      return 0;
    }
    for (const counted of listeners) counted();
    publisher.progressChanged(meetingId, box.rules.expectedVoters);
    return ballots.length;
  }

  function queueFlushWhenFull(meetingId: string, box: BallotBox<BallotRules>): void {
    if (box.size < minBatch || box.flushQueued) return;
    box.flushQueued = true;
    // Group commit: after the ballots already read from the network (setImmediate runs once
    // the pending socket messages are handled) and queued behind them, all in one batch.
    setImmediate(() => {
      void queue(meetingId, async () => {
        if (boxes.get(meetingId) === box && box.flushQueued && box.size >= minBatch) await flush(meetingId, box);
      });
    });
  }

  /** The seat as the ballot box sees it: voted in the database, waiting in the box, or neither. */
  async function seatState(meetingId: string, seatCode: string, key: string): Promise<{ label: string; categoryId: string | null; status: SeatStatus } | null> {
    const seat = await store.seat(meetingId, seatCode);
    if (!seat) return null;
    const waitingKey = boxes.get(meetingId)?.keyFor(seatCode);
    const status: SeatStatus =
      seat.usedKey !== null
        ? seat.usedKey === key ? "counted" : "used_elsewhere"
        : waitingKey !== undefined
          ? waitingKey === key ? "waiting" : "used_elsewhere"
          : "not_voted";
    return { label: seat.label, categoryId: seat.categoryId, status };
  }

  /**
   * Takes one ballot into the meeting's ballot box and answers "waiting"; `onCounted` runs
   * once it is written with at least k - 1 others (or by the close). A tablet resending under
   * the same key learns where its ballot is.
   */
  function submitBallot(meetingId: string, input: unknown, onCounted: () => void = () => {}): Promise<Result<{ status: BallotStatus }>> {
    const parsed = ballotSubmitSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalidInput(parsed.error));
    const ballot = parsed.data;
    return queue(meetingId, async () => {
      // A tablet that lost the answer may ask again after the close: it still learns its ballot counted.
      const seat = await seatState(meetingId, ballot.seatCode, ballot.key);
      if (!seat) return fail("not_found", "座位码不正确，请核对桌面座位卡。");
      if (seat.status === "counted") return ok({ status: "already_counted" as const });
      if (seat.status === "used_elsewhere") return fail("illegal", "该座位的测评票已提交，每人只能提交一次。");
      let box = boxes.get(meetingId);
      if (seat.status === "waiting" && box) {
        box.listen(ballot.seatCode, onCounted);
        return ok({ status: "waiting" as const });
      }
      if (!box) {
        const rules = await loadBallotRules(db, meetingId);
        if (!rules) return fail("not_found", "没有这个会议。");
        if (rules.voting.status !== "open") {
          return fail("illegal", rules.voting.status === "closed" ? "测评已结束，本票未计入。" : "测评尚未开始。");
        }
        box = new BallotBox(rules);
        boxes.set(meetingId, box);
      }
      const { rules } = box;
      const marks: Record<string, string> = {};
      for (const speaker of rules.speakers) {
        const mark = ballot.marks[speaker.id];
        if (mark !== undefined && mark !== null && !rules.levelIds.has(mark)) return fail("invalid", `${speaker.unit}：未知的档次。`);
        marks[speaker.id] = mark ?? NONE;
      }
      const unknown = Object.keys(ballot.marks).find((id) => !rules.speakers.some((s) => s.id === id));
      if (unknown) return fail("invalid", "测评票上有不在名单中的被测评人。");
      // A seat's category counts only while categories are in use (voting opens only when every seat has one).
      const categoryId = seat.categoryId !== null && rules.categoryIds.has(seat.categoryId) ? seat.categoryId : NONE;
      box.add({ seatCode: ballot.seatCode, key: ballot.key, categoryId, marks }, onCounted);
      queueFlushWhenFull(meetingId, box);
      publisher.progressChanged(meetingId, rules.expectedVoters);
      return ok({ status: "waiting" as const });
    });
  }

  async function checkSeat(meetingId: string, input: unknown): Promise<Result<{ label: string; status: SeatStatus }>> {
    const parsed = seatCheckSchema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    const seat = await seatState(meetingId, parsed.data.seatCode, parsed.data.key);
    return seat ? ok({ label: seat.label, status: seat.status }) : fail("not_found", "座位码不正确，请核对桌面座位卡。");
  }

  /**
   * Another instance is closing voting (and holds the meeting's lock): writes this instance's
   * waiting ballots now and drops the box, so a later ballot here reads the rules afresh.
   */
  async function flushForClose(meetingId: string): Promise<number> {
    const box = boxes.get(meetingId);
    if (!box) return 0;
    boxes.delete(meetingId);
    return flush(meetingId, box);
  }

  /** Ballots received and not yet written, for the progress figures (a count only). */
  function waitingBallots(meetingId: string): number {
    return boxes.get(meetingId)?.size ?? 0;
  }

  async function paperState(meetingId: string, snapshot: MeetingSnapshot): Promise<PaperState> {
    const round = await currentRound(db, meetingId);
    const entries = await listEntries(db, round.id);
    const speakerIds = evaluatedSpeakers(snapshot).map((s) => s.id);
    const reconciliation = reconcile(entries, speakerIds);
    const agreedInvalid = reconciliation.agreed.filter((b) => b.invalid).length;
    const counts = agreeCounts(round.keyed);
    const status = roundStatus(counts.state === "agreed" ? counts : null, reconciliation.agreed.length - agreedInvalid, agreedInvalid);
    const issue = countsIssue(counts);
    return {
      round,
      counts,
      voidRounds: (await listRounds(db, meetingId)).filter((r) => r.status === "void"),
      entries,
      reconciliation,
      status: issue ? { ...status, countsIssue: issue } : status,
      events: await listPaperEvents(db, meetingId),
    };
  }

  async function paper(meetingId: string): Promise<Result<PaperState>> {
    const snapshot = await loadSnapshot(db, meetingId);
    if (!snapshot) return fail("not_found", "没有这个会议。");
    return ok(await paperState(meetingId, snapshot));
  }

  /**
   * Runs a paper change while voting is open, records the disputes, resolutions and voids it
   * brought about under `actor` (the teller who keyed it), then tells every teller and chair screen.
   */
  function paperChange(
    meetingId: string,
    actor: PaperActor | null,
    change: (snapshot: MeetingSnapshot, round: RoundRow, before: PaperState) => Promise<Result<unknown>>,
  ): Promise<Result<PaperState>> {
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
      const before = await paperState(meetingId, snapshot);
      const changed = await change(snapshot, before.round, before);
      if (!changed.ok) return changed;
      let state = await paperState(meetingId, snapshot);
      if (actor !== null) {
        const desk = (s: PaperState) => ({ roundNumber: s.round.number, reconciliation: s.reconciliation, counts: s.counts });
        const events = paperEventsOf(desk(before), desk(state), actor);
        const at = now();
        await addPaperEvents(db, meetingId, events, at);
        const stamped = events.map((e) => ({ ...e, at }));
        state = { ...state, events: [...state.events, ...stamped] };
        if (stamped.length) await publisher.paperRecorded(meetingId, stamped);
      }
      publisher.paperUpdated(meetingId, state);
      publisher.progressChanged(meetingId, snapshot.meeting.expectedVoters);
      return ok(state);
    });
  }

  function savePaperEntry(meetingId: string, input: unknown): Promise<Result<PaperState>> {
    const parsed = paperEntrySchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalidInput(parsed.error));
    return paperChange(meetingId, parsed.data.teller, async (snapshot, round) => {
      const checked = validatePaperEntry(parsed.data, evaluatedSpeakers(snapshot).map((s) => ({ id: s.id, name: s.unit })), snapshot.meeting.ratingLevels);
      if (!checked.ok) return checked;
      await saveEntry(db, round.id, checked.data);
      return ok(null);
    });
  }

  function setPaperCounts(meetingId: string, input: unknown): Promise<Result<PaperState>> {
    const parsed = paperCountsSchema.safeParse(input);
    if (!parsed.success) return Promise.resolve(invalidInput(parsed.error));
    const { teller, issued, returned } = parsed.data;
    return paperChange(meetingId, teller, async (_snapshot, round) => {
      await setTellerCounts(db, round, teller, { issued, returned });
      return ok(null);
    });
  }

  /**
   * The chair confirms the void of the current round, which both tellers' counts call for
   * (agreed returned > issued); otherwise refused with the reason, and nothing changes. The
   * void round and its entries stay in the record; a new round starts.
   */
  function voidPaperRound(meetingId: string): Promise<Result<PaperState>> {
    return paperChange(meetingId, null, async (_snapshot, round, before) => {
      const allowed = canVoidRound(before.counts);
      if (!allowed.ok) return fail("illegal", allowed.reason);
      const detail = `${ACTOR_LABEL.chair}确认第 ${round.number} 轮作废（两人一致：发出 ${allowed.issued}，收回 ${allowed.returned}）`;
      const confirmation = { roundNumber: round.number, kind: "void_confirmed", actor: "chair", ballotNo: null, detail } as const;
      const at = now();
      await voidRoundAndStartNew(db, meetingId, round.id, confirmation, at);
      await publisher.paperRecorded(meetingId, [{ ...confirmation, at }], { issued: allowed.issued, returned: allowed.returned });
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
    // Paper in play (an entry, or counts keyed) is counted only on counts both tellers agree on,
    // and a round they agree must be void counts only once the chair has confirmed it.
    if ((state.entries.length > 0 || state.counts.state !== "none") && state.counts.state !== "agreed") {
      return fail("illegal", `纸质票${countsIssue(state.counts)}请先处理再结束测评。`);
    }
    if (state.status.void) {
      return fail("illegal", `纸质票${state.status.reason ?? "本轮作废"}：请主持人先确认作废本轮，再结束测评。`);
    }
    if (disputes.length || missing.length) {
      return fail(
        "illegal",
        `纸质票尚未核对一致：${disputes.length} 张两次录入不一致，${missing.length} 张只录入了一次。请先处理再结束测评。`,
      );
    }
    // The ballots still waiting are written now, whatever their number: the close's batch
    // (with several instances, each instance's box first).
    await deps.flushElsewhere?.(meetingId);
    const box = boxes.get(meetingId);
    const lastBatch = box ? await flush(meetingId, box) : 0;
    boxes.delete(meetingId);
    const paperCounters = countersFromPaper(state.reconciliation.agreed, speakerIds);
    const electronic = await electronicTotals(db, meetingId);
    const input = {
      speakers: speakers.map((s) => ({ id: s.id, unit: s.unit, name: s.name })),
      levels: snapshot.meeting.ratingLevels,
      categories: snapshot.meeting.voterCategories,
      rule: snapshot.meeting.rankingRule,
      counters: [...(await electronicCounters(db, meetingId)), ...paperCounters],
      ballots: {
        electronic: electronic.total,
        paper: state.status.valid,
        ...(snapshot.meeting.voterCategories.length ? { byCategory: electronic.byCategory } : {}),
      },
    };
    const checked = checkTallyInput(input);
    if (!checked.ok) return checked;
    return ok({ ...computeTally(checked.data), lastBatch: { ballots: lastBatch, minimum: minBatch } });
  }

  /**
   * After the close is stored: every commit of the vote goes from the WAL into the database
   * file and the WAL is truncated, so the batches (and the close's smaller one) are gone.
   */
  async function onVotingClosed(meetingId: string): Promise<void> {
    boxes.delete(meetingId);
    // SQLite only: on PostgreSQL the WAL is the server's (docs/ballot-secrecy.md §六).
    if (providerOf(db) === "sqlite" && !(await directSqlite(db).checkpointTruncate())) console.error("voting closed, but the WAL could not be checkpointed yet: it will be at the next start");
  }

  /**
   * 结束彩排: the rehearsal's waiting ballots leave memory unwritten and their tablets are never
   * told "counted" (a flush already queued finds the box gone). The tablets see the real
   * meeting's ballot epoch and show the real ballot.
   */
  async function onRehearsalEnded(meetingId: string): Promise<void> {
    dropWaiting(meetingId);
    await deps.dropElsewhere?.(meetingId);
  }

  /** The meeting's waiting ballots leave this instance's memory unwritten; returns how many. */
  function dropWaiting(meetingId: string): number {
    const dropped = boxes.get(meetingId)?.size ?? 0;
    boxes.delete(meetingId);
    return dropped;
  }

  return { submitBallot, checkSeat, waitingBallots, flushForClose, onVotingClosed, onRehearsalEnded, dropWaiting, paper, savePaperEntry, setPaperCounts, voidPaperRound, readyToOpen, onVotingOpened, tallyForClose };
}
