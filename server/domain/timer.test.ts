import { describe, expect, it } from "vitest";
import type { TimerState } from "./meeting-types";
import {
  adjustTimer,
  elapsedMs,
  formatClock,
  formatDuration,
  frozenTimer,
  idleTimer,
  pauseTimer,
  remainingMs,
  startTimer,
  timerPhase,
} from "./timer";

const SIX_MINUTES = 360_000;
const ONE_MINUTE = 60_000;
const WARNING = 60_000;
/** An arbitrary server clock origin (epoch ms), so no test depends on `now` starting at 0. */
const T0 = 1_750_000_000_000;

function sec(s: number): number {
  return s * 1000;
}

/** What the projector would show at `now`. */
function display(timer: TimerState, now: number): { clock: string; phase: string } {
  const remaining = remainingMs(timer, now);
  return { clock: formatClock(remaining), phase: timerPhase(remaining, WARNING) };
}

describe("idle timer", () => {
  it("shows the full limit and does not move with the clock", () => {
    const timer = idleTimer(SIX_MINUTES);
    expect(remainingMs(timer, T0)).toBe(SIX_MINUTES);
    expect(remainingMs(timer, T0 + sec(500))).toBe(SIX_MINUTES);
    expect(elapsedMs(timer, T0 + sec(500))).toBe(0);
    expect(display(timer, T0)).toEqual({ clock: "6:00", phase: "normal" });
  });
});

describe("running countdown", () => {
  const started = startTimer(idleTimer(SIX_MINUTES), T0);

  it("counts down from the moment it was started", () => {
    expect(started.status).toBe("running");
    expect(remainingMs(started, T0)).toBe(SIX_MINUTES);
    expect(remainingMs(started, T0 + sec(90))).toBe(sec(270));
    expect(elapsedMs(started, T0 + sec(90))).toBe(sec(90));
    expect(display(started, T0 + sec(90))).toEqual({ clock: "4:30", phase: "normal" });
  });

  it("is in the normal phase until exactly 1:00 is left, then in the warning minute", () => {
    expect(display(started, T0 + sec(299) - 1)).toEqual({ clock: "1:02", phase: "normal" });
    expect(timerPhase(remainingMs(started, T0 + sec(300) - 1), WARNING)).toBe("normal");
    expect(display(started, T0 + sec(300))).toEqual({ clock: "1:00", phase: "warning" });
    expect(display(started, T0 + sec(330))).toEqual({ clock: "0:30", phase: "warning" });
    expect(display(started, T0 + sec(360) - 1)).toEqual({ clock: "0:01", phase: "warning" });
  });

  it("reaches exactly zero at the limit and is then overtime", () => {
    expect(remainingMs(started, T0 + SIX_MINUTES)).toBe(0);
    expect(display(started, T0 + SIX_MINUTES)).toEqual({ clock: "+0:00", phase: "overtime" });
  });

  it("goes negative in overtime and shows a +m:ss overtime count", () => {
    const now = T0 + SIX_MINUTES + sec(37);
    expect(remainingMs(started, now)).toBe(-sec(37));
    expect(display(started, now)).toEqual({ clock: "+0:37", phase: "overtime" });
    expect(display(started, now + 999)).toEqual({ clock: "+0:37", phase: "overtime" });
    expect(display(started, T0 + SIX_MINUTES + sec(125))).toEqual({ clock: "+2:05", phase: "overtime" });
  });

  it("never counts time before it was started (server clock stepped back)", () => {
    expect(elapsedMs(started, T0 - sec(5))).toBe(0);
    expect(remainingMs(started, T0 - sec(5))).toBe(SIX_MINUTES);
  });

  it("starting an already running timer does not restart it", () => {
    const again = startTimer(started, T0 + sec(100));
    expect(remainingMs(again, T0 + sec(100))).toBe(sec(260));
  });
});

describe("pause and resume", () => {
  it("freezes the remaining time while paused and accumulates across resumes", () => {
    let timer = startTimer(idleTimer(SIX_MINUTES), T0);
    timer = pauseTimer(timer, T0 + sec(100));
    expect(timer.status).toBe("paused");
    expect(remainingMs(timer, T0 + sec(100))).toBe(sec(260));
    // A long pause costs the speaker nothing.
    expect(remainingMs(timer, T0 + sec(1000))).toBe(sec(260));

    timer = startTimer(timer, T0 + sec(200));
    expect(timer.status).toBe("running");
    expect(remainingMs(timer, T0 + sec(250))).toBe(sec(210));
    expect(elapsedMs(timer, T0 + sec(250))).toBe(sec(150));

    timer = pauseTimer(timer, T0 + sec(260));
    timer = startTimer(timer, T0 + sec(400));
    // 100 s + 60 s + 10 s spoken.
    expect(elapsedMs(timer, T0 + sec(410))).toBe(sec(170));
    expect(display(timer, T0 + sec(410))).toEqual({ clock: "3:10", phase: "normal" });
  });

  it("pausing a timer that is not running changes nothing", () => {
    const idle = idleTimer(SIX_MINUTES);
    expect(pauseTimer(idle, T0)).toEqual(idle);
    const paused = pauseTimer(startTimer(idle, T0), T0 + sec(30));
    expect(pauseTimer(paused, T0 + sec(90))).toEqual(paused);
    expect(remainingMs(pauseTimer(paused, T0 + sec(90)), T0 + sec(90))).toBe(sec(330));
  });
});

describe("±1 minute adjustments", () => {
  it("+1 min gives a running speaker one more minute", () => {
    const running = startTimer(idleTimer(SIX_MINUTES), T0);
    const now = T0 + sec(330);
    const longer = adjustTimer(running, ONE_MINUTE);
    expect(remainingMs(longer, now)).toBe(sec(90));
    expect(display(longer, now)).toEqual({ clock: "1:30", phase: "normal" });
    // Elapsed time is untouched; only the limit moves.
    expect(elapsedMs(longer, now)).toBe(sec(330));
    expect(longer.status).toBe("running");
  });

  it("-1 min takes a minute away and can put the speaker into overtime", () => {
    const running = startTimer(idleTimer(SIX_MINUTES), T0);
    const shorter = adjustTimer(running, -ONE_MINUTE);
    expect(remainingMs(shorter, T0 + sec(330))).toBe(-sec(30));
    expect(display(shorter, T0 + sec(330))).toEqual({ clock: "+0:30", phase: "overtime" });
  });

  it("works on a paused and on an idle timer too", () => {
    const paused = pauseTimer(startTimer(idleTimer(SIX_MINUTES), T0), T0 + sec(60));
    expect(remainingMs(adjustTimer(paused, ONE_MINUTE), T0 + sec(999))).toBe(sec(360));
    expect(adjustTimer(paused, ONE_MINUTE).status).toBe("paused");
    expect(remainingMs(adjustTimer(idleTimer(SIX_MINUTES), -ONE_MINUTE), T0)).toBe(sec(300));
  });

  it("+1 then -1 returns to the same remaining time", () => {
    const running = startTimer(idleTimer(SIX_MINUTES), T0);
    const back = adjustTimer(adjustTimer(running, ONE_MINUTE), -ONE_MINUTE);
    expect(remainingMs(back, T0 + sec(123))).toBe(remainingMs(running, T0 + sec(123)));
  });
});

describe("frozen timer (going back to a finished speech)", () => {
  it("shows the time spoken and does not move", () => {
    const frozen = frozenTimer(SIX_MINUTES, sec(397));
    expect(frozen.status).toBe("paused");
    expect(remainingMs(frozen, T0)).toBe(-sec(37));
    expect(remainingMs(frozen, T0 + sec(3600))).toBe(-sec(37));
    expect(elapsedMs(frozen, T0)).toBe(sec(397));
    expect(display(frozen, T0)).toEqual({ clock: "+0:37", phase: "overtime" });
  });

  it("can be resumed from where the speech stopped", () => {
    const resumed = startTimer(frozenTimer(SIX_MINUTES, sec(200)), T0);
    expect(remainingMs(resumed, T0 + sec(10))).toBe(sec(150));
  });
});

describe("restart of the server", () => {
  it("a running timer read back from JSON gives the same remaining time later", () => {
    let timer = startTimer(idleTimer(SIX_MINUTES), T0);
    timer = pauseTimer(timer, T0 + sec(40));
    timer = adjustTimer(timer, ONE_MINUTE);
    timer = startTimer(timer, T0 + sec(100));

    const restored = JSON.parse(JSON.stringify(timer)) as TimerState;
    // The server was down for a while; the speech kept going in the hall.
    const later = T0 + sec(380);
    expect(remainingMs(restored, later)).toBe(remainingMs(timer, later));
    // 40 s + 280 s spoken against a 7-minute limit.
    expect(remainingMs(restored, later)).toBe(sec(100));
    expect(display(restored, later)).toEqual({ clock: "1:40", phase: "normal" });
  });

  it("a paused timer read back from JSON stays paused at the same time", () => {
    const timer = pauseTimer(startTimer(idleTimer(SIX_MINUTES), T0), T0 + sec(75));
    const restored = JSON.parse(JSON.stringify(timer)) as TimerState;
    expect(restored).toEqual(timer);
    expect(remainingMs(restored, T0 + sec(5000))).toBe(sec(285));
  });

  it("an overtime timer read back from JSON keeps counting the overtime", () => {
    const timer = startTimer(idleTimer(SIX_MINUTES), T0);
    const restored = JSON.parse(JSON.stringify(timer)) as TimerState;
    const later = T0 + SIX_MINUTES + sec(37);
    expect(remainingMs(restored, later)).toBe(remainingMs(timer, later));
    expect(display(restored, later)).toEqual({ clock: "+0:37", phase: "overtime" });
  });
});

describe("timerPhase", () => {
  it("uses the warning window given", () => {
    expect(timerPhase(sec(61), WARNING)).toBe("normal");
    expect(timerPhase(sec(60), WARNING)).toBe("warning");
    expect(timerPhase(1, WARNING)).toBe("warning");
    expect(timerPhase(0, WARNING)).toBe("overtime");
    expect(timerPhase(-1, WARNING)).toBe("overtime");
    expect(timerPhase(sec(90), sec(120))).toBe("warning");
    expect(timerPhase(sec(90), 0)).toBe("normal");
  });
});

describe("formatClock", () => {
  it("rounds remaining time up so a fresh 6-minute timer reads 6:00", () => {
    expect(formatClock(SIX_MINUTES)).toBe("6:00");
    expect(formatClock(SIX_MINUTES - 1)).toBe("6:00");
    expect(formatClock(SIX_MINUTES - 1000)).toBe("5:59");
    expect(formatClock(SIX_MINUTES - 1001)).toBe("5:59");
    expect(formatClock(sec(65))).toBe("1:05");
    expect(formatClock(1)).toBe("0:01");
  });

  it("rounds overtime down and prefixes it with +", () => {
    expect(formatClock(0)).toBe("+0:00");
    expect(formatClock(-1)).toBe("+0:00");
    expect(formatClock(-999)).toBe("+0:00");
    expect(formatClock(-1000)).toBe("+0:01");
    expect(formatClock(-sec(37))).toBe("+0:37");
    expect(formatClock(-sec(37) - 500)).toBe("+0:37");
    expect(formatClock(-sec(600))).toBe("+10:00");
  });

  it("shows limits longer than an hour in minutes", () => {
    expect(formatClock(sec(75 * 60))).toBe("75:00");
  });
});

describe("formatDuration", () => {
  it("shows time spoken and overtime as m:ss", () => {
    expect(formatDuration(sec(397))).toBe("6:37");
    expect(formatDuration(sec(37))).toBe("0:37");
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(SIX_MINUTES)).toBe("6:00");
  });

  it("rounds to the nearest second and never goes negative", () => {
    expect(formatDuration(1499)).toBe("0:01");
    expect(formatDuration(1500)).toBe("0:02");
    expect(formatDuration(59_600)).toBe("1:00");
    expect(formatDuration(-5000)).toBe("0:00");
  });
});
