// The HTTP API as a test helper: find the demo meeting and its links, send chair commands.
import type { APIRequestContext } from "@playwright/test";

export const CHAIR_TOKEN = "e2e-chair-token-0123";
const auth = { authorization: `Bearer ${CHAIR_TOKEN}` };

export interface MeetingLinks {
  id: string;
  title: string;
  displayPath: string;
  joinPath: string;
  /** The tellers' links: 甲 (A) and 乙 (B) key as their own side only; `read` only watches. */
  tellerPaths: { A: string; B: string; read: string };
  attendeeCode: string;
}

/** The demo meeting the server seeds on an empty database. */
export async function demoMeeting(request: APIRequestContext): Promise<MeetingLinks> {
  const meetings = (await (await request.get("/api/meetings", { headers: auth })).json()) as Array<{ id: string; title: string }>;
  const demo = meetings.find((m) => m.title.startsWith("2023年度"));
  if (!demo) throw new Error("demo meeting missing");
  const links = (await (await request.get(`/api/meetings/${demo.id}/links`, { headers: auth })).json()) as Omit<MeetingLinks, "id" | "title">;
  return { id: demo.id, title: demo.title, ...links };
}

export async function chairCommand(request: APIRequestContext, meetingId: string, command: object): Promise<void> {
  const response = await request.post(`/api/meetings/${meetingId}/commands`, { headers: auth, data: command });
  if (!response.ok()) throw new Error(`${JSON.stringify(command)} refused: ${await response.text()}`);
}

export function chairPath(meetingId: string): string {
  return `/chair/${meetingId}#token=${CHAIR_TOKEN}`;
}
