"use client";
// The access view (join QR, projector link, seat cards) at the address the organiser picked.
import { useCallback, useEffect, useState } from "react";
import type { AccessView } from "@/server/setup/setup-schemas";
import { useSetup } from "./setup-context";

export function useAccess(address: string | null) {
  const { meetingId, request, view } = useSetup();
  const [access, setAccess] = useState<AccessView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const query = address ? `?address=${encodeURIComponent(address)}` : "";
    const result = await request<AccessView>(`/api/meetings/${encodeURIComponent(meetingId)}/access${query}`);
    if (result.ok) {
      setAccess(result.data);
      setError(null);
    } else setError(result.message);
  }, [address, meetingId, request]);

  // Reload when the meeting changes too (categories renamed, voting opened…).
  useEffect(() => {
    void load();
  }, [load, view.snapshot.version]);

  return { access, error, reload: load };
}
