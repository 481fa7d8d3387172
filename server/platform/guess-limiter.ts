// Guessing limits on every secret (会议码, chair / display / teller tokens, seat codes).
// Only failures count: a hall of 300 tablets behind one NAT address, all with the right
// 会议码, never meets a limit, while an address that keeps failing waits longer each time.
// Pure bookkeeping with the clock passed in, so tests move time by hand; the transports
// (socket handshake, HTTP API, seat-code events) ask it before and tell it after, keyed on
// `addressOf` (the direct peer, or behind a trusted proxy its X-Forwarded-For client).
import { requestAddress, type TrustedProxies } from "./trusted-proxies";

/** Which secret was tried: separate counts, so a tablet's mistyped seat card never blocks a join. */
export type GuessKind = "code" | "token" | "seat";

export interface GuessLimits {
  /** Failures an address may make in any minute before it must wait. */
  freeFailuresPerMinute: number;
  /** The first wait; each further failure past the allowance doubles it … */
  firstWaitMs: number;
  /** … up to this. */
  maxWaitMs: number;
  /** An address with no failure for this long starts afresh. */
  forgetAfterMs: number;
  /** Failures per minute against one meeting (or, for 会议码, against the server) from all addresses together. */
  budgetPerMinute: number;
}

export const DEFAULT_GUESS_LIMITS: GuessLimits = {
  freeFailuresPerMinute: 10,
  firstWaitMs: 2_000,
  maxWaitMs: 15 * 60_000,
  forgetAfterMs: 30 * 60_000,
  budgetPerMinute: 60,
};

const MINUTE_MS = 60_000;
/** Past this many remembered addresses, the ones quiet for `forgetAfterMs` are dropped. */
const SWEEP_AT_ENTRIES = 10_000;

/** The budget that 会议码 guesses count against: a wrong code names no meeting. */
export const ANY_MEETING = "*";

export type GuessCheck = { ok: true } | { ok: false; retryAfterMs: number };

export interface BudgetAlert {
  /** The meeting whose budget ran out, or ANY_MEETING for 会议码 guessed against the server. */
  meetingId: string;
  kind: GuessKind;
  /** Failures counted in the last minute. */
  failures: number;
  at: number;
}

interface AddressState {
  failures: number[];
  strikes: number;
  blockedUntil: number;
  lastFailure: number;
}

interface BudgetState {
  failures: number[];
  alertedAt: number;
}

export type GuessLimiter = ReturnType<typeof createGuessLimiter>;

export function createGuessLimiter(options: {
  now: () => number;
  limits?: Partial<GuessLimits>;
  /** Called once a minute at most per meeting while its budget is exceeded. */
  onBudgetExceeded?: (alert: BudgetAlert) => void;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For names the client; none by default. */
  trustedProxies?: TrustedProxies;
}) {
  const limits: GuessLimits = { ...DEFAULT_GUESS_LIMITS, ...options.limits };
  const addresses = new Map<string, AddressState>();
  const budgets = new Map<string, BudgetState>();

  function recent(times: number[], now: number): number[] {
    while (times.length > 0 && times[0]! <= now - MINUTE_MS) times.shift();
    return times;
  }

  function overBudget(meetingId: string, now: number): boolean {
    const budget = budgets.get(meetingId);
    return budget !== undefined && recent(budget.failures, now).length > limits.budgetPerMinute;
  }

  /** Before checking a secret: may this address try now? Successes never make it wait. */
  function check(kind: GuessKind, address: string): GuessCheck {
    const state = addresses.get(`${kind} ${address}`);
    const now = options.now();
    if (!state || state.blockedUntil <= now) return { ok: true };
    return { ok: false, retryAfterMs: state.blockedUntil - now };
  }

  /**
   * After a wrong secret. Past the allowance, the address waits `firstWaitMs`, doubled on
   * each further failure until it has been quiet for `forgetAfterMs`. While the meeting's budget is exceeded there is no allowance: every
   * failure from any address makes it wait.
   */
  function failed(kind: GuessKind, address: string, meetingId: string): void {
    const now = options.now();
    const budget = budgets.get(meetingId) ?? { failures: [], alertedAt: -Infinity };
    budgets.set(meetingId, budget);
    recent(budget.failures, now).push(now);
    const exceeded = budget.failures.length > limits.budgetPerMinute;
    if (exceeded && now - budget.alertedAt >= MINUTE_MS) {
      budget.alertedAt = now;
      options.onBudgetExceeded?.({ meetingId, kind, failures: budget.failures.length, at: now });
    }

    if (addresses.size >= SWEEP_AT_ENTRIES) sweep(now);
    const key = `${kind} ${address}`;
    let state = addresses.get(key);
    if (!state || now - state.lastFailure > limits.forgetAfterMs) {
      state = { failures: [], strikes: 0, blockedUntil: 0, lastFailure: now };
      addresses.set(key, state);
    }
    state.lastFailure = now;
    const inMinute = recent(state.failures, now).push(now);
    // Once made to wait, an address has no allowance left until it is forgotten: every further
    // failure doubles the wait, so waiting out a minute does not buy 10 free tries again.
    if (exceeded || state.strikes > 0 || inMinute > limits.freeFailuresPerMinute) {
      const wait = Math.min(limits.firstWaitMs * 2 ** state.strikes, limits.maxWaitMs);
      state.strikes += 1;
      state.blockedUntil = Math.max(state.blockedUntil, now + wait);
    }
  }

  function sweep(now: number): void {
    for (const [key, state] of addresses) {
      if (now - state.lastFailure > limits.forgetAfterMs && state.blockedUntil <= now) addresses.delete(key);
    }
  }

  /** The address a request's failures count against (its direct peer and X-Forwarded-For header). */
  function addressOf(peer: string | undefined, forwardedFor: string | string[] | undefined): string {
    return requestAddress(options.trustedProxies ?? null, peer, forwardedFor);
  }

  return { check, failed, addressOf, overBudget: (meetingId: string) => overBudget(meetingId, options.now()) };
}

/** "请 2 分钟后再试" / "请 8 秒后再试": how long to wait, rounded up, for the refusal message. */
export function waitWords(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return seconds < 120 ? `请 ${seconds} 秒后再试` : `请 ${Math.ceil(seconds / 60)} 分钟后再试`;
}

/** The refusal every transport gives a waiting address; the secret was not checked. */
export function tooManyGuesses(retryAfterMs: number): { code: "rate_limited"; message: string } {
  return { code: "rate_limited", message: `错误尝试次数过多，${waitWords(retryAfterMs)}。` };
}
