// The tellers' page: teller 甲 / 乙 keying paper ballots with the keyboard alone.
import { expect, type Locator, type Page } from "@playwright/test";

export type TellerId = "A" | "B";

export class VotingTellers {
  readonly entry: Locator;
  readonly message: Locator;

  constructor(readonly page: Page) {
    this.entry = page.getByTestId("teller-entry");
    this.message = page.getByTestId("teller-message");
  }

  async open(tellerPath: string): Promise<void> {
    await this.page.goto(tellerPath);
  }

  async pick(teller: TellerId): Promise<void> {
    if (await this.entry.isVisible()) await this.page.getByRole("button", { name: "切换" }).click();
    await this.page.getByTestId(`teller-pick-${teller}`).click();
    await expect(this.entry).toHaveAttribute("data-teller", teller);
  }

  async setCounts(issued: number, returned: number): Promise<void> {
    await this.page.getByTestId("teller-issued").fill(String(issued));
    await this.page.getByTestId("teller-returned").fill(String(returned));
    await this.page.getByTestId("teller-counts-save").click();
    await expect(this.page.getByTestId("teller-round-message")).toContainText(`发出 ${issued} 张，收回 ${returned} 张`);
  }

  /**
   * Keys ballot `ballotNo` as read aloud: one key per row ("1"–"4" levels, "0" 弃权), then
   * Enter. The ballot number field counts on by itself; it is only typed when it differs.
   */
  async keyBallot(ballotNo: number, keys: string[]): Promise<void> {
    const number = this.page.getByTestId("teller-ballot-no");
    if ((await number.inputValue()) !== String(ballotNo)) {
      await this.page.keyboard.press("n");
      await number.fill(String(ballotNo));
      await number.press("Enter");
    }
    for (const key of keys) await this.page.keyboard.press(key);
    await this.page.keyboard.press("Enter");
    await expect(this.message).toHaveText(`第 ${ballotNo} 号票已保存。请录入下一张。`);
    await expect(number).toHaveValue(String(ballotNo + 1));
  }
}
