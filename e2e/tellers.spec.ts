// The tellers' page as the 监票人 uses it: a dispute says what each teller keyed on each row
// that differs, a ballot number past the returned count is flagged, and once voting has
// closed the page stops asking for ballots (no active row, no key hints, no 请录入下一张).
import { expect, test } from "./csp-guard";
import { LayoutMeeting } from "./pages/layout-meeting";
import { VotingTellers } from "./pages/voting-tellers";

test("tellers see who keyed what in a dispute, a number past the returned count, and a quiet page after the close", async ({ browser, request }) => {
  const meeting = await LayoutMeeting.copyOfDemo(request, "计票页面检查");
  await meeting.command({ type: "agenda.goto", item: "evaluation" });
  await meeting.command({ type: "voting.open" });
  // Each teller opens their own link: the link, not the page, says who is 甲 and who is 乙.
  const newTellers = async (side: "A" | "B") => {
    const tellers = new VotingTellers(await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage());
    await tellers.open(meeting.tellerPaths[side], side);
    return tellers;
  };
  const a = await newTellers("A");
  const b = await newTellers("B");
  // The plain teller link only watches: no side, no entry, counts it cannot fill in.
  const watcher = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await watcher.goto(meeting.tellerPaths.read);
  await expect(watcher.getByTestId("teller-read-only")).toHaveText("只读");
  await expect(watcher.getByTestId("teller-read-only-note")).toContainText("不能录入");
  await expect(watcher.getByTestId("teller-entry")).toHaveCount(0);
  await expect(watcher.getByTestId("teller-issued")).toBeDisabled();
  await watcher.context().close();
  await a.setCounts(2, 2);
  await b.setCounts(2, 2);

  // 甲 reads the first row as 好, 乙 as 较好: the dispute names the row and both readings.
  const rows = 13;
  await a.keyBallot(1, Array<string>(rows).fill("1"));
  await b.keyBallot(1, ["2", ...Array<string>(rows - 1).fill("1")]);
  const dispute = a.page.getByTestId("teller-dispute-1");
  await expect(dispute).toContainText("第 1 号票");
  await expect(dispute.getByTestId("teller-dispute-row")).toHaveText(["城东街道党工委 张XX同志：甲 好 · 乙 较好"]);

  // Ballot 3 of 2 returned: the teller is told before keying it.
  await a.keyBallot(2, Array<string>(rows).fill("1"));
  await expect(a.page.getByTestId("teller-ballot-no")).toHaveValue("3");
  await expect(a.page.getByTestId("teller-past-returned")).toContainText("票号 3 超过收回张数 2");

  // 乙 corrects ballot 1 and keys ballot 2; then the chair closes voting.
  await b.keyBallot(1, Array<string>(rows).fill("1"));
  await b.keyBallot(2, Array<string>(rows).fill("1"));
  await expect(a.page.getByTestId("teller-disputes")).toContainText("无");
  await meeting.command({ type: "voting.close" });

  for (const tellers of [a, b]) {
    await expect(tellers.entry).toHaveAttribute("data-closed", "true");
    await expect(tellers.entry).toContainText("测评已结束，结果已冻结，不能再录入。");
    await expect(tellers.page.locator('[data-current="true"]')).toHaveCount(0);
    await expect(tellers.page.getByTestId("teller-key-hints")).toHaveCount(0);
    await expect(tellers.page.getByText("请录入下一张")).toHaveCount(0);
    await expect(tellers.page.getByTestId("teller-issued")).toBeDisabled();
  }
  await expect(a.entry).toContainText("计票人甲录入 2 张；两人一致 2 张，其中有效票 2 张、废票 0 张。");
  await Promise.all([a.page.context().close(), b.page.context().close()]);
});
