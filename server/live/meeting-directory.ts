// Who may connect to which meeting, held in memory so a handshake costs no query: each
// meeting's id, 会议码 and display/teller tokens, read once at start and told of every
// meeting created since. A code or id it does not know is looked up in the database once
// (a meeting created by another process), so it never refuses a real meeting.
import type { Db } from "../platform/db";
import { tellerSideToken } from "../platform/secrets";
import { findMeeting, findMeetingByCode, listMeetings, type MeetingSummary } from "./meeting-data";

export type MeetingKeys = Pick<MeetingSummary, "id" | "attendeeCode" | "displayToken" | "tellerToken">;

export interface MeetingDirectory {
  byCode(attendeeCode: string): Promise<MeetingKeys | null>;
  byId(meetingId: string): Promise<MeetingKeys | null>;
  /** Called for every meeting created or copied, so the index stays in step with the database. */
  add(meeting: MeetingKeys): void;
}

/** `known`: the meetings' keys when the caller has read them already (at start); else read here. */
export async function createMeetingDirectory(db: Db, known?: MeetingKeys[]): Promise<MeetingDirectory> {
  const ids = new Map<string, MeetingKeys>();
  const codes = new Map<string, MeetingKeys>();

  function add({ id, attendeeCode, displayToken, tellerToken }: MeetingKeys): void {
    const keys = { id, attendeeCode, displayToken, tellerToken };
    ids.set(id, keys);
    codes.set(attendeeCode, keys);
  }
  for (const meeting of known ?? (await listMeetings(db))) add(meeting);

  async function remember(found: MeetingSummary | null): Promise<MeetingKeys | null> {
    if (found) add(found);
    return found ? (ids.get(found.id) ?? null) : null;
  }

  return {
    byCode: (code) => {
      const known = codes.get(code);
      return known ? Promise.resolve(known) : findMeetingByCode(db, code).then(remember);
    },
    byId: (meetingId) => {
      const known = ids.get(meetingId);
      return known ? Promise.resolve(known) : findMeeting(db, meetingId).then(remember);
    },
    add,
  };
}

/**
 * The tellers' links of a meeting: 甲 (`A`) and 乙 (`B`) key the paper ballots and counts, each
 * as its own side only; `read` (the meeting's plain teller token) may only watch the round.
 * A meeting without a teller token derives the sides from the chair token.
 */
export function tellerTokens(meeting: Pick<MeetingKeys, "tellerToken">, chairToken: string): { A: string; B: string; read: string } {
  const base = meeting.tellerToken ?? chairToken;
  return { A: tellerSideToken(base, "A"), B: tellerSideToken(base, "B"), read: base };
}

/** The paths the tellers open: `/tellers/<id>#token=…` for 甲, 乙 and the read-only view. */
export function tellerPaths(meeting: Pick<MeetingKeys, "id" | "tellerToken">, chairToken: string): { A: string; B: string; read: string } {
  const tokens = tellerTokens(meeting, chairToken);
  const path = (token: string) => `/tellers/${meeting.id}#token=${token}`;
  return { A: path(tokens.A), B: path(tokens.B), read: path(tokens.read) };
}
