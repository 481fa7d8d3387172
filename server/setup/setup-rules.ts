// What the organiser may change, and when: pure decisions on the meeting snapshot, shared by
// the setup service (which enforces them) and the setup pages (which explain them next to
// the controls). No Prisma, no HTTP, no clock.
import type { LiveState, SpeakerMode } from "../domain/meeting-types";
import type { MeetingSnapshot, RosterView } from "../domain/snapshot";
import { formatDuration } from "../domain/timer";
import type { PreviewRow, RosterRow, RowProblem } from "../roster-import/parse-roster";
import { unitKey } from "../roster-import/roster-values";
import type { LotScope, SetupLocks } from "./setup-schemas";

/** Item 1 has begun (or a speaker already has a record). */
export function meetingStarted(live: LiveState): boolean {
  return live.cursor.item !== "pending" || Object.keys(live.records).length > 0;
}

/** Voting has opened at least once: the ballot (who is rated, on which levels) is fixed. */
export function votingStarted(live: LiveState): boolean {
  return live.voting.status !== "idle";
}

export function isCurrentSpeaker(live: LiveState, speakerId: string): boolean {
  return live.cursor.item === "reports" && live.cursor.speakerId === speakerId;
}

export function setupLocks(snapshot: MeetingSnapshot, counts: { seatsUsed: number; comments: number }): SetupLocks {
  const live = snapshot.live;
  const voting = votingStarted(live);
  const votingLock = "民主测评已开始，测评票上的单位和档次已固定";
  let replace: string | null = null;
  if (voting) replace = `${votingLock}，不能再导入替换名单。`;
  else if (meetingStarted(live)) replace = "会议已开始，不能整体替换名单；可以逐个添加、移除、调整单位，或选择“追加到名单之后”。";
  else if (counts.comments > 0) replace = "已有点评记录，不能整体替换名单（点评必须保留）；请选择“追加到名单之后”。";
  return {
    roster: voting ? `${votingLock}，不能再添加或移除单位。` : null,
    replace,
    lots:
      live.cursor.item === "closed"
        ? "会议已结束，不能再抽签。"
        : meetingStarted(live)
          ? "会议已开始，不能再抽签；如需调整顺序，请拖动或使用上移、下移。"
          : null,
    order: live.cursor.item === "closed" ? "会议已结束，述职顺序已记入会议记录，不能再调整。" : null,
    evaluation: voting ? `${votingLock}，测评设置已锁定，不能再修改。` : null,
    seats:
      voting || counts.seatsUsed > 0
        ? "民主测评已开始，座位码已锁定：不能再重新生成或减少座位（已打印的座位卡继续有效）。"
        : null,
  };
}

export type RemovalDecision =
  | { kind: "allowed"; keep: boolean }
  | { kind: "confirm"; message: string }
  | { kind: "refused"; message: string };

/**
 * Whether a unit may leave the roster. The current speaker never can (the chair is on
 * them). A unit that has reported or has 点评 needs an explicit confirmation, and is then
 * taken off the agenda but kept (`keep`), comments and all: they are the meeting's output.
 * Any other unit is simply deleted.
 */
export function removalDecision(live: LiveState, entry: RosterView, commentCount: number, confirmed: boolean): RemovalDecision {
  if (votingStarted(live)) return { kind: "refused", message: "民主测评已开始，名单已固定，不能再移除单位。" };
  if (isCurrentSpeaker(live, entry.id)) {
    return { kind: "refused", message: `${entry.unit}正在述职或点评，不能移除。请主持人先进入下一位，再移除。` };
  }
  const record = live.records[entry.id];
  const reported = record?.status === "done";
  if (!reported && commentCount === 0) return { kind: "allowed", keep: false };
  if (!confirmed) {
    const spoken = reported && entry.mode === "onsite" ? `已述职（用时 ${formatDuration(record.spokenMs)}）` : reported ? "已述职" : "";
    const comments = commentCount > 0 ? `有 ${commentCount} 条点评` : "";
    const what = [spoken, comments].filter(Boolean).join("，");
    return {
      kind: "confirm",
      message: `${entry.unit}${what}。确定要从议程中移除吗？移除后各屏幕不再显示该单位，其点评和述职记录保留，用于整改清单和会议纪要。`,
    };
  }
  return { kind: "allowed", keep: true };
}

/** Why a speaker's fields cannot change as asked; null when they can. */
export function speakerChangeRefusal(
  live: LiveState,
  entry: RosterView,
  patch: { mode?: SpeakerMode; evaluated?: boolean },
): string | null {
  if (patch.mode !== undefined && patch.mode !== entry.mode) {
    if (isCurrentSpeaker(live, entry.id)) return `${entry.unit}正在述职或点评，不能更改述职方式。`;
    if (live.records[entry.id]?.status === "done") return `${entry.unit}已述职，不能再更改述职方式。`;
  }
  if (patch.evaluated !== undefined && patch.evaluated !== entry.evaluated && votingStarted(live)) {
    return "民主测评已开始，参加测评的单位已固定。";
  }
  return null;
}

/**
 * An idle, untouched timer shows the limit of what comes next; when the organiser changes a
 * limit before the speech starts, the projector should show the new one at once.
 */
export function refreshIdleTimer(live: LiveState, meetingLimitMs: number, roster: Array<{ id: string; limitMs: number | null }>): LiveState {
  const timer = live.timer;
  if (timer.status !== "idle" || timer.accumulatedMs !== 0) return live;
  const cursor = live.cursor;
  let limitMs: number | null = null;
  if (cursor.item === "pending") limitMs = meetingLimitMs;
  else if (cursor.item === "reports" && cursor.stage === "ready") {
    const entry = roster.find((e) => e.id === cursor.speakerId);
    if (entry) limitMs = entry.limitMs ?? meetingLimitMs;
  }
  return limitMs === null || limitMs === timer.limitMs ? live : { ...live, timer: { ...timer, limitMs } };
}

/** The live state without a removed speaker's record. */
export function withoutRecord(live: LiveState, speakerId: string): LiveState {
  if (!(speakerId in live.records)) return live;
  const records = { ...live.records };
  delete records[speakerId];
  return { ...live, records };
}

/** Where a new unit goes: after the last unit of the same mode (on-site units speak first), else at the end. */
export function insertionIndex(roster: Array<{ mode: SpeakerMode }>, mode: SpeakerMode): number {
  for (let index = roster.length - 1; index >= 0; index -= 1) {
    if (roster[index]?.mode === mode) return index + 1;
  }
  return mode === "onsite" ? 0 : roster.length;
}

export interface LotResult {
  /** Every speaker id in the new order. */
  order: string[];
  /** The units that took part in the draw, in the order drawn. */
  drawnUnits: string[];
}

/**
 * 抽签: shuffles the on-site units (or, with scope "all", the on-site and the written units
 * each among themselves) over the places they already hold, so on-site units keep speaking
 * before the written ones. `randomInt(n)` returns 0..n-1 (crypto in production).
 */
export function drawLots(roster: Array<{ id: string; unit: string; mode: SpeakerMode }>, scope: LotScope, randomInt: (n: number) => number): LotResult {
  const order = roster.map((e) => e.id);
  const drawnUnits: string[] = [];
  const modes: SpeakerMode[] = scope === "all" ? ["onsite", "written"] : ["onsite"];
  for (const mode of modes) {
    const places = roster.flatMap((entry, index) => (entry.mode === mode ? [index] : []));
    const group = places.map((index) => roster[index]!);
    for (let i = group.length - 1; i > 0; i -= 1) {
      const j = randomInt(i + 1);
      [group[i], group[j]] = [group[j]!, group[i]!];
    }
    places.forEach((place, k) => {
      order[place] = group[k]!.id;
    });
    drawnUnits.push(...group.map((e) => e.unit));
  }
  return { order, drawnUnits };
}

/** Imported rows in speaking order: by the 顺序 column where given, then in the file's order. */
export function orderImportedRows<T extends RosterRow>(rows: T[]): T[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => (a.row.order ?? Number.POSITIVE_INFINITY) - (b.row.order ?? Number.POSITIVE_INFINITY) || a.index - b.index)
    .map(({ row }) => row);
}

/** For "追加": rows whose unit is already on the roster, which the append leaves out. */
export function appendConflicts(rows: PreviewRow[], roster: Array<{ unit: string }>): RowProblem[] {
  const existing = new Set(roster.map((e) => unitKey(e.unit)));
  return rows
    .filter((row) => row.unit !== "" && existing.has(unitKey(row.unit)))
    .map((row) => ({ line: row.line, field: "unit" as const, message: `单位已在名单中：${row.unit}（追加时跳过）` }));
}
