// WCAG 2.1 AA on every screen (issue 14): axe-core with the wcag2a, wcag2aa, wcag21a and
// wcag21aa rules finds nothing — no violation of any impact, and no colour contrast it left
// "incomplete" that fails when measured — on every view at the sizes its users have, in every
// phase of the day. Each test takes its own copy of the demo meeting through the day over the
// HTTP API (as the layout suite does) while the views follow live.
import type { BrowserContext } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { accessibilityProblems } from "./pages/axe-audit";
import { LayoutMeeting, PHASES } from "./pages/layout-meeting";
import { newContext, openView, settle, SETUP_VIEWS, View, type Size, type ViewName } from "./pages/layout-views";

const CHAIR: Size = { width: 1366, height: 768, touch: false };
const PROJECTOR: Size = { width: 1920, height: 1080, touch: false };
const TABLETS: Record<string, Size> = {
  "820x1180": { width: 820, height: 1180, touch: true },
  "390x844": { width: 390, height: 844, touch: true },
  "360x740": { width: 360, height: 740, touch: true },
};

async function audit(view: View, where: string): Promise<void> {
  expect.soft(await accessibilityProblems(view.page), `无障碍：${view.name} · ${where}`).toEqual([]);
}

test.describe.configure({ mode: "parallel" });

test("chair, projector and tellers pass axe in every phase", async ({ browser, request }) => {
  test.setTimeout(15 * 60_000);
  const meeting = await LayoutMeeting.copyOfDemo(request, "无障碍检查 主持人 投影 计票");
  const contexts: BrowserContext[] = [];
  const views: View[] = [];
  for (const [name, size] of [["chair", CHAIR], ["projector", PROJECTOR], ["tellers", CHAIR]] as Array<[ViewName, Size]>) {
    const context = await newContext(browser, size);
    contexts.push(context);
    views.push(await openView(context, name, meeting));
  }
  for (const phase of PHASES) {
    await phase.enter(meeting);
    for (const view of views) {
      await settle(view, meeting, phase.name);
      await audit(view, phase.name);
    }
  }
  for (const context of contexts) await context.close();
});

for (const [size, viewport] of Object.entries(TABLETS)) {
  test(`tablet at ${size} passes axe: join, seat code, agenda, ballot, confirmation, after voting`, async ({ browser, request }) => {
    test.setTimeout(15 * 60_000);
    const meeting = await LayoutMeeting.copyOfDemo(request, `无障碍检查 平板 ${size}`);
    const context = await newContext(browser, viewport);
    const view = await openView(context, "tablet", meeting);
    // A tablet that came without its desk card's link (a device of its own: the seat is
    // remembered per device): the join form, then the seat code prompt.
    const other = await newContext(browser, viewport);
    const noSeat = new View("tablet", await other.newPage());
    await noSeat.page.goto("/join");
    await expect(noSeat.page.locator("input").first()).toBeVisible();
    await audit(noSeat, `会议码 · ${size}`);
    await noSeat.page.goto(`/join/${meeting.attendeeCode}`);
    for (const phase of PHASES) {
      await phase.enter(meeting);
      await settle(view, meeting, phase.name);
      await audit(view, `${phase.name} · ${size}`);
      if (phase.name !== "voting-open") continue;
      await expect(noSeat.page.getByTestId("seat-prompt")).toBeVisible();
      await audit(noSeat, `座位码 · ${size}`);
      const { page } = view;
      await page.locator('[data-testid^="ballot-mark-"]').first().click();
      await audit(view, `测评票已选 · ${size}`);
      await page.getByTestId("ballot-submit").click();
      await expect(page.getByTestId("ballot-confirm")).toBeVisible();
      await audit(view, `确认提交 · ${size}`);
      await page.getByTestId("ballot-confirm-submit").click();
      // Received: counted at once, or 已收到 until its batch is counted (BALLOT_MIN_BATCH).
      await expect(page.getByTestId("ballot-done").or(page.getByTestId("ballot-waiting"))).toBeVisible();
      await audit(view, `已提交 · ${size}`);
    }
    await context.close();
    await other.close();
  });
}

test("every /setup page passes axe on a laptop and a phone", async ({ browser, request }) => {
  test.setTimeout(10 * 60_000);
  const meeting = await LayoutMeeting.copyOfDemo(request, "无障碍检查 会前准备");
  for (const [size, viewport] of [["1366x768", CHAIR], ["390x844", TABLETS["390x844"]!]] as Array<[string, Size]>) {
    const context = await newContext(browser, viewport);
    for (const name of SETUP_VIEWS) {
      const view = await openView(context, name, meeting);
      await settle(view, meeting, "pending");
      await audit(view, size);
      await view.page.close();
    }
    await context.close();
  }
});
