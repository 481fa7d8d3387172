// 民主测评 end to end, one browser context per role: the chair opens voting → three tablets
// vote → the projector's progress moves → tellers 甲 and 乙 key two paper ballots → the
// chair closes and publishes → the projector shows results matching the ballots cast.
// The chair works in the real console (agenda rail and 民主测评 panel); the HTTP API only
// looks up the meeting, its links and its seat codes.
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { chairPath } from "./pages/api";
import { ChairConsole } from "./pages/live-views";
import { VotingChairApi } from "./pages/voting-chair-api";
import { VotingProjector } from "./pages/voting-projector";
import { VotingTablet } from "./pages/voting-tablet";
import { VotingTellers } from "./pages/voting-tellers";

async function newPage(browser: Browser, width: number, height: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  return context.newPage();
}

test("chair opens voting, tablets and tellers vote, the projector shows the published tally", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const chair = await VotingChairApi.demo(request);
  const links = await chair.links();
  const seats = await chair.seats();
  expect(seats).toHaveLength(40);
  const console_ = new ChairConsole(await newPage(browser, 1440, 900));
  await console_.open(chairPath(chair.meetingId));
  const dialogs: string[] = [];
  console_.page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  await console_.page.getByTestId("agenda-evaluation").click();
  await expect(console_.page.getByTestId("voting-panel")).toBeVisible();
  // Units were still 待述职 / 待点评: the chair was asked first, with them named.
  expect(dialogs[0]).toContain("尚未述职或点评");
  expect(dialogs[0]).toContain("区卫健局党委（待点评）");

  const projector = new VotingProjector(await newPage(browser, 1920, 1080));
  await projector.open(links.displayPath);
  await expect(projector.voting).toHaveAttribute("data-status", "idle");

  // Before voting opens, a tablet follows the agenda; opening brings it to the ballot by itself.
  const tablets = await Promise.all([0, 1, 2].map(async () => new VotingTablet(await newPage(browser, 1024, 1366))));
  for (const [i, tablet] of tablets.entries()) await tablet.open(links.attendeeCode, seats[i]!.code);
  await expect(tablets[0]!.page.getByTestId("tablet-voting-soon")).toBeVisible();
  await expect(tablets[0]!.ballot).toBeHidden();

  await console_.page.getByTestId("voting-open").click();
  await expect(projector.voting).toHaveAttribute("data-status", "open");
  await projector.expectProgress({ expected: 40, electronic: 0, paper: 0 });

  const ids = await tablets[0]!.speakerIds();
  expect(ids).toHaveLength(13);
  const rows = ids.length;
  const all = (level: string) => Array<string | null>(rows).fill(level);

  // Tablet 1: 好 throughout. Tablet 2: 较好, last row blank (弃权). Tablet 3: 一般 for the first, else 好.
  await tablets[0]!.fill(all("good"));
  await tablets[0]!.submit(0);
  await projector.expectProgress({ expected: 40, electronic: 1, paper: 0 });
  await tablets[1]!.fill([...all("fair").slice(0, rows - 1), null]);
  await tablets[1]!.submit(1);
  await tablets[2]!.fill(["average", ...all("good").slice(1)]);
  await tablets[2]!.submit(0);
  await projector.expectProgress({ expected: 40, electronic: 3, paper: 0 });

  // Three ballots are fewer than k = 5: each tablet says it is received and waits to be counted
  // with others. Sent means sent: not after a reload, nor from another browser with the same seat.
  for (const tablet of tablets) await expect(tablet.waiting).toBeVisible();
  await tablets[0]!.page.reload();
  await expect(tablets[0]!.waiting).toContainText("已收到，正在与其他选票一并计入");
  await expect(tablets[0]!.ballot).toBeHidden();
  const sameSeat = new VotingTablet(await newPage(browser, 768, 1024));
  await sameSeat.open(links.attendeeCode, seats[0]!.code);
  await expect(sameSeat.usedElsewhere).toContainText("该座位已投票");

  // Paper: 2 ballots issued and returned (counts keyed by both), ballots keyed by teller 甲 and then 乙 with the keyboard alone.
  // Ballot 1: 好 throughout. Ballot 2: 较好, last row 弃权 (key 0).
  // Each teller on their own link (甲 / 乙), each in their own browser.
  const tellerA = new VotingTellers(await newPage(browser, 1440, 900));
  await tellerA.open(links.tellerPaths.A, "A");
  await tellerA.setCounts(2, 2);
  const paper1 = Array<string>(rows).fill("1");
  const paper2 = [...Array<string>(rows - 1).fill("2"), "0"];
  await tellerA.keyBallot(1, paper1);
  await tellerA.keyBallot(2, paper2);
  await expect(tellerA.page.getByTestId("teller-missing")).toContainText("第 2 号 · 缺乙");
  const tellers = new VotingTellers(await newPage(browser, 1440, 900));
  await tellers.open(links.tellerPaths.B, "B");
  // The counts too are keyed by each teller; they decide only once both agree.
  await expect(tellers.page.getByTestId("teller-counts-issue")).toContainText("待乙填写");
  await tellers.setCounts(2, 2);
  await expect(tellers.page.getByTestId("teller-counts-agreed")).toContainText("甲乙一致：发出 2 张，收回 2 张");
  await expect(tellers.page.getByTestId("teller-ballot-no")).toHaveValue("1");
  await tellers.keyBallot(1, paper1);
  await tellers.keyBallot(2, paper2);
  await expect(tellers.page.getByTestId("teller-valid")).toHaveText("2");
  await expect(tellers.page.getByTestId("teller-pending")).toHaveText("0");
  await expect(tellers.page.getByTestId("teller-disputes")).toContainText("无");
  await projector.expectProgress({ expected: 40, electronic: 3, paper: 2 });

  // No per-secretary figure anywhere before the close and the chair's decision to publish.
  await expect(projector.results).toBeHidden();
  await expect(console_.page.getByTestId("voting-electronic")).toContainText("3");
  await console_.page.getByTestId("voting-close").click();
  // The close writes the three waiting ballots: every tablet learns its ballot counted.
  for (const tablet of tablets) await expect(tablet.closed).toContainText("本座位的测评票已计入统计");
  await expect(tablets[1]!.closed).toContainText("测评已结束");
  await expect(projector.voting).toHaveAttribute("data-status", "closed");
  await expect(projector.results).toBeHidden();

  // The chair sees the frozen tally first, then decides to show it (当场公布).
  await expect(console_.page.getByTestId("voting-results")).toBeVisible();
  // …and says the close's batch of 3 was smaller than k.
  await expect(console_.page.getByTestId("voting-last-batch")).toContainText("还有 3 张电子票在等待，已一并计入。这一批少于 5 张");
  await console_.page.getByTestId("voting-publish").click();
  await expect(projector.results).toBeVisible();
  await expect(projector.page.getByTestId("projector-valid-ballots")).toContainText("有效票 5 张（电子 3 · 纸质 2）");
  // First secretary: 好 (tablet 1), 较好 (tablet 2), 一般 (tablet 3), 好 and 较好 on paper:
  // 好评率 = (2 + 2) ÷ 5 = 80.0%, 得分 = (2×100 + 2×80 + 60) ÷ 5 = 84.00.
  const first = projector.row(ids[0]!);
  await expect(first.getByTestId("projector-good-rate")).toHaveText("80.0%");
  await expect(first.getByTestId("projector-score")).toHaveText("84.00");
  // Last secretary: 好 ×3, 弃权 ×2 (tablet 2 and paper ballot 2). One rule for every figure (the
  // default: 弃权 in the denominator, ranked by 得分): 好评率 60.0%, 得分 300 ÷ 5 = 60.00, last.
  const last = projector.row(ids[rows - 1]!);
  await expect(last.getByTestId("projector-good-rate")).toHaveText("60.0%");
  await expect(last.getByTestId("projector-score")).toHaveText("60.00");
  await expect(last.getByTestId("projector-rank")).toHaveAttribute("aria-label", `第${rows}名`);
  // Second to twelfth: 好 ×3 (tablets 1, 3, paper 1), 较好 ×2: all tied at 92.00 and 100%, ranked 1.
  const second = projector.row(ids[1]!);
  await expect(second.getByTestId("projector-score")).toHaveText("92.00");
  await expect(second.getByTestId("projector-rank")).toHaveAttribute("aria-label", "并列第1名");
  await expect(projector.row(ids[0]!).getByTestId("projector-rank")).toHaveAttribute("aria-label", `第${rows - 1}名`);
  // The rule is printed under the results, on the projector and on the chair's console alike.
  const rule = "计算规则：各档占比、好评率、测评得分均以全部有效票为分母（弃权计入分母，按 0 分计）；按测评得分排名，得分相同再比好评率。";
  await expect(projector.page.getByTestId("projector-rule")).toHaveText(rule);
  await expect(console_.page.getByTestId("voting-results-rule")).toHaveText(rule);

  await console_.page.getByTestId("voting-hide").click();
  await expect(projector.results).toBeHidden();
  await expect(projector.voting).toHaveAttribute("data-status", "closed");

  // The chair moves on to item 3: a tablet left on 测评已结束 follows to the agenda by itself.
  await console_.page.getByTestId("agenda-closing").click();
  await expect(tablets[1]!.page.getByTestId("tablet-item")).toContainText("第三项议程");
  await expect(tablets[1]!.page.getByTestId("tablet-report-list")).toBeVisible();
});
