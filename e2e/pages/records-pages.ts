// Page objects and API helpers for the after-meeting records (会后): a meeting of the test's
// own (a copy of the demo meeting, so the shared demo meeting is left alone), run to its close
// over the HTTP API; the 会后 panel; the 整改跟踪 page.
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { CHAIR_TOKEN, chairCommand, demoMeeting } from "./api";

const auth = { authorization: `Bearer ${CHAIR_TOKEN}` };

/** A fresh copy of the demo meeting; resolves with its id. */
export async function meetingOfOurOwn(request: APIRequestContext, title: string): Promise<string> {
  const demo = await demoMeeting(request);
  const response = await request.post(`/api/meetings/${demo.id}/copy`, { headers: auth, data: { title, date: "2024-01-16" } });
  if (!response.ok()) throw new Error(`copy refused: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

async function hallItem(request: APIRequestContext, meetingId: string): Promise<string> {
  const state = (await (await request.get(`/api/meetings/${meetingId}/state`)).json()) as { item: { key: string } };
  return state.item.key;
}

/** Item 3 and every point, up to 会议结束. */
export async function closeMeeting(request: APIRequestContext, meetingId: string): Promise<void> {
  await chairCommand(request, meetingId, { type: "agenda.goto", item: "closing" });
  for (let step = 0; step < 30 && (await hallItem(request, meetingId)) !== "closed"; step++) {
    await chairCommand(request, meetingId, { type: "agenda.next" });
  }
  expect(await hallItem(request, meetingId)).toBe("closed");
}

export class RecordsPanel {
  readonly root: Locator;
  constructor(readonly page: Page) {
    this.root = page.getByTestId("records-panel");
  }

  /** Clicks a download and resolves with the file as the browser saved it. */
  async download(name: string): Promise<{ fileName: string; bytes: Buffer }> {
    const [download] = await Promise.all([this.page.waitForEvent("download"), this.root.getByTestId(`records-download-${name}`).click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { fileName: download.suggestedFilename(), bytes: Buffer.concat(chunks) };
  }
}

export class RectificationPage {
  readonly items: Locator;
  constructor(readonly page: Page) {
    this.items = page.getByTestId("rectification-item");
  }

  async open(meetingId: string): Promise<void> {
    await this.page.goto(`/setup/${meetingId}/rectification#token=${CHAIR_TOKEN}`);
    await expect(this.page.getByRole("heading", { name: "整改跟踪", exact: true })).toBeVisible();
  }

  item(text: string): Locator {
    return this.items.filter({ hasText: text });
  }

  async setStatus(text: string, label: "未启动" | "整改中" | "已完成" | "已销号"): Promise<void> {
    await this.item(text).getByTestId("rectification-status").selectOption({ label });
  }
}
