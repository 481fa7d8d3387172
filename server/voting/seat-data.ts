// Seats: one single-use code per voter, printed as a QR card on each desk.
import { randomInt } from "node:crypto";
import type { Db } from "../platform/db";

/** No 0/O, 1/I/L: a code read off a card and typed must not be ambiguous. */
const SEAT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const SEAT_CODE_LENGTH = 8;

export function newSeatCode(): string {
  let code = "";
  for (let i = 0; i < SEAT_CODE_LENGTH; i++) code += SEAT_ALPHABET[randomInt(SEAT_ALPHABET.length)];
  return code;
}

export function normaliseSeatCode(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

export interface SeatView {
  code: string;
  label: string;
  categoryId: string | null;
}

/** Adds `count` seats numbered after the existing ones, e.g. "第 12 座". */
export async function addSeats(db: Db, meetingId: string, count: number, categoryId: string | null = null): Promise<SeatView[]> {
  const existing = await db.seat.count({ where: { meetingId } });
  const seats = Array.from({ length: count }, (_, i) => ({
    code: newSeatCode(),
    meetingId,
    label: `${existing + i + 1}号`,
    categoryId,
  }));
  await db.seat.createMany({ data: seats });
  return seats.map(({ code, label, categoryId: c }) => ({ code, label, categoryId: c }));
}

export async function listSeats(db: Db, meetingId: string): Promise<SeatView[]> {
  const rows = await db.seat.findMany({ where: { meetingId }, select: { code: true, label: true, categoryId: true } });
  return rows.sort((a, b) => a.label.localeCompare(b.label, "zh-CN", { numeric: true }));
}

export function findSeat(db: Db, meetingId: string, code: string) {
  return db.seat.findFirst({ where: { meetingId, code }, select: { code: true, label: true, categoryId: true, usedKey: true } });
}

/** How many seats have voted: a count only, never which. */
export function countUsedSeats(db: Db, meetingId: string): Promise<number> {
  return db.seat.count({ where: { meetingId, usedKey: { not: null } } });
}

/** Seats whose category is none of `categoryIds` (unassigned, or left from an older setup). */
export function countSeatsOutside(db: Db, meetingId: string, categoryIds: string[]): Promise<number> {
  return db.seat.count({ where: { meetingId, OR: [{ categoryId: null }, { categoryId: { notIn: categoryIds } }] } });
}
