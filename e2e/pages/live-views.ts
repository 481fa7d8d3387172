// Page objects for the three live views: chair console, projector, tablet.
import { expect, type Locator, type Page } from "@playwright/test";

/** "5:42" → 342 seconds; "+0:07" → -7. */
export function clockSeconds(text: string): number {
  const match = /^(\+?)(\d+):(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`not a clock: "${text}"`);
  const seconds = Number(match[2]) * 60 + Number(match[3]);
  return match[1] ? -seconds : seconds;
}

export class ChairConsole {
  readonly timer: Locator;
  readonly currentSpeaker: Locator;
  readonly item: Locator;
  readonly connection: Locator;

  constructor(readonly page: Page) {
    this.timer = page.getByTestId("chair-timer");
    this.currentSpeaker = page.getByTestId("chair-current-speaker");
    this.item = page.getByTestId("chair-item");
    this.connection = page.getByTestId("chair-connection");
  }

  async open(path: string): Promise<void> {
    await this.page.goto(path);
    await expect(this.connection).toContainText("在线");
  }

  /** Keyboard first: the chair's hands stay on the keys. */
  async press(key: "ArrowRight" | "ArrowLeft" | "Space" | "+" | "-"): Promise<void> {
    await this.page.locator("body").click({ position: { x: 2, y: 2 } });
    await this.page.keyboard.press(key);
  }

  async addComment(text: string): Promise<Locator> {
    await this.page.getByTestId("comment-new").click();
    const entry = this.page.getByTestId("comment-text").last();
    await entry.fill(text);
    return entry;
  }
}

export class Projector {
  readonly countdown: Locator;
  readonly speaker: Locator;
  readonly item: Locator;
  readonly next: Locator;

  constructor(readonly page: Page) {
    this.countdown = page.getByTestId("projector-countdown");
    this.speaker = page.getByTestId("projector-speaker");
    this.item = page.getByTestId("projector-item");
    this.next = page.getByTestId("projector-next");
  }

  async seconds(): Promise<number> {
    return clockSeconds((await this.countdown.textContent()) ?? "");
  }
}

export class Tablet {
  readonly speaker: Locator;
  readonly item: Locator;
  readonly countdown: Locator;

  constructor(readonly page: Page) {
    this.speaker = page.getByTestId("tablet-speaker");
    this.item = page.getByTestId("tablet-item");
    this.countdown = page.getByTestId("tablet-countdown");
  }
}
