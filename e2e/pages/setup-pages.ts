// Page objects for meeting preparation (/setup): the organiser's meeting list, the roster
// with its import, and the access page with the join QR code and seat cards.
import { expect, type Locator, type Page } from "@playwright/test";

export class SetupMeetingList {
  constructor(readonly page: Page) {}

  /** Opens the list with the organiser's token in the link, as the server prints it. */
  async open(token: string): Promise<void> {
    await this.page.goto(`/setup#token=${token}`);
    await expect(this.page.getByRole("heading", { name: "会前准备" })).toBeVisible();
  }

  /** Creates a meeting; resolves with its id once its setup page is open. */
  async create(fields: { title: string; date: string; venue: string; voters: number }): Promise<string> {
    await this.page.getByTestId("setup-new-meeting").click();
    await this.page.getByLabel("会议名称（必填）").fill(fields.title);
    await this.page.getByLabel("会议日期").fill(fields.date);
    await this.page.getByLabel("会议地点").fill(fields.venue);
    await this.page.getByLabel("应到人数（民主测评）").fill(String(fields.voters));
    await this.page.getByTestId("new-meeting-submit").click();
    await this.page.waitForURL(/\/setup\/[^/]+$/);
    await expect(this.page.getByTestId("setup-meeting-title")).toHaveText(fields.title);
    return decodeURIComponent(new URL(this.page.url()).pathname.split("/")[2] ?? "");
  }
}

export class SetupRoster {
  readonly units: Locator;
  readonly flash: Locator;
  readonly lotResult: Locator;

  constructor(readonly page: Page) {
    this.units = page.getByTestId("roster-unit");
    this.flash = page.getByTestId("roster-flash");
    this.lotResult = page.getByTestId("roster-lot-result");
  }

  async open(meetingId: string): Promise<void> {
    await this.page.goto(`/setup/${meetingId}/roster`);
    await expect(this.page.getByRole("heading", { name: "述职名单" })).toBeVisible();
  }

  row(position: number): Locator {
    return this.page.getByTestId(`roster-row-${position}`);
  }

  async order(): Promise<string[]> {
    return this.units.allTextContents();
  }

  /** Keyboard reordering: focus the row's ⠿ handle, then Alt+↑ / Alt+↓. */
  async moveWithKeyboard(position: number, direction: "up" | "down"): Promise<void> {
    await this.row(position).getByTestId("roster-handle").focus();
    await this.page.keyboard.press(direction === "up" ? "Alt+ArrowUp" : "Alt+ArrowDown");
  }

  async dragRow(from: number, to: number): Promise<void> {
    await this.row(from).getByTestId("roster-handle").dragTo(this.row(to));
  }

  async drawLots(): Promise<void> {
    await this.page.getByTestId("roster-draw-lots").click();
    await this.page.getByRole("button", { name: "开始抽签" }).click();
    await expect(this.lotResult).toContainText("抽签结果");
  }

  /** Removes the unit, answering the confirmation dialog. */
  async remove(unit: string): Promise<void> {
    await this.page.getByRole("button", { name: `移除 ${unit}` }).click();
    await this.page.getByRole("dialog").getByRole("button", { name: /移除/ }).click();
    await expect(this.flash).toContainText(`已从名单中移除：${unit}`);
  }
}

export class SetupImport {
  readonly rows: Locator;
  readonly summary: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId("import-row");
    this.summary = page.getByTestId("import-summary");
    this.error = page.getByTestId("import-error");
  }

  async choose(file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByTestId("import-file").setInputFiles(file);
  }

  async confirm(mode: "replace" | "append"): Promise<void> {
    await this.page.getByTestId(`import-mode-${mode}`).check();
    await this.page.getByTestId("import-confirm").click();
  }
}

export class SetupAccess {
  readonly joinQr: Locator;
  readonly code: Locator;

  constructor(readonly page: Page) {
    this.joinQr = page.getByTestId("join-qr");
    this.code = page.getByTestId("access-code");
  }

  async open(meetingId: string): Promise<void> {
    await this.page.goto(`/setup/${meetingId}/access`);
    await expect(this.joinQr).toBeVisible();
  }

  async useAddress(address: string): Promise<void> {
    const select = this.page.getByTestId("access-address");
    if (await select.count()) await select.selectOption(address);
  }

  /** The URL the join QR code encodes (also shown as text under it). */
  async joinTarget(): Promise<string> {
    return (await this.joinQr.getAttribute("data-qr-target")) ?? "";
  }

  async displayLink(): Promise<string> {
    return (await this.page.getByTestId("open-display").getAttribute("href")) ?? "";
  }
}
