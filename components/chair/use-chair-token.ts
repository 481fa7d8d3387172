"use client";
// The chair's token: from the link's #token=… (then kept in localStorage by
// tokenFromLocation), or pasted into a form when the page was opened without one.
import { useCallback, useEffect, useState } from "react";
import { tokenFromLocation } from "@/components/realtime/stored-token";

export const CHAIR_TOKEN_KEY = "debrief:chair";

export interface ChairToken {
  /** False until the page has looked at the URL and localStorage (they only exist in the browser). */
  ready: boolean;
  token: string | null;
  save: (token: string) => void;
  forget: () => void;
}

export function useChairToken(): ChairToken {
  const [state, setState] = useState<{ ready: boolean; token: string | null }>({ ready: false, token: null });

  useEffect(() => {
    const token = tokenFromLocation(CHAIR_TOKEN_KEY);
    // The secret is stored now; take it out of the address bar so it is not shown or shared by accident.
    if (new URLSearchParams(window.location.hash.slice(1)).has("token")) {
      window.history.replaceState(window.history.state, "", window.location.pathname + window.location.search);
    }
    setState({ ready: true, token });
  }, []);

  const save = useCallback((token: string) => {
    window.localStorage.setItem(CHAIR_TOKEN_KEY, token);
    setState({ ready: true, token });
  }, []);

  const forget = useCallback(() => {
    window.localStorage.removeItem(CHAIR_TOKEN_KEY);
    setState({ ready: true, token: null });
  }, []);

  return { ...state, save, forget };
}
