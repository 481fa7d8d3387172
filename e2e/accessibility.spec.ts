// WCAG 2.1 AA on every screen (issue 14): axe-core with the wcag2a, wcag2aa, wcag21a and
// wcag21aa rules finds nothing — no violation of any impact, and no colour contrast it left
// "incomplete" that fails when measured — on every view at the sizes its users have, in every
// phase of the day. Each test takes its own copy of the demo meeting through the day over the
// HTTP API (as the layout suite does) while the views follow live.
import type { BrowserContext } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { CHAIR_TOKEN } from "./pages/api";
import { accessibilityProblems } from "./pages/axe-audit";
import { closeMeeting } from "./pages/records-pages";
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
      // The only ballot of this meeting waits for its batch (BALLOT_MIN_BATCH, 5 by default): 已收到.
      await expect(page.getByTestId("ballot-waiting")).toBeVisible();
      await audit(view, `已收到，等待计入 · ${size}`);
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

test("彩排 and 设备检查: the mark on the chair console (with its device counts), a tablet, the tellers and /setup; the sign on a tablet and the projector", async ({ browser, request }) => {
  test.setTimeout(10 * 60_000);
  const meeting = await LayoutMeeting.copyOfDemo(request, "无障碍检查 彩排");
  const contexts: BrowserContext[] = [];
  const open = async (name: ViewName, size: Size) => {
    const context = await newContext(browser, size);
    contexts.push(context);
    return openView(context, name, meeting);
  };
  const chair = await open("chair", CHAIR);
  const projector = await open("projector", PROJECTOR);
  const tablet = await open("tablet", TABLETS["390x844"]!);
  await settle(tablet, meeting, "pending");
  // Every count is in before the bar is checked.
  await expect(chair.page.getByTestId("presence-projectors")).toHaveText("1");
  await expect(chair.page.getByTestId("presence-seated")).toHaveText("1");
  await audit(chair, "在线设备");

  await chair.page.getByRole("button", { name: "设备检查" }).click();
  for (const view of [tablet, projector]) {
    await expect(view.page.getByTestId("device-check")).toBeVisible();
    await audit(view, "设备检查");
  }

  await chair.page.getByTestId("rehearsal-speed").selectOption("10");
  await chair.page.getByRole("button", { name: "开始彩排" }).click();
  const tellers = await open("tellers", CHAIR);
  const setup = await open("setup-info", CHAIR);
  for (const view of [chair, tablet, projector, tellers, setup]) {
    await expect(view.page.getByTestId("rehearsal-mark").first()).toBeVisible();
    await expect(view.page.getByTestId("device-check")).toHaveCount(0, { timeout: 15_000 });
    await audit(view, "彩排");
  }
  // The mark above a rehearsal ballot.
  await meeting.command({ type: "agenda.goto", item: "evaluation" });
  await meeting.command({ type: "voting.open" });
  await expect(tablet.page.getByTestId("ballot")).toBeVisible();
  await expect(tablet.page.getByTestId("rehearsal-mark").first()).toBeVisible();
  await audit(tablet, "彩排 测评票");
  chair.page.once("dialog", (dialog) => void dialog.accept());
  await chair.page.getByRole("button", { name: "结束彩排" }).click();
  await expect(chair.page.getByTestId("rehearsal-mark")).toHaveCount(0);
  for (const context of contexts) await context.close();
});

test("会后: the chair's panel after 会议结束, /setup/<id>/records and the 整改跟踪 page on a laptop and a phone", async ({ browser, request }) => {
  test.setTimeout(10 * 60_000);
  const meeting = await LayoutMeeting.copyOfDemo(request, "无障碍检查 会后");
  const context = await newContext(browser, CHAIR);
  const chair = await openView(context, "chair", meeting);
  // A 问题 and a 建议 on the first unit, so the 整改跟踪 page has items and their controls.
  await meeting.command({ type: "agenda.next" });
  await meeting.command({ type: "agenda.next" });
  const { page } = chair;
  for (const [n, text] of ["党建引领基层治理有成效", "软弱涣散党组织整顿进度偏慢", "建立问题清单，逐项销号"].entries()) {
    await page.getByTestId("comment-new").click();
    await expect(page.getByTestId("comment-text")).toHaveCount(n + 1);
    await page.getByTestId("comment-text").nth(n).fill(text);
    await expect(page.getByText("已保存")).toHaveCount(n + 1);
  }
  await closeMeeting(request, meeting.id);
  await expect(page.getByTestId("records-chain")).toBeVisible();
  await audit(chair, "会后材料");
  await context.close();

  for (const [size, viewport] of [["1366x768", CHAIR], ["390x844", TABLETS["390x844"]!]] as Array<[string, Size]>) {
    const setup = await newContext(browser, viewport);
    const records = new View("setup-info", await setup.newPage());
    await records.page.goto(`/setup/${meeting.id}/records#token=${CHAIR_TOKEN}`);
    await expect(records.page.getByTestId("records-chain")).toBeVisible();
    await audit(records, `会后材料 /setup · ${size}`);
    const rectification = new View("setup-info", await setup.newPage());
    await rectification.page.goto(`/setup/${meeting.id}/rectification#token=${CHAIR_TOKEN}`);
    await expect(rectification.page.getByTestId("rectification-item")).toHaveCount(2);
    await audit(rectification, `整改跟踪 · ${size}`);
    // An item opened for its 进展 notes.
    await rectification.page.getByTestId("rectification-item").first().getByTestId("rectification-status").selectOption({ label: "整改中" });
    await expect(rectification.page.getByTestId("rectification-item").first()).toHaveAttribute("data-status", "in_progress");
    await audit(rectification, `整改跟踪 整改中 · ${size}`);
    await setup.close();
  }
});
