// An attendee tablet during 民主测评: the ballot, its confirmation and the outcome screens.
import { expect, type Locator, type Page } from "@playwright/test";

export class VotingTablet {
  readonly ballot: Locator;
  readonly done: Locator;
  /** 已收到，正在与其他选票一并计入: received, waiting to be written with other ballots. */
  readonly waiting: Locator;
  readonly closed: Locator;
  readonly usedElsewhere: Locator;

  constructor(readonly page: Page) {
    this.ballot = page.getByTestId("ballot");
    this.done = page.getByTestId("ballot-done");
    this.waiting = page.getByTestId("ballot-waiting");
    this.closed = page.getByTestId("ballot-closed");
    this.usedElsewhere = page.getByTestId("ballot-used-elsewhere");
  }

  /** Opens the tablet as the desk card's QR code does: /join/<code>?seat=<seat code>. */
  async open(attendeeCode: string, seatCode?: string): Promise<void> {
    await this.page.goto(`/join/${attendeeCode}${seatCode ? `?seat=${encodeURIComponent(seatCode)}` : ""}`);
  }

  /** The evaluated secretaries' ids, in ballot (agenda) order. */
  async speakerIds(): Promise<string[]> {
    await expect(this.ballot).toBeVisible();
    const rows = this.page.locator('[data-testid^="ballot-row-"]');
    const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")!.replace("ballot-row-", "")));
    expect(ids.length).toBeGreaterThan(0);
    return ids;
  }

  /** Taps `levelId` on each row; a null leaves the row blank (弃权). */
  async fill(marks: Array<string | null>): Promise<void> {
    const ids = await this.speakerIds();
    expect(marks).toHaveLength(ids.length);
    for (const [i, levelId] of marks.entries()) {
      if (levelId !== null) await this.page.getByTestId(`ballot-mark-${ids[i]}-${levelId}`).click();
    }
    // Rows left blank stay marked 未评 until the ballot is sent.
    for (const [i, levelId] of marks.entries()) {
      const row = this.page.getByTestId(`ballot-row-${ids[i]}`);
      if (levelId === null) await expect(row).toHaveAttribute("data-blank", "true");
      else await expect(row).not.toHaveAttribute("data-blank");
    }
  }

  /**
   * Submits and confirms; `abstentions` is how many blank rows the confirmation must list.
   * The server answers 已收到 until the ballot is written together with others.
   */
  async submit(abstentions: number): Promise<void> {
    await this.page.getByTestId("ballot-submit").click();
    const dialog = this.page.getByTestId("ballot-confirm");
    await expect(dialog).toBeVisible();
    if (abstentions > 0) {
      await expect(dialog.getByTestId("ballot-abstain-note")).toHaveText(`以下 ${abstentions} 位未评价，将按弃权计：`);
      await expect(dialog.getByTestId("ballot-abstain-list").locator("li")).toHaveCount(abstentions);
    }
    await dialog.getByTestId("ballot-confirm-submit").click();
    await expect(this.waiting).toContainText("已收到，正在与其他选票一并计入");
  }
}
