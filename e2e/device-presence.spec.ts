// 会前设备调试 (issue 13 item 7): the chair's tablet count follows tablets that join, close
// their page, or are put away (screen locked, another app in front: the page is hidden), and
// a hidden tablet that is shown again counts again — each change on the chair console
// within 2 s, not after the server's ping timeout.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { LayoutMeeting } from "./pages/layout-meeting";
import { ChairConsole } from "./pages/live-views";
import { VotingTablet } from "./pages/voting-tablet";

/** The bound on how soon the counts follow a tablet. */
const COUNTS_WITHIN_MS = 2_000;

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  return context.newPage();
}

/**
 * What the browser does when the tablet's screen is locked or another app comes to the front:
 * the page's visibility changes (a headless browser has no screen to lock, so it is set here).
 */
async function setVisibility(page: Page, state: "hidden" | "visible"): Promise<void> {
  await page.evaluate((value) => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => value });
    Object.defineProperty(document, "hidden", { configurable: true, get: () => value === "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);
}

test("the chair's tablet count drops within 2 s of a tablet closing or hiding its page, and comes back when it is shown", async ({ browser, request }) => {
  test.setTimeout(90_000);
  const meeting = await LayoutMeeting.copyOfDemo(request, "设备调试 述职评议会");
  const chair = new ChairConsole(await newPage(browser));
  await chair.open(meeting.chairPath);
  const tablets = chair.page.getByTestId("presence-tablets");
  await expect(tablets).toHaveText("0");

  const first = new VotingTablet(await newPage(browser));
  await first.open(meeting.attendeeCode);
  const second = new VotingTablet(await newPage(browser));
  await second.open(meeting.attendeeCode);
  await expect(tablets).toHaveText("2");
  await expect(second.page.getByTestId("tablet-item")).toBeVisible();

  // Put away: its screen locked.
  await setVisibility(second.page, "hidden");
  await expect(tablets).toHaveText("1", { timeout: COUNTS_WITHIN_MS });
  // Taken up again: it follows the meeting again.
  await setVisibility(second.page, "visible");
  await expect(tablets).toHaveText("2", { timeout: COUNTS_WITHIN_MS });
  await expect(second.page.getByTestId("tablet-item")).toBeVisible();

  // Closed.
  await first.page.close();
  await expect(tablets).toHaveText("1", { timeout: COUNTS_WITHIN_MS });
});
