// The ballot box of one meeting: electronic ballots received and checked, waiting in memory
// until at least k of them can be written to the database together (see docs/ballot-secrecy.md).
// No database here: the voting service fills it and empties it into `commitBatch`.

/** Ballots written to the database together, at least; the close writes what is left. */
export const DEFAULT_MIN_BATCH = 5;

export interface WaitingBallot {
  seatCode: string;
  key: string;
  /** The seat's voter category, "" when none. */
  categoryId: string;
  /** speakerId → levelId, "" for a row left blank (弃权); one entry per evaluated speaker. */
  marks: Record<string, string>;
}

/** One counter's increase over a whole batch (never per ballot). */
export interface CounterDelta {
  categoryId: string;
  speakerId: string;
  levelId: string;
  add: number;
}

export interface Batch {
  /** Seats to mark as used, ordered by seat code: nothing in the batch follows arrival order. */
  seats: Array<{ seatCode: string; key: string }>;
  counters: CounterDelta[];
  totals: Array<{ categoryId: string; add: number }>;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sums the batch's ballots into per-counter increases, in key order (not arrival order). */
export function batchOf(ballots: WaitingBallot[]): Batch {
  const counters = new Map<string, CounterDelta>();
  const totals = new Map<string, number>();
  for (const ballot of ballots) {
    totals.set(ballot.categoryId, (totals.get(ballot.categoryId) ?? 0) + 1);
    for (const [speakerId, levelId] of Object.entries(ballot.marks)) {
      const id = JSON.stringify([ballot.categoryId, speakerId, levelId]);
      const found = counters.get(id);
      if (found) found.add++;
      else counters.set(id, { categoryId: ballot.categoryId, speakerId, levelId, add: 1 });
    }
  }
  return {
    seats: ballots.map((b) => ({ seatCode: b.seatCode, key: b.key })).sort((a, b) => byText(a.seatCode, b.seatCode)),
    counters: [...counters.entries()].sort(([a], [b]) => byText(a, b)).map(([, delta]) => delta),
    totals: [...totals.entries()].sort(([a], [b]) => byText(a, b)).map(([categoryId, add]) => ({ categoryId, add })),
  };
}

/**
 * Ballots waiting, by seat code, each with the tablets to tell once it is counted (the
 * same tablet may resend under the same key, e.g. after reconnecting).
 */
export class BallotBox<Rules> {
  readonly #waiting = new Map<string, { ballot: WaitingBallot; listeners: Array<() => void> }>();
  /** A flush is queued already: more ballots join it rather than queue another. */
  flushQueued = false;

  constructor(readonly rules: Rules) {}

  get size(): number {
    return this.#waiting.size;
  }

  /** The key waiting for `seatCode`, if any. */
  keyFor(seatCode: string): string | undefined {
    return this.#waiting.get(seatCode)?.ballot.key;
  }

  add(ballot: WaitingBallot, onCounted: () => void): void {
    const held = this.#waiting.get(ballot.seatCode);
    if (held) held.listeners.push(onCounted);
    else this.#waiting.set(ballot.seatCode, { ballot, listeners: [onCounted] });
  }

  listen(seatCode: string, onCounted: () => void): void {
    this.#waiting.get(seatCode)?.listeners.push(onCounted);
  }

  /** Empties the box: its ballots, and what to call once they are committed. */
  take(): { ballots: WaitingBallot[]; listeners: Array<() => void> } {
    const entries = [...this.#waiting.values()];
    this.#waiting.clear();
    return { ballots: entries.map((e) => e.ballot), listeners: entries.flatMap((e) => e.listeners) };
  }
}
