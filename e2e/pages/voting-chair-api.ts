// Look-ups the 民主测评 test needs over the HTTP API: the demo meeting, its links and its seat codes.
import { expect, type APIRequestContext } from "@playwright/test";

/** As set for the server in playwright.config.ts. */
export const CHAIR_TOKEN = process.env.E2E_CHAIR_TOKEN ?? "e2e-chair-token-0123";

export interface MeetingLinks {
  displayPath: string;
  /** The tellers' links: 甲 (A) and 乙 (B) key as their own side only; `read` only watches. */
  tellerPaths: { A: string; B: string; read: string };
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
}
