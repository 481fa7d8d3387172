"use client";
// The last meeting state this browser saw, kept for a reload while the server is away (a
// restart, a dropped Wi-Fi). With the service worker serving the page itself (public/sw.js),
// the projector comes back showing the meeting where it was, its countdown still running
// from the stored timestamps and clock offset, flagged stale until the socket reconnects.
import { useEffect, useState, type RefObject } from "react";
import type { HandshakeAuth } from "@/server/domain/events";
import type { MeetingSnapshot } from "@/server/domain/snapshot";

const STORAGE_PREFIX = "debrief:last:";
/** The offset is re-measured every 30 s while online; it is stored about as often. */
const OFFSET_SAVE_MS = 30_000;

interface Stored {
  snapshot: MeetingSnapshot;
  /** Server clock − this device's clock, as last measured. */
  offset: number;
}

/** One entry per role and meeting; the secret token is never part of the key or the value. */
function storageKey(auth: HandshakeAuth): string {
  return `${STORAGE_PREFIX}${auth.role}:${auth.role === "attendee" ? auth.code : auth.meetingId}`;
}

function isStored(value: unknown): value is Stored {
  if (!value || typeof value !== "object" || !("snapshot" in value) || !("offset" in value)) return false;
  const { snapshot, offset } = value;
  return (
    typeof offset === "number" &&
    Number.isFinite(offset) &&
    !!snapshot &&
    typeof snapshot === "object" &&
    "version" in snapshot &&
    "meeting" in snapshot &&
    "roster" in snapshot &&
    Array.isArray(snapshot.roster) &&
    "live" in snapshot
  );
}

function read(key: string): Stored | null {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(key) ?? "null");
    return isStored(value) ? value : null;
  } catch {
    return null; // A corrupt entry is no entry.
  }
}

function write(key: string, stored: Stored): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(stored));
  } catch {
    // Storage full or off: the view still works live; only a reload while offline shows less.
  }
}

/**
 * Remembers every live snapshot (and the clock offset) under the connection's role and
 * meeting, and returns the remembered one for as long as no live snapshot has arrived. It
 * also restores the stored clock offset into `offsetRef` until a new one is measured.
 */
export function useRememberedSnapshot(
  authKey: string | null,
  live: MeetingSnapshot | null,
  offsetRef: RefObject<number>,
): MeetingSnapshot | null {
  const key = authKey ? storageKey(JSON.parse(authKey) as HandshakeAuth) : null;
  const [remembered, setRemembered] = useState<MeetingSnapshot | null>(null);

  useEffect(() => {
    setRemembered(null);
    if (!key) return;
    const stored = read(key);
    if (!stored) return;
    offsetRef.current = stored.offset;
    setRemembered(stored.snapshot);
  }, [key, offsetRef]);

  useEffect(() => {
    if (!key || !live) return;
    const save = () => write(key, { snapshot: live, offset: offsetRef.current });
    save();
    // The offset is measured after the snapshot arrives: store it again as it settles and on leaving.
    const timer = setInterval(save, OFFSET_SAVE_MS);
    window.addEventListener("pagehide", save);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", save);
    };
  }, [key, live, offsetRef]);

  return live ? null : remembered;
}
