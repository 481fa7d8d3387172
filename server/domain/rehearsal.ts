// 彩排 (rehearsal) on the real meeting: the meeting's own clock and what a rehearsal is.
// Pure, shared by the server and every screen.
//
// One clock per meeting: in a real meeting it is the server's wall clock; in a rehearsal at
// 10× it runs ten times faster from the moment the rehearsal started. The agenda engine, the
// HTTP state and every screen's countdown read meeting time through `meetingTime`, so a
// 6-minute speech passes in 36 s everywhere at once, and no second timer exists.
//
// No zod here: tablets and the projector import this file, and a schema built at module
// level keeps all of zod (≈ 30 KB gzip) in their pages. The command's schema is in
// rehearsal-schema.ts.
import type { LiveState } from "./meeting-types";
import { fail, ok, type Result } from "./result";

export const REHEARSAL_SPEEDS = [1, 10] as const;
export type RehearsalSpeed = (typeof REHEARSAL_SPEEDS)[number];

export interface RehearsalState {
  speed: RehearsalSpeed;
  /** Server wall-clock time (epoch ms) the rehearsal started at: its clock's origin. */
  startedAt: number;
  /**
   * Random per rehearsal. A tablet files what it remembers of a ballot under the meeting's
   * ballot epoch (see `ballotEpoch`), so a rehearsal ballot is never taken for a real one.
   */
  epoch: string;
}

/**
 * The meeting's time at server wall-clock time `wallNow`. Stored as an origin and a speed,
 * so a server restarted during a rehearsal comes back at the rehearsal clock's time.
 */
export function meetingTime(rehearsal: RehearsalState | null | undefined, wallNow: number): number {
  if (!rehearsal || rehearsal.speed === 1) return wallNow;
  return rehearsal.startedAt + (wallNow - rehearsal.startedAt) * rehearsal.speed;
}

export const REAL_MEETING_EPOCH = "meeting";

/** Which ballots a tablet's memory belongs to: the real meeting's, or one rehearsal's. */
export function ballotEpoch(live: LiveState): string {
  return live.rehearsal ? `rehearsal-${live.rehearsal.epoch}` : REAL_MEETING_EPOCH;
}

/** A rehearsal may start only before the real meeting has: agenda not begun, voting never opened. */
export function canStartRehearsal(live: LiveState): Result<null> {
  if (live.rehearsal) return fail("illegal", "彩排正在进行：请先结束彩排。");
  if (live.cursor.item !== "pending" || live.voting.status !== "idle") {
    return fail("illegal", "会议已开始，不能再彩排。彩排只能在会议开始前进行。");
  }
  return ok(null);
}

/** "10× 加速" / "1× 实时", beside the 彩排 mark. */
export function rehearsalSpeedLabel(rehearsal: RehearsalState): string {
  return rehearsal.speed === 1 ? "1× 实时" : `${rehearsal.speed}× 加速`;
}
