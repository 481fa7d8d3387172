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

  /**
   * Opens the link of teller `teller` (甲 A / 乙 B): the page is that teller's, as the server
   * says from the link's token, and offers no way to key as the other.
   */
  async open(tellerPath: string, teller: TellerId): Promise<void> {
    await this.page.goto(tellerPath);
    await expect(this.entry).toHaveAttribute("data-teller", teller);
    await expect(this.page.getByTestId("teller-current")).toHaveText(teller === "A" ? "计票人甲" : "计票人乙");
    await expect(this.page.getByRole("button", { name: "切换" })).toHaveCount(0);
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
