// Meeting preparation data: the organisers' meeting list, meeting fields, 民主测评 setup,
// copying last year's meeting, and seat codes. Functions take explicit ids; the setup
// service decides who may call them and runs changes through the meeting's queue.
import { randomBytes, randomInt } from "node:crypto";
import { liveStateSchema } from "../domain/live-state-schema";
import { initialLiveState, type LiveState } from "../domain/meeting-types";
import type { ClosingPoint } from "../domain/snapshot";
import type { RankingRule, RatingLevel, VoterCategory } from "../domain/tally";
import type { Tx } from "../voting/ballot-data";
import type { Db } from "../platform/db";
import { newSeatCode, type SeatView } from "../voting/seat-data";

export function bumpVersion(tx: Tx, meetingId: string) {
  return tx.meeting.update({ where: { id: meetingId }, data: { version: { increment: 1 } }, select: { version: true } });
}

export async function writeLive(tx: Tx, meetingId: string, live: LiveState): Promise<void> {
  await tx.meeting.update({ where: { id: meetingId }, data: { live: JSON.stringify(live) } });
}

function parseLive(json: string): LiveState | null {
  try {
    const parsed = liveStateSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface SetupMeetingRecord {
  id: string;
  title: string;
  date: string;
  venue: string;
  attendeeCode: string;
  createdAt: Date;
  speakerCount: number;
  live: LiveState | null;
}

/** Newest first, with what the organisers' list shows. */
export async function listSetupMeetings(db: Db): Promise<SetupMeetingRecord[]> {
  const rows = await db.meeting.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, title: true, date: true, venue: true, attendeeCode: true, createdAt: true, live: true, _count: { select: { speakers: { where: { removed: false } } } } },
  });
  return rows.map(({ live, _count, ...row }) => ({ ...row, speakerCount: _count.speakers, live: parseLive(live) }));
}

export interface MeetingFields {
  title?: string;
  date?: string;
  venue?: string;
  chairName?: string;
  guests?: string;
  reportsTitle?: string;
  reportsText?: string;
  evaluationTitle?: string;
  evaluationText?: string;
  closingTitle?: string;
  closingText?: string;
  closingPoints?: ClosingPoint[];
  limitMs?: number;
  warningMs?: number;
}

export async function updateMeetingFields(tx: Tx, meetingId: string, fields: MeetingFields): Promise<void> {
  const { closingPoints, ...rest } = fields;
  await tx.meeting.update({
    where: { id: meetingId },
    data: { ...rest, ...(closingPoints ? { closingPoints: JSON.stringify(closingPoints) } : {}) },
  });
}

export async function updateEvaluationSetup(
  tx: Tx,
  meetingId: string,
  setup: { ratingLevels: RatingLevel[]; voterCategories: VoterCategory[]; rankingRule?: RankingRule; expectedVoters: number },
): Promise<void> {
  await tx.meeting.update({
    where: { id: meetingId },
    data: {
      ratingLevels: JSON.stringify(setup.ratingLevels),
      voterCategories: JSON.stringify(setup.voterCategories),
      ...(setup.rankingRule ? { rankingRule: JSON.stringify(setup.rankingRule) } : {}),
      expectedVoters: setup.expectedVoters,
    },
  });
}

/** Seats whose category is no longer one of the meeting's categories lose it. */
export async function clearUnknownSeatCategories(tx: Tx, meetingId: string, categoryIds: string[]): Promise<void> {
  await tx.seat.updateMany({ where: { meetingId, categoryId: { notIn: categoryIds } }, data: { categoryId: null } });
}

// ---- copying last year's meeting ------------------------------------------------------------

async function freshAttendeeCode(tx: Tx): Promise<string> {
  for (;;) {
    const code = String(randomInt(100000, 1000000));
    if (!(await tx.meeting.findUnique({ where: { attendeeCode: code }, select: { id: true } }))) return code;
  }
}

/**
 * A new meeting with the source's texts, settings, 民主测评 setup, roster (in order) and seat
 * layout — fresh codes, tokens and seat codes; no live state, 点评, ballots or lot draws.
 * Returns null when the source does not exist.
 */
export async function copyMeeting(
  db: Db,
  sourceId: string,
  input: { title: string; date: string; includeReports: boolean },
): Promise<{ id: string } | null> {
  return db.$transaction(async (tx) => {
    const source = await tx.meeting.findUnique({
      where: { id: sourceId },
      include: {
        speakers: { where: { removed: false }, orderBy: { position: "asc" }, include: { attachment: true } },
        seats: { select: { label: true, categoryId: true } },
      },
    });
    if (!source) return null;
    const settings = { limitMs: source.limitMs, warningMs: source.warningMs };
    const meeting = await tx.meeting.create({
      data: {
        title: input.title,
        date: input.date,
        venue: source.venue,
        chairName: source.chairName,
        guests: source.guests,
        reportsTitle: source.reportsTitle,
        reportsText: source.reportsText,
        evaluationTitle: source.evaluationTitle,
        evaluationText: source.evaluationText,
        closingTitle: source.closingTitle,
        closingText: source.closingText,
        closingPoints: source.closingPoints,
        ...settings,
        ratingLevels: source.ratingLevels,
        voterCategories: source.voterCategories,
        rankingRule: source.rankingRule,
        expectedVoters: source.expectedVoters,
        attendeeCode: await freshAttendeeCode(tx),
        displayToken: randomBytes(12).toString("base64url"),
        tellerToken: randomBytes(12).toString("base64url"),
        live: JSON.stringify(initialLiveState(settings)),
        // Last year's 整改事项 are shown beside the same units (server/records).
        copiedFromId: source.id,
      },
      select: { id: true },
    });
    for (const [position, s] of source.speakers.entries()) {
      const created = await tx.speaker.create({
        data: {
          meetingId: meeting.id,
          position,
          unit: s.unit,
          name: s.name,
          title: s.title,
          mode: s.mode,
          limitMs: s.limitMs,
          evaluated: s.evaluated,
          reportText: input.includeReports ? s.reportText : "",
        },
        select: { id: true },
      });
      if (input.includeReports && s.attachment) {
        // The pieces are shared, not copied: content never changes, and is deleted only once no row names it.
        const { fileName, contentType, bytes, html, fileContentId, fileSize, htmlContentId, htmlSize } = s.attachment;
        await tx.attachment.create({ data: { speakerId: created.id, fileName, contentType, bytes, html, fileContentId, fileSize, htmlContentId, htmlSize } });
      }
    }
    const seats = source.seats.length
      ? source.seats.map((seat) => ({ label: seat.label, categoryId: seat.categoryId }))
      : Array.from({ length: source.expectedVoters }, (_, i) => ({ label: `${i + 1}号`, categoryId: null }));
    if (seats.length) {
      await tx.seat.createMany({ data: seats.map((seat) => ({ ...seat, code: newSeatCode(), meetingId: meeting.id })) });
    }
    return meeting;
  });
}

// ---- seats ------------------------------------------------------------------------------------

export async function seatCounts(db: Db | Tx, meetingId: string): Promise<{ count: number; used: number }> {
  const [count, used] = await Promise.all([
    db.seat.count({ where: { meetingId } }),
    db.seat.count({ where: { meetingId, usedKey: { not: null } } }),
  ]);
  return { count, used };
}

function seatNumber(label: string): number {
  const match = /\d+/.exec(label);
  return match ? Number(match[0]) : 0;
}

/**
 * Makes the meeting have `count` seats. New seats are numbered after the highest one;
 * fewer seats removes the highest-numbered. With `regenerate`, every seat gets a new code
 * (labels 1号…N号 again), so cards printed before stop working. Only for seats nobody has
 * voted with: the caller checks.
 */
export async function resizeSeats(tx: Tx, meetingId: string, count: number, regenerate: boolean): Promise<void> {
  if (regenerate) {
    const old = await tx.seat.findMany({ where: { meetingId }, select: { label: true, categoryId: true } });
    const categoryByLabel = new Map(old.map((s) => [s.label, s.categoryId]));
    await tx.seat.deleteMany({ where: { meetingId } });
    const seats = Array.from({ length: count }, (_, i) => {
      const label = `${i + 1}号`;
      return { code: newSeatCode(), meetingId, label, categoryId: categoryByLabel.get(label) ?? null };
    });
    if (seats.length) await tx.seat.createMany({ data: seats });
    return;
  }
  const existing = (await tx.seat.findMany({ where: { meetingId }, select: { code: true, label: true } })).sort(
    (a, b) => seatNumber(a.label) - seatNumber(b.label),
  );
  if (count < existing.length) {
    const remove = existing.slice(count).map((s) => s.code);
    await tx.seat.deleteMany({ where: { meetingId, code: { in: remove } } });
    return;
  }
  const highest = existing.reduce((max, s) => Math.max(max, seatNumber(s.label)), 0);
  const added = Array.from({ length: count - existing.length }, (_, i) => ({
    code: newSeatCode(),
    meetingId,
    label: `${highest + i + 1}号`,
    categoryId: null,
  }));
  if (added.length) await tx.seat.createMany({ data: added });
}

/** Returns how many of the given seats belong to the meeting and were updated. */
export async function setSeatCategories(tx: Tx, meetingId: string, assignments: Array<{ code: string; categoryId: string | null }>): Promise<number> {
  let updated = 0;
  for (const { code, categoryId } of assignments) {
    updated += (await tx.seat.updateMany({ where: { meetingId, code }, data: { categoryId } })).count;
  }
  return updated;
}

/** Seats in label order (1号, 2号 … 10号). */
export async function seatsInOrder(db: Db, meetingId: string): Promise<SeatView[]> {
  const rows = await db.seat.findMany({ where: { meetingId }, select: { code: true, label: true, categoryId: true } });
  return rows.sort((a, b) => seatNumber(a.label) - seatNumber(b.label) || a.label.localeCompare(b.label, "zh-CN"));
}
