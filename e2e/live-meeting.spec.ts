// Item 1 of the seed's meeting, on three screens: the chair's keys drive the projector
// and the tablets, the countdown runs everywhere, and 点评 survive a reload.
import { expect, test } from "./csp-guard";
import { chairCommand, chairPath, demoMeeting } from "./pages/api";
import { ChairConsole, Projector, Tablet } from "./pages/live-views";

test("the chair runs item 1: projector and tablet follow, 点评 survive a reload", async ({ browser, request }) => {
  const meeting = await demoMeeting(request);
  // Start from a known place whatever ran before: the first speaker who has not reported.
  await chairCommand(request, meeting.id, { type: "agenda.goto", item: "reports" });

  const chairContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const tabletContext = await browser.newContext({ viewport: { width: 1024, height: 1366 }, hasTouch: true });
  const chair = new ChairConsole(await chairContext.newPage());
  const projector = new Projector(await projectorContext.newPage());
  const tablet = new Tablet(await tabletContext.newPage());

  await chair.open(chairPath(meeting.id));
  await projector.page.goto(meeting.displayPath);
  await tablet.page.goto(meeting.joinPath);

  await expect(chair.currentSpeaker).toContainText("城东街道党工委");
  await expect(projector.speaker).toContainText("城东街道党工委");
  await expect(projector.countdown).toHaveText("6:00");

  // Space starts the timer: the projector counts down from the server's timestamps.
  await chair.press("Space");
  await expect(projector.countdown).not.toHaveText("6:00", { timeout: 5_000 });
  const first = await projector.seconds();
  expect(first).toBeLessThan(360);
  await expect.poll(() => projector.seconds(), { timeout: 5_000 }).toBeLessThan(first);
  await expect(tablet.speaker).toContainText("城东街道党工委");
  await expect(tablet.countdown).toBeVisible();

  // + gives one more minute on every screen.
  await chair.press("+");
  await expect.poll(() => projector.seconds()).toBeGreaterThan(360);

  // A 点评 typed while the speaker reports is there after a reload.
  const comment = "亮点：区域化党建联盟成效明显；问题：党群服务中心建设规格不高";
  await chair.addComment(comment);
  await expect(chair.page.getByTestId("comment-status").last()).toContainText("已保存", { timeout: 10_000 });
  await chair.page.reload();
  await expect(chair.connection).toContainText("在线");
  await expect
    .poll(() => chair.page.getByTestId("comment-text").evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)))
    .toContain(comment);

  // → ends the speech (点评), → again calls the next speaker: every view follows.
  await chair.press("ArrowRight");
  await expect(projector.countdown).toHaveCount(0);
  await chair.press("ArrowRight");
  await expect(chair.currentSpeaker).toContainText("城西街道党工委");
  await expect(projector.speaker).toContainText("城西街道党工委");
  await expect(tablet.speaker).toContainText("城西街道党工委");
  await expect(projector.countdown).toHaveText("6:00");

  await chairContext.close();
  await projectorContext.close();
  await tabletContext.close();
});
