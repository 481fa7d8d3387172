// The chair's side of 民主测评 over the HTTP API (the same commands as the console's keys
// and buttons), plus the look-ups a test needs: the meeting, its links and its seat codes.
import { expect, type APIRequestContext } from "@playwright/test";

/** As set for the server in playwright.config.ts. */
export const CHAIR_TOKEN = process.env.E2E_CHAIR_TOKEN ?? "e2e-chair-token";

export interface MeetingLinks {
  displayPath: string;
  tellerPath: string;
  joinPath: string;
  attendeeCode: string;
}

export interface Seat {
  code: string;
  label: string;
}

export class VotingChairApi {
  constructor(
    private readonly request: APIRequestContext,
    readonly meetingId: string,
  ) {}

  private static headers = { authorization: `Bearer ${CHAIR_TOKEN}` };

  /**
   * The demo meeting the server seeds (40 seats, 13 evaluated secretaries). Found by title:
   * other specs create meetings too, and the list is newest first.
   */
  static async demo(request: APIRequestContext): Promise<VotingChairApi> {
    const res = await request.get("/api/meetings", { headers: VotingChairApi.headers });
    expect(res.ok()).toBe(true);
    const meetings = (await res.json()) as Array<{ id: string; title: string }>;
    const demo = meetings.find((m) => m.title.startsWith("2023年度"));
    expect(demo, "demo meeting").toBeDefined();
    return new VotingChairApi(request, demo!.id);
  }

  async links(): Promise<MeetingLinks> {
    const res = await this.request.get(`/api/meetings/${this.meetingId}/links`, { headers: VotingChairApi.headers });
    expect(res.ok()).toBe(true);
    return (await res.json()) as MeetingLinks;
  }

  async seats(): Promise<Seat[]> {
    const res = await this.request.get(`/api/meetings/${this.meetingId}/seats`, { headers: VotingChairApi.headers });
    expect(res.ok()).toBe(true);
    return (await res.json()) as Seat[];
  }

  /** Sends one chair command and expects it to be accepted. */
  async command(command: Record<string, unknown>): Promise<void> {
    const res = await this.request.post(`/api/meetings/${this.meetingId}/commands`, { headers: VotingChairApi.headers, data: command });
    expect(res.status(), `${String(command.type)}: ${await res.text()}`).toBe(200);
  }

  gotoEvaluation = () => this.command({ type: "agenda.goto", item: "evaluation" });
  openVoting = () => this.command({ type: "voting.open" });
  closeVoting = () => this.command({ type: "voting.close" });
  publish = () => this.command({ type: "results.publish" });
  hide = () => this.command({ type: "results.hide" });
}
