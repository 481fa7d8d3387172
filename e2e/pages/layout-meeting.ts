// A meeting of its own for the layout suite, driven through the HTTP API with the chair
// token: a copy of the demo meeting (same 13 units, texts, closing points and 40 seats),
// stepped through every phase of the day. Phases past the opening of voting are one-way, so
// each test makes its own copy and never touches the demo meeting other specs use.
import { expect, type APIRequestContext } from "@playwright/test";
import { CHAIR_TOKEN } from "./api";

// A fresh connection per request: between phases the suite may idle past the server's
// keep-alive timeout, and a request on a connection the server is closing fails with ECONNRESET.
const headers = { authorization: `Bearer ${CHAIR_TOKEN}`, connection: "close" };

interface HallTimer {
  remainingMs: number;
  elapsedMs: number;
  limitMs: number;
}

interface HallState {
  version: number;
  item: { key: string };
  timer: HallTimer;
}

interface SetupRoster {
  snapshot: { roster: Array<{ id: string; mode: "onsite" | "written" }> };
}

export class LayoutMeeting {
  /** The meeting version after the last command: every view must show it before it is checked. */
  version = 0;

  private constructor(
    private readonly request: APIRequestContext,
    readonly id: string,
    readonly displayPath: string,
    /** 甲 (A) and 乙 (B) key as their own side only; `read` only watches. */
    readonly tellerPaths: { A: string; B: string; read: string },
    readonly attendeeCode: string,
    readonly seatCode: string,
    readonly writtenUnitId: string,
  ) {}

  static async copyOfDemo(request: APIRequestContext, title: string): Promise<LayoutMeeting> {
    const meetings = (await (await request.get("/api/meetings", { headers })).json()) as Array<{ id: string; title: string }>;
    const demo = meetings.find((m) => m.title.startsWith("2023年度"));
    expect(demo, "demo meeting").toBeDefined();
    const copied = await request.post(`/api/meetings/${demo!.id}/copy`, { headers, data: { title, includeReports: true } });
    expect(copied.status(), await copied.text()).toBe(201);
    const { id } = (await copied.json()) as { id: string };
    const links = (await (await request.get(`/api/meetings/${id}/links`, { headers })).json()) as { displayPath: string; tellerPaths: { A: string; B: string; read: string }; attendeeCode: string };
    const seats = (await (await request.get(`/api/meetings/${id}/seats`, { headers })).json()) as Array<{ code: string }>;
    const setup = (await (await request.get(`/api/meetings/${id}/setup`, { headers })).json()) as SetupRoster & { snapshot: { version: number } };
    const written = setup.snapshot.roster.find((entry) => entry.mode === "written");
    expect(written, "a written unit").toBeDefined();
    const meeting = new LayoutMeeting(request, id, links.displayPath, links.tellerPaths, links.attendeeCode, seats[0]!.code, written!.id);
    meeting.version = setup.snapshot.version;
    return meeting;
  }

  get chairPath(): string {
    return `/chair/${this.id}#token=${CHAIR_TOKEN}`;
  }

  get joinPath(): string {
    return `/join/${this.attendeeCode}?seat=${this.seatCode}`;
  }

  async command(command: object): Promise<HallState> {
    const response = await this.request.post(`/api/meetings/${this.id}/commands`, { headers, data: command });
    expect(response.ok(), `${JSON.stringify(command)}: ${await response.text()}`).toBe(true);
    const state = (await response.json()) as HallState;
    this.version = state.version;
    return state;
  }

  /**
   * Moves the timer's limit so that `remainingMs` is left (negative: overtime). The limit
   * cannot go below zero, so overtime is at most the time spoken so far.
   */
  async leaveRemaining(remainingMs: number): Promise<void> {
    const state = (await (await this.request.get(`/api/meetings/${this.id}/state`)).json()) as HallState;
    const wanted = Math.round((remainingMs - state.timer.remainingMs) / 1000) * 1000;
    const delta = Math.max(wanted, -Math.floor(state.timer.limitMs / 1000) * 1000);
    if (delta !== 0) await this.command({ type: "timer.adjust", deltaMs: delta });
  }
}

export interface Phase {
  name: string;
  enter: (meeting: LayoutMeeting) => Promise<unknown>;
}

/** The day in order; each phase is entered from the one before. */
export const PHASES: Phase[] = [
  { name: "pending", enter: async () => {} },
  { name: "ready", enter: (m) => m.command({ type: "agenda.next" }) },
  { name: "reporting", enter: (m) => m.command({ type: "agenda.next" }) },
  // Running, 55 s left: amber for long enough to look at every view.
  { name: "warning", enter: (m) => m.leaveRemaining(55_000) },
  { name: "overtime", enter: (m) => m.leaveRemaining(-11_000) },
  { name: "review", enter: (m) => m.command({ type: "agenda.next" }) },
  { name: "written", enter: (m) => m.command({ type: "speaker.open", speakerId: m.writtenUnitId }) },
  {
    name: "voting-open",
    enter: async (m) => {
      await m.command({ type: "agenda.goto", item: "evaluation" });
      await m.command({ type: "voting.open" });
    },
  },
  { name: "voting-closed", enter: (m) => m.command({ type: "voting.close" }) },
  { name: "published", enter: (m) => m.command({ type: "results.publish" }) },
  { name: "points", enter: (m) => m.command({ type: "agenda.next" }) },
  {
    name: "closed",
    enter: async (m) => {
      for (let state = await m.command({ type: "agenda.next" }); state.item.key !== "closed"; ) state = await m.command({ type: "agenda.next" });
    },
  },
];
