// The hall projector during 第二项议程 民主测评: live counts, then the published results.
import { expect, type Locator, type Page } from "@playwright/test";

export class VotingProjector {
  readonly voting: Locator;
  readonly results: Locator;

  constructor(readonly page: Page) {
    this.voting = page.getByTestId("projector-voting");
    this.results = page.getByTestId("projector-results");
  }

  async open(displayPath: string): Promise<void> {
    await this.page.goto(displayPath);
  }

  /** 应到 / 已提交（电子）/ 纸质票收回 as the hall reads them. */
  async expectProgress(figures: { expected: number; electronic: number; paper: number }): Promise<void> {
    await expect(this.page.getByTestId("projector-expected")).toHaveText(String(figures.expected));
    await expect(this.page.getByTestId("projector-electronic")).toHaveText(String(figures.electronic));
    await expect(this.page.getByTestId("projector-paper")).toHaveText(String(figures.paper));
    await expect(this.page.getByTestId("projector-received")).toContainText(`${figures.electronic + figures.paper} / ${figures.expected}`);
  }

  row(speakerId: string): Locator {
    return this.page.getByTestId(`projector-result-${speakerId}`);
  }
}
