"use client";
// "打开投影": opens the projector view, on the second screen when the browser lets us
// place windows (Window Management API), else as a window to drag there and press F11.
// The display token is not in the snapshot; GET /api/meetings/:id/links gives the paths.
import { useEffect, useRef, useState } from "react";

interface MeetingLinks {
  displayPath: string;
  joinPath: string;
  attendeeCode: string;
  lanAddresses?: string[];
}

/** The parts of the Window Management API used here (not yet in TypeScript's DOM types). */
interface PlacedScreen {
  availLeft: number;
  availTop: number;
  availWidth: number;
  availHeight: number;
  isPrimary: boolean;
}
interface ScreenLayout {
  screens: PlacedScreen[];
  currentScreen: PlacedScreen;
}
type WindowWithScreens = Window & { getScreenDetails?: () => Promise<ScreenLayout> };

const PROJECTOR_WINDOW = "debrief-projector";

function isLinks(value: unknown): value is MeetingLinks {
  return (
    !!value &&
    typeof value === "object" &&
    "displayPath" in value &&
    typeof value.displayPath === "string" &&
    "joinPath" in value &&
    typeof value.joinPath === "string" &&
    "attendeeCode" in value &&
    typeof value.attendeeCode === "string"
  );
}

async function fetchLinks(meetingId: string, token: string): Promise<MeetingLinks | string> {
  try {
    const res = await fetch(`/api/meetings/${encodeURIComponent(meetingId)}/links`, {
      headers: { authorization: `Bearer ${token}` },
      cache: "no-store",
    });
    const body: unknown = await res.json().catch(() => null);
    if (res.ok && isLinks(body)) return body;
    const message = body && typeof body === "object" && "message" in body && typeof body.message === "string" ? body.message : null;
    return message ?? `读取投影链接失败（HTTP ${res.status}）。`;
  } catch {
    return "无法连接服务器，读取投影链接失败。";
  }
}

/** The other screen, when the browser knows of one and the chair allowed window placement. */
async function secondScreen(): Promise<PlacedScreen | null> {
  const w = window as WindowWithScreens;
  if (typeof w.getScreenDetails !== "function") return null;
  try {
    const layout = await w.getScreenDetails();
    return layout.screens.find((s) => s !== layout.currentScreen) ?? null;
  } catch {
    return null; // Permission refused: fall back to a plain window.
  }
}

export function ProjectorButton({
  meetingId,
  token,
  onMessage,
}: {
  meetingId: string;
  token: string;
  onMessage: (text: string, tone: "info" | "error") => void;
}) {
  const [links, setLinks] = useState<MeetingLinks | null>(null);
  const [showLinks, setShowLinks] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  // The link panel closes on Esc or a click elsewhere, like a menu.
  useEffect(() => {
    if (!showLinks) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") setShowLinks(false);
    };
    const onPointer = (e: PointerEvent) => {
      if (box.current && e.target instanceof Node && !box.current.contains(e.target)) setShowLinks(false);
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("pointerdown", onPointer);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("pointerdown", onPointer);
    };
  }, [showLinks]);

  // Fetched ahead so the click can open the window while the click still counts as a user gesture.
  useEffect(() => {
    let current = true;
    void fetchLinks(meetingId, token).then((result) => {
      if (current && typeof result !== "string") setLinks(result);
    });
    return () => {
      current = false;
    };
  }, [meetingId, token]);

  async function open() {
    let found = links;
    if (!found) {
      const result = await fetchLinks(meetingId, token);
      if (typeof result === "string") return onMessage(result, "error");
      found = result;
      setLinks(result);
    }
    const url = new URL(found.displayPath, window.location.origin).toString();
    const screen = await secondScreen();
    const features = screen
      ? `popup,left=${screen.availLeft},top=${screen.availTop},width=${screen.availWidth},height=${screen.availHeight}`
      : "popup,width=1280,height=720";
    const win = window.open(url, PROJECTOR_WINDOW, features);
    if (!win) return onMessage("浏览器拦截了投影窗口：请允许本站弹出窗口，或在“其他设备”中复制投影链接。", "error");
    onMessage(
      screen ? "投影已在第二屏幕打开；在投影窗口按 F11 全屏。" : "投影窗口已打开：请拖到投影屏幕（扩展显示），再按 F11 全屏。",
      "info",
    );
  }

  const port = typeof window === "undefined" ? "" : window.location.port;
  const hosts = links?.lanAddresses?.length ? links.lanAddresses : [];
  const base = (host: string) => `http://${host}${port ? `:${port}` : ""}`;

  return (
    <div ref={box} className="relative flex items-center gap-2">
      {links && (
        <span className="text-sm text-slate-600">
          会议码 <span className="tabular font-mono text-slate-800">{links.attendeeCode}</span>
        </span>
      )}
      <button
        type="button"
        onClick={() => setShowLinks((v) => !v)}
        aria-expanded={showLinks}
        className="rounded border border-slate-300 px-2 py-1 text-sm text-slate-700 hover:bg-slate-100"
      >
        其他设备
      </button>
      <button
        type="button"
        data-testid="chair-open-display"
        onClick={() => void open()}
        className="rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700"
      >
        打开投影
      </button>
      {showLinks && (
        <div className="absolute top-full right-0 z-20 mt-2 w-[28rem] rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg">
          {!links && <p className="text-slate-600">正在读取链接…</p>}
          {links && (
            <dl className="space-y-2">
              <div>
                <dt className="text-slate-600">投影（另一台电脑，在其浏览器打开）</dt>
                {(hosts.length ? hosts : [window.location.host]).map((h) => (
                  <dd key={h} className="font-mono break-all text-slate-800 select-all">
                    {hosts.length ? base(h) : `${window.location.protocol}//${h}`}
                    {links.displayPath}
                  </dd>
                ))}
              </div>
              <div>
                <dt className="text-slate-600">参会平板</dt>
                {(hosts.length ? hosts : [window.location.host]).map((h) => (
                  <dd key={h} className="font-mono break-all text-slate-800 select-all">
                    {hosts.length ? base(h) : `${window.location.protocol}//${h}`}
                    {links.joinPath}
                  </dd>
                ))}
                <dd className="mt-1 text-slate-600">
                  或在平板输入会议码 <span className="tabular font-mono text-slate-900">{links.attendeeCode}</span>
                </dd>
              </div>
            </dl>
          )}
        </div>
      )}
    </div>
  );
}
