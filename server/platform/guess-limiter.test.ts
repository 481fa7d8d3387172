import { describe, expect, it } from "vitest";
import { ANY_MEETING, createGuessLimiter, waitWords, type BudgetAlert } from "./guess-limiter";

function limiter() {
  let now = 1_000_000;
  const alerts: BudgetAlert[] = [];
  const guesses = createGuessLimiter({ now: () => now, onBudgetExceeded: (alert) => alerts.push(alert) });
  return { guesses, alerts, advance: (ms: number) => (now += ms) };
}

describe("guess limiter", () => {
  it("lets 10 failures a minute through, then doubles the wait up to 15 minutes", () => {
    const { guesses, advance } = limiter();
    for (let i = 0; i < 10; i++) guesses.failed("code", "10.0.0.9", ANY_MEETING);
    expect(guesses.check("code", "10.0.0.9")).toEqual({ ok: true });
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      guesses.failed("code", "10.0.0.9", ANY_MEETING);
      const check = guesses.check("code", "10.0.0.9");
      if (check.ok) throw new Error("should wait");
      waits.push(check.retryAfterMs);
      advance(check.retryAfterMs);
    }
    expect(waits.slice(0, 6)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000]);
    expect(Math.max(...waits)).toBe(15 * 60_000);
    // Another kind of secret, and another address, are counted apart.
    expect(guesses.check("seat", "10.0.0.9")).toEqual({ ok: true });
    expect(guesses.check("code", "10.0.0.10")).toEqual({ ok: true });
  });

  it("forgets an address after 30 quiet minutes; failures spread over minutes never make it wait; a wait is kept until then", () => {
    const { guesses, advance } = limiter();
    for (let i = 0; i < 60; i++) {
      guesses.failed("token", "10.0.0.9", ANY_MEETING);
      advance(6_001);
    }
    expect(guesses.check("token", "10.0.0.9")).toEqual({ ok: true });
    advance(31 * 60_000);
    for (let i = 0; i < 11; i++) guesses.failed("token", "10.0.0.9", ANY_MEETING);
    expect(guesses.check("token", "10.0.0.9")).toMatchObject({ ok: false, retryAfterMs: 2_000 });
    // Waiting out the minute buys no fresh allowance: the next failure waits 4 s.
    advance(61_000);
    guesses.failed("token", "10.0.0.9", ANY_MEETING);
    expect(guesses.check("token", "10.0.0.9")).toMatchObject({ ok: false, retryAfterMs: 4_000 });
    advance(31 * 60_000);
    guesses.failed("token", "10.0.0.9", ANY_MEETING);
    expect(guesses.check("token", "10.0.0.9")).toEqual({ ok: true });
  });

  it("alerts once a minute per meeting past 60 failures from all addresses, and then every failure waits", () => {
    const { guesses, alerts, advance } = limiter();
    for (let i = 0; i < 60; i++) guesses.failed("seat", `10.0.${i}.1`, "meeting-1");
    expect(alerts).toEqual([]);
    guesses.failed("seat", "10.0.99.1", "meeting-1");
    expect(alerts).toMatchObject([{ meetingId: "meeting-1", kind: "seat", failures: 61 }]);
    expect(guesses.check("seat", "10.0.99.1")).toMatchObject({ ok: false, retryAfterMs: 2_000 });
    guesses.failed("seat", "10.0.98.1", "meeting-2");
    expect(guesses.check("seat", "10.0.98.1")).toEqual({ ok: true });
    for (let i = 0; i < 20; i++) guesses.failed("seat", `10.1.${i}.1`, "meeting-1");
    expect(alerts).toHaveLength(1);
    advance(60_000);
    for (let i = 0; i < 61; i++) guesses.failed("seat", `10.2.${i}.1`, "meeting-1");
    expect(alerts).toHaveLength(2);
  });

  it("says how long to wait in seconds, then minutes", () => {
    expect(waitWords(1)).toBe("请 1 秒后再试");
    expect(waitWords(8_000)).toBe("请 8 秒后再试");
    expect(waitWords(15 * 60_000)).toBe("请 15 分钟后再试");
  });
});
