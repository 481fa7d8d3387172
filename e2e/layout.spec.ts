// The layout suite: every view in every phase of the meeting, at the sizes it is used at.
// Each test takes its own copy of the demo meeting through the day over the HTTP API (the
// phases after voting opens are one-way) while the views follow live, and for every view and
// phase checks that nothing is cut off or scrolls sideways and that the console stayed clean.
// A screenshot of each view, phase and size is saved under test-results/ for a reviewer to
// flip through; they are not compared with anything.
import type { Browser } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { LayoutMeeting, PHASES } from "./pages/layout-meeting";
import {
  ballotTargetProblems,
  layoutProblems,
  LIVE_VIEWS_AT,
  newContext,
  offScreen,
  openView,
  settle,
  SETUP_SIZES,
  SETUP_VIEWS,
  SIZES,
  type View,
  type ViewName,
} from "./pages/layout-views";

async function look(view: View, sizeName: string, step: string): Promise<void> {
  const info = test.info();
  const where = `${view.name} · ${step} · ${sizeName}`;
  expect.soft(await layoutProblems(view.page), `版面：${where}`).toEqual([]);
  expect.soft(view.takeErrors(), `控制台错误：${where}`).toEqual([]);
  await view.page.screenshot({ path: info.outputPath(`${step}--${view.name}.png`), fullPage: view.name.startsWith("setup") });
}

/** The tablet's part in 民主测评: a few levels chosen (a 较好 among them), the confirmation, then 已收到. */
async function voteOnTablet(view: View, sizeName: string, step: string): Promise<void> {
  const { page } = view;
  const rows = page.locator('[data-testid^="ballot-row-"]');
  await expect(rows).toHaveCount(13);
  const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")!.replace("ballot-row-", "")));
  const levels = ["fair", "good", "average", "fair"];
  for (const [i, level] of levels.entries()) await page.getByTestId(`ballot-mark-${ids[i]}-${level}`).click();
  expect.soft(await ballotTargetProblems(page), `测评票按钮：${sizeName}`).toEqual([]);
  await look(view, sizeName, `${step}-marked`);
  await page.getByTestId("ballot-submit").click();
  await expect(page.getByTestId("ballot-confirm")).toBeVisible();
  expect.soft(await offScreen(page, ["ballot-confirm-submit", "ballot-confirm-cancel"]), `确认框按钮：${sizeName}`).toEqual([]);
  await look(view, sizeName, `${step}-confirm`);
  await page.getByTestId("ballot-confirm-submit").click();
  // Fewer than k ballots so far: received, and waiting to be counted together with others.
  await expect(page.getByTestId("ballot-waiting")).toBeVisible();
  await look(view, sizeName, `${step}-waiting`);
}

test.describe.configure({ mode: "parallel" });

for (const sizeName of Object.keys(SIZES)) {
  const size = SIZES[sizeName]!;
  const liveViews = LIVE_VIEWS_AT[sizeName] ?? [];
  const groups: Array<{ label: string; views: ViewName[] }> = [];
  if (liveViews.length) groups.push({ label: "live views", views: liveViews });
  if (SETUP_SIZES.includes(sizeName)) groups.push({ label: "setup pages", views: SETUP_VIEWS });

  for (const group of groups) {
    test(`${group.label} at ${sizeName}`, async ({ browser, request }) => {
      test.setTimeout(10 * 60_000);
      const meeting = await LayoutMeeting.copyOfDemo(request, `版面检查 ${group.label} ${sizeName}`);
      const context = await newContext(browser, size);
      const views: View[] = [];
      for (const name of group.views) views.push(await openView(context, name, meeting));

      for (const [index, phase] of PHASES.entries()) {
        await phase.enter(meeting);
        const step = `${String(index + 1).padStart(2, "0")}-${phase.name}`;
        for (const view of views) {
          await settle(view, meeting, phase.name);
          await look(view, sizeName, step);
          if (view.name === "tablet" && phase.name === "voting-open") await voteOnTablet(view, sizeName, step);
          // Devices follow the agenda by themselves: after voting, a tablet is back on the agenda.
          if (view.name === "tablet" && (phase.name === "points" || phase.name === "closed")) {
            await expect.soft(view.page.getByTestId("tablet-report-list")).toBeVisible();
          }
        }
      }
      await context.close();
    });
  }
}
