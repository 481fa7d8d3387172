"use client";
// One meeting being prepared: the setup view from the HTTP API, refreshed whenever the
// meeting changes (the chair advancing on the day, another organiser's edit), and the
// organiser's token for the calls the pages make.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useMeeting, type ConnectionState } from "@/components/realtime/use-meeting";
import type { SetupView } from "@/server/setup/setup-schemas";
import { setupRequest, type ApiResult, type RequestOptions } from "./setup-api";

export type SetupLoad =
  | { status: "loading" }
  | { status: "ok"; view: SetupView }
  | { status: "unauthorized"; message: string }
  | { status: "missing"; message: string }
  | { status: "error"; message: string };

export interface SetupContextValue {
  meetingId: string;
  token: string;
  view: SetupView;
  connection: ConnectionState;
  reload: () => Promise<void>;
  request: <T>(path: string, options?: RequestOptions) => Promise<ApiResult<T>>;
}

const SetupContext = createContext<SetupContextValue | null>(null);

export function useSetup(): SetupContextValue {
  const value = useContext(SetupContext);
  if (!value) throw new Error("useSetup outside <SetupShell>");
  return value;
}

/** Loads the setup view and keeps it current; the shell renders by its state. */
export function useSetupLoad(meetingId: string, token: string | null) {
  const [load, setLoad] = useState<SetupLoad>({ status: "loading" });
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (!token) return;
    const ticket = ++latest.current;
    const result = await setupRequest<SetupView>(token, `/api/meetings/${encodeURIComponent(meetingId)}/setup`);
    if (ticket !== latest.current) return; // a newer load has started: keep its answer
    if (result.ok) setLoad({ status: "ok", view: result.data });
    else if (result.status === 401) setLoad({ status: "unauthorized", message: result.message });
    else if (result.status === 404) setLoad({ status: "missing", message: result.message });
    else setLoad((current) => (current.status === "ok" ? current : { status: "error", message: result.message }));
  }, [meetingId, token]);

  useEffect(() => {
    void reload();
  }, [reload]);

  // The live socket (as the chair) tells us when anything changed; the view is then reloaded
  // so locks, 点评 counts and live status stay true.
  const live = useMeeting(token && load.status === "ok" ? { role: "chair", meetingId, token } : null);
  const liveVersion = live.snapshot?.version ?? -1;
  const viewVersion = load.status === "ok" ? load.view.snapshot.version : -1;
  useEffect(() => {
    if (liveVersion > viewVersion && viewVersion >= 0) void reload();
  }, [liveVersion, viewVersion, reload]);

  return { load, reload, connection: live.connection };
}

export function SetupProvider({ value, children }: { value: SetupContextValue; children: ReactNode }) {
  return <SetupContext.Provider value={value}>{children}</SetupContext.Provider>;
}
