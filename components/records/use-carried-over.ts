"use client";
// Last year's 整改事项 (from the meeting this one was copied from), read once per meeting: the
// chair with the token, a tablet with the meeting code. Empty when the meeting is not a copy.
import { useEffect, useState } from "react";
import type { CarriedItem } from "@/server/records/dossier";

export interface CarriedOver {
  title: string;
  items: CarriedItem[];
}

export function useCarriedOver(meetingId: string | null, credential: { token: string } | { code: string } | null): CarriedOver | null {
  const [carried, setCarried] = useState<CarriedOver | null>(null);
  const token = credential && "token" in credential ? credential.token : null;
  const code = credential && "code" in credential ? credential.code : null;
  useEffect(() => {
    if (!meetingId || (!token && !code)) return;
    let cancelled = false;
    const query = code ? `?code=${encodeURIComponent(code)}` : "";
    fetch(`/api/meetings/${encodeURIComponent(meetingId)}/carried-over${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      cache: "no-store",
    })
      .then((res) => (res.ok ? (res.json() as Promise<CarriedOver | null>) : null))
      .then((value) => {
        if (!cancelled) setCarried(value && value.items.length ? value : null);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [meetingId, token, code]);
  return carried;
}

export function carriedForUnit(carried: CarriedOver | null, unit: string): CarriedItem[] {
  return carried?.items.filter((item) => item.unit === unit) ?? [];
}
