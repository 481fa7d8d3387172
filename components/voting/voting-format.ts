// What the 民主测评 screens show, computed from the snapshot's counts and the frozen tally.
// Pure, so the projector, the chair panel and the printed 测评汇总表 agree to the digit.
import type { VotingProgress } from "@/server/domain/snapshot";
import type { SpeakerTally, Tally } from "@/server/domain/tally";
import type { VotingState } from "@/server/domain/meeting-types";

export const VOTING_STATUS_LABEL: Record<VotingState["status"], string> = {
  idle: "未开始",
  open: "进行中",
  closed: "已结束",
};

export interface ProgressFigures {
  expected: number;
  electronic: number;
  paperReturned: number;
  /** Electronic ballots plus paper ballots returned: everything handed in so far. */
  received: number;
  /** received ÷ expected, 0..1; 0 when nobody is expected. */
  fraction: number;
}

export function progressFigures(progress: VotingProgress): ProgressFigures {
  const received = progress.electronic + progress.paperReturned;
  const fraction = progress.expected > 0 ? Math.min(1, received / progress.expected) : 0;
  return { expected: progress.expected, electronic: progress.electronic, paperReturned: progress.paperReturned, received, fraction };
}

export interface RankedRow {
  speaker: SpeakerTally;
  rank: number;
  /** Another secretary has the same rank (shown as 并列). */
  tied: boolean;
}

/**
 * The tally in rank order. Ranks come from the server (standard competition ranking on the
 * score rounded to 2 decimals: 1, 2, 2, 4); secretaries with the same rank stay in agenda order.
 */
export function rankedRows(tally: Tally): RankedRow[] {
  const perRank = new Map<number, number>();
  for (const s of tally.speakers) perRank.set(s.rank, (perRank.get(s.rank) ?? 0) + 1);
  return tally.speakers
    .map((speaker, order) => ({ speaker, order }))
    .sort((a, b) => a.speaker.rank - b.speaker.rank || a.order - b.order)
    .map(({ speaker }) => ({ speaker, rank: speaker.rank, tied: (perRank.get(speaker.rank) ?? 0) > 1 }));
}

/** "第2名" or "并列第2名", for screen readers and the printed sheet. */
export function rankLabel(row: Pick<RankedRow, "rank" | "tied">): string {
  return `${row.tied ? "并列" : ""}第${row.rank}名`;
}

/** Splits `items` into pages of at most `size`, e.g. for the projector's table. */
export function pages<T>(items: T[], size: number): T[][] {
  if (size < 1) return [items];
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result.length ? result : [[]];
}
