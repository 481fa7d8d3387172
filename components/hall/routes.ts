// The hall's pages — what attendees' tablets and the projector open — and their addresses.
// Pure, so the server (which renders them) and the browser (which hydrates them) read an
// address the same way and render the same tree.
import { isMeetingCode, normalizeMeetingCode } from "@/components/attendee/meeting-code";

export type HallRoute =
  /** `/join`, or `/join?code=…` when what was typed is not a 会议码. */
  | { page: "join"; typed: string | null }
  /** `/join/<code>`: the tablet; `search` carries ?seat= and ?report=. */
  | { page: "tablet"; code: string; search: string }
  /** `/display/<meetingId>`: the projector (its token is in the fragment, never sent). */
  | { page: "display"; meetingId: string };

export type HallAddress = HallRoute | { redirect: string };

/**
 * The browser bundle of each page (components/hall/entries/): the attendee's covers the form
 * and the tablet, so the tablet's files are cached by the time the code is entered.
 */
export const HALL_BUNDLES = { attendee: ["join", "tablet"], display: ["display"] } as const satisfies Record<string, ReadonlyArray<HallRoute["page"]>>;
export type HallBundle = keyof typeof HALL_BUNDLES;

export const PAGE_TITLES: Record<HallRoute["page"], string> = {
  join: "输入会议码 · 述职评议会",
  tablet: "参会 · 述职评议会",
  display: "投影 · 述职评议会",
};

/** The single path segment after `prefix`, decoded; null when there is none or more. */
function segmentAfter(pathname: string, prefix: string): string | null {
  if (!pathname.startsWith(prefix)) return null;
  const rest = pathname.slice(prefix.length);
  if (rest === "" || rest.includes("/")) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return null;
  }
}

/**
 * Which hall page an address is; null for every other address. The join form submits
 * `?code=…`: a valid code goes straight on to the meeting, so joining works even before any
 * script has loaded.
 */
export function hallAddress(pathname: string, search: string): HallAddress | null {
  if (pathname === "/join") {
    const typed = new URLSearchParams(search).getAll("code").at(-1) ?? null;
    const code = typed === null ? null : normalizeMeetingCode(typed);
    if (code !== null && isMeetingCode(code)) return { redirect: `/join/${code}` };
    return { page: "join", typed };
  }
  const code = segmentAfter(pathname, "/join/");
  if (code !== null) return { page: "tablet", code, search };
  const meetingId = segmentAfter(pathname, "/display/");
  if (meetingId !== null) return { page: "display", meetingId };
  return null;
}
