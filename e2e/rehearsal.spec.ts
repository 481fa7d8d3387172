// 彩排 on the real meeting, end to end, one browser context per role: the device counts on
// the chair console follow the projector and a tablet; a 10× rehearsal runs the countdown ten
// times faster on the projector, the chair writes a 点评 and the tablet casts a ballot; 结束彩排
// puts everything back, and the same tablet with the same desk card then gets the real ballot.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { LayoutMeeting } from "./pages/layout-meeting";
import { layoutProblems } from "./pages/layout-views";
import { CHAIR_TOKEN } from "./pages/api";
import { ChairConsole, Projector } from "./pages/live-views";
import { VotingTablet } from "./pages/voting-tablet";

async function newPage(browser: Browser, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  return context.newPage();
}

test("a 10× rehearsal with 点评 and a ballot, ended, then the real meeting on the same tablet", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const meeting = await LayoutMeeting.copyOfDemo(request, "彩排检查 述职评议会");
  const chair = new ChairConsole(await newPage(browser, 1440, 900));
  await chair.open(meeting.chairPath);
  await expect(chair.page.getByTestId("presence-tablets")).toHaveText("0");

  // Device check: the counts follow the screens that join.
  // A 4:3 projector: the tightest banner for the 彩排 mark beside the title.
  const projector = new Projector(await newPage(browser, 1024, 768));
  await projector.page.goto(meeting.displayPath);
  const tablet = new VotingTablet(await newPage(browser, 1024, 768));
  await tablet.open(meeting.attendeeCode, meeting.seatCode);
  await expect(chair.page.getByTestId("presence-projectors")).toHaveText("1");
  await expect(chair.page.getByTestId("presence-tablets")).toHaveText("1");
  await expect(chair.page.getByTestId("presence-seated")).toHaveText("1");
  await chair.page.getByRole("button", { name: "设备检查" }).click();
  for (const page of [projector.page, tablet.page]) await expect(page.getByTestId("device-check")).toContainText("设备检查");
  await expect(chair.page.getByTestId("device-check")).toHaveCount(0);

  // 开始彩排 at 10×: every screen shows the mark.
  await chair.page.getByTestId("rehearsal-speed").selectOption("10");
  await chair.page.getByRole("button", { name: "开始彩排" }).click();
  for (const page of [chair.page, projector.page, tablet.page]) await expect(page.getByTestId("rehearsal-mark")).toBeVisible();
  // The tellers' page and the preparation pages show it too.
  const tellers = await newPage(browser, 1366, 768);
  await tellers.goto(meeting.tellerPaths.A);
  const setup = await newPage(browser, 1366, 768);
  await setup.goto(`/setup/${meeting.id}#token=${CHAIR_TOKEN}`);
  for (const page of [tellers, setup]) await expect(page.getByTestId("rehearsal-mark")).toBeVisible();

  await meeting.command({ type: "agenda.next" });
  await meeting.command({ type: "timer.start" });
  await expect(projector.countdown).toBeVisible();
  // Ten seconds of speech per second of wall clock, bounded by when each reading could have been taken.
  const beforeFirst = Date.now();
  const first = await projector.seconds();
  const afterFirst = Date.now();
  await projector.page.waitForTimeout(2_000);
  const beforeSecond = Date.now();
  const second = await projector.seconds();
  const afterSecond = Date.now();
  expect(first - second).toBeGreaterThanOrEqual(Math.floor((10 * (beforeSecond - afterFirst)) / 1000) - 2);
  expect(first - second).toBeLessThanOrEqual(Math.ceil((10 * (afterSecond - beforeFirst)) / 1000) + 2);
  // The mark never covers the countdown or the speaker.
  const mark = (await projector.page.getByTestId("rehearsal-mark").boundingBox())!;
  for (const part of [projector.countdown, projector.speaker]) {
    const box = (await part.boundingBox())!;
    expect(mark.y + mark.height <= box.y || box.y + box.height <= mark.y || mark.x + mark.width <= box.x || box.x + box.width <= mark.x).toBe(true);
  }
  for (const page of [chair.page, projector.page, tablet.page]) expect.soft(await layoutProblems(page), page.url()).toEqual([]);
  // Within the last minute the countdown turns amber, and red after 0:00, in seconds of wall clock.
  await meeting.leaveRemaining(70_000);
  await expect(projector.countdown).toHaveClass(/text-amber-400/, { timeout: 5_000 });
  await expect(projector.countdown).toHaveClass(/text-red-500/, { timeout: 10_000 });

  const note = await chair.addComment("彩排点评：仅供演练");
  await expect(note).toHaveValue("彩排点评：仅供演练");
  await expect(chair.page.getByTestId("comment-status").last()).toHaveAttribute("data-state", "saved");

  await meeting.command({ type: "agenda.goto", item: "evaluation" });
  await meeting.command({ type: "voting.open" });
  const rows = (await tablet.speakerIds()).length;
  await expect(tablet.page.getByTestId("rehearsal-mark")).toBeVisible();
  expect.soft(await layoutProblems(tablet.page), "ballot during 彩排").toEqual([]);
  await tablet.fill(Array<string>(rows).fill("good"));
  await tablet.submit(0);

  // 结束彩排, after the confirmation that says what goes.
  const questions: string[] = [];
  chair.page.on("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.accept();
  });
  await chair.page.getByRole("button", { name: "结束彩排" }).click();
  for (const page of [chair.page, projector.page, tablet.page, tellers, setup]) await expect(page.getByTestId("rehearsal-mark")).toHaveCount(0);
  expect(questions[0]).toContain("点评、平板和纸质测评票");
  const state = (await (await request.get(`/api/meetings/${meeting.id}/state`)).json()) as { item: { key: string }; rehearsal: unknown };
  expect(state).toMatchObject({ item: { key: "pending" }, rehearsal: null });
  // Nothing of the rehearsal's 点评 is left in the chair's browser either.
  const kept = await chair.page.evaluate(() => Object.keys(window.localStorage).filter((key) => key.includes("rehearsal-")));
  expect(kept).toEqual([]);

  // The preparation pages offer a rehearsal again while the meeting has not started, and no longer once it has.
  await expect(setup.getByRole("button", { name: "开始彩排" })).toBeVisible();
  await expect(setup.getByTestId("rehearsal-speed")).toHaveValue("10");

  // The real meeting: the same tablet with the same desk card gets the real ballot, not 已提交.
  await meeting.command({ type: "agenda.goto", item: "evaluation" });
  await meeting.command({ type: "voting.open" });
  await expect(setup.getByRole("button", { name: "开始彩排" })).toHaveCount(0);
  await expect(tablet.ballot).toBeVisible();
  await expect(tablet.done).toBeHidden();
  await tablet.fill(Array<string>(rows).fill("fair"));
  await tablet.submit(0);
  await tablet.page.reload();
  await expect(tablet.waiting).toBeVisible();
  // The close writes the last (small) batch: the real ballot counts (the closed card says so,
  // as in voting.spec.ts; 已提交，已计入 shows only if ballot:counted beats the close).
  await meeting.command({ type: "voting.close" });
  await expect(tablet.closed).toContainText("本座位的测评票已计入统计");
});
