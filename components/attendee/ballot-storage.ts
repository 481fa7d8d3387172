"use client";
// What a tablet remembers about its seat, per meeting (keyed by the 会议码):
// - the seat code from the desk card (localStorage), so a reload needs no QR scan;
// - the idempotency key of this seat's ballot (localStorage), created once and stored before
//   the ballot is sent, so a tablet that lost the answer can ask whether it counted;
// - the marks of a ballot being filled in (sessionStorage: survives a reload, not the tab,
//   and is wiped as soon as the ballot is counted, so the next person at the desk can't read it);
// - that the ballot was received and waits to be counted with others (sessionStorage, with the
//   marks): if the server lost it (a restart), the tablet sends the same ballot again.
// The draft, the waiting note and the counted note belong to one ballot epoch (domain/rehearsal.ts):
// a 彩排's ballots and the real meeting's are never taken for each other, so a tablet that voted
// in the rehearsal shows the real ballot, not 已提交. (The idempotency key may stay: 结束彩排
// clears every seat's use on the server.)
// Storage can be unavailable (private mode, quota): every function then degrades to memory.

import { REAL_MEETING_EPOCH } from "@/server/domain/rehearsal";

/** Seat codes are 8 characters printed on the desk card (no 0/O, 1/I/L). */
export const SEAT_CODE_LENGTH = 8;
/** 16 random bytes → 22 base64url characters. */
const KEY_BYTES = 16;

const seatKey = (code: string) => `debrief:seat:${code}`;
const ballotKeyKey = (code: string, seat: string) => `debrief:ballot-key:${code}:${seat}`;
const draftKey = (code: string, seat: string, epoch: string) => `debrief:ballot-draft:${code}:${seat}:${epoch}`;
const countedKey = (code: string, seat: string) => `debrief:ballot-counted:${code}:${seat}`;
const waitingKey = (code: string, seat: string, epoch: string) => `debrief:ballot-waiting:${code}:${seat}:${epoch}`;

/** As the server reads it: upper case, letters and digits only ("ab3d-ef7h" → "AB3DEF7H"). */
export function normaliseSeatInput(input: string): string {
  return input.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null;
  }
}

function write(storage: () => Storage, key: string, value: string | null): boolean {
  try {
    if (value === null) storage().removeItem(key);
    else storage().setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

const local = () => window.localStorage;
const session = () => window.sessionStorage;

export function readSeat(code: string): string | null {
  const seat = read(local, seatKey(code));
  return seat ? normaliseSeatInput(seat) : null;
}

export function saveSeat(code: string, seat: string | null): void {
  write(local, seatKey(code), seat);
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(KEY_BYTES);
  crypto.getRandomValues(bytes);
  return base64url(bytes);
}

const memoryKeys = new Map<string, string>();

/** This seat's ballot key on this tablet: created once, stored before it is ever sent. */
export function ballotKeyFor(code: string, seat: string): string {
  const name = ballotKeyKey(code, seat);
  const stored = read(local, name) ?? memoryKeys.get(name);
  if (stored && /^[A-Za-z0-9_-]{8,64}$/.test(stored)) return stored;
  const key = newIdempotencyKey();
  memoryKeys.set(name, key);
  write(local, name, key);
  return key;
}

export type DraftMarks = Record<string, string>;

export function readDraft(code: string, seat: string, epoch: string): DraftMarks {
  try {
    const value: unknown = JSON.parse(read(session, draftKey(code, seat, epoch)) ?? "{}");
    if (!value || typeof value !== "object") return {};
    const marks: DraftMarks = {};
    for (const [speakerId, levelId] of Object.entries(value)) if (typeof levelId === "string") marks[speakerId] = levelId;
    return marks;
  } catch {
    return {};
  }
}

export function saveDraft(code: string, seat: string, epoch: string, marks: DraftMarks): void {
  write(session, draftKey(code, seat, epoch), Object.keys(marks).length ? JSON.stringify(marks) : null);
}

/** Notes written before ballot epochs existed ("1") were the real meeting's. */
const LEGACY_COUNTED = "1";

/**
 * The tablet's own note that this seat's ballot counted in `epoch`: shown at once after a
 * reload, then confirmed by the server. A note from another epoch (a rehearsal) is no note.
 */
export function readCounted(code: string, seat: string, epoch: string): boolean {
  const stored = read(local, countedKey(code, seat));
  return stored === epoch || (stored === LEGACY_COUNTED && epoch === REAL_MEETING_EPOCH);
}

export function saveCounted(code: string, seat: string, epoch: string, counted: boolean): void {
  write(local, countedKey(code, seat), counted ? epoch : null);
  if (counted) {
    write(session, draftKey(code, seat, epoch), null);
    write(session, waitingKey(code, seat, epoch), null);
  }
}

/** The server answered 已收到 for this seat's ballot in `epoch`, and "counted" has not come yet. */
export function readWaiting(code: string, seat: string, epoch: string): boolean {
  return read(session, waitingKey(code, seat, epoch)) === "1";
}

export function saveWaiting(code: string, seat: string, epoch: string, waiting: boolean): void {
  write(session, waitingKey(code, seat, epoch), waiting ? "1" : null);
}
