// After the meeting (会后), in a real browser: the chair downloads the 会议纪要 from the
// console once the meeting is over; an organiser marks a 整改事项 已完成, copies the meeting
// for next year, and the new meeting's chair console shows last year's item and its status
// beside the unit.
import mammoth from "mammoth";
import { expect, test } from "./csp-guard";
import { chairCommand, chairPath, CHAIR_TOKEN } from "./pages/api";
import { ChairConsole } from "./pages/live-views";
import { closeMeeting, meetingOfOurOwn, RecordsPanel, RectificationPage } from "./pages/records-pages";

const FIRST_UNIT = "城东街道党工委";

test("the chair downloads the 会议纪要 from the console after 会议结束", async ({ page, request }) => {
  test.setTimeout(90_000);
  const title = "E2E会后纪要测试会";
  const meetingId = await meetingOfOurOwn(request, title);
  const chair = new ChairConsole(page);
  await chair.open(chairPath(meetingId));
  // The first unit reports; the chair comments on it at the console.
  await chairCommand(request, meetingId, { type: "agenda.next" });
  await chairCommand(request, meetingId, { type: "agenda.next" });
  await expect(chair.currentSpeaker).toContainText(FIRST_UNIT);
  const entry = await chair.addComment("“红色物业”融合党建做法有特色，要总结推广");
  await expect(page.getByText("已保存").first()).toBeVisible();
  await expect(entry).toHaveValue(/红色物业/);
  // No 会后 panel while the meeting runs.
  await expect(page.getByTestId("records-panel")).toHaveCount(0);

  await closeMeeting(request, meetingId);
  const panel = new RecordsPanel(page);
  await expect(panel.root).toBeVisible();
  await expect(panel.root.getByTestId("records-chain")).toHaveAttribute("data-ok", "true");
  // Results need the close of voting, which this meeting never had.
  await expect(panel.root.getByTestId("records-download-results.xlsx")).toBeDisabled();

  const minutes = await panel.download("minutes.docx");
  expect(minutes.fileName).toBe(`${title}-会议纪要.docx`);
  const text = (await mammoth.extractRawText({ buffer: minutes.bytes })).value;
  expect(text).toContain(`${title}会议纪要`);
  expect(text).toContain(FIRST_UNIT);
  expect(text).toContain("亮点：“红色物业”融合党建做法有特色，要总结推广");
});

test("an organiser marks a 整改事项 已完成, copies the meeting, and the new chair console shows last year's status", async ({ browser, page, request }) => {
  test.setTimeout(120_000);
  const title = "E2E整改跟踪测试会";
  const meetingId = await meetingOfOurOwn(request, title);
  const chair = new ChairConsole(page);
  await chair.open(chairPath(meetingId));
  await chairCommand(request, meetingId, { type: "agenda.next" });
  await chairCommand(request, meetingId, { type: "agenda.next" });
  await expect(chair.currentSpeaker).toContainText(FIRST_UNIT);
  // 亮点 first, then the next entry takes 问题, then 建议; each saved before the next.
  const texts = ["党建引领基层治理有成效", "软弱涣散党组织整顿进度偏慢", "以上年度述职评议问题整改为导向，建立问题清单"];
  for (const [n, text] of texts.entries()) {
    await page.getByTestId("comment-new").click();
    await expect(page.getByTestId("comment-text")).toHaveCount(n + 1);
    await page.getByTestId("comment-text").nth(n).fill(text);
    await expect(page.getByText("已保存")).toHaveCount(n + 1);
  }
  await closeMeeting(request, meetingId);

  // The organiser follows up: the 问题 is done.
  const organiser = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const rectification = new RectificationPage(await organiser.newPage());
  await rectification.open(meetingId);
  await expect(rectification.items).toHaveCount(2);
  await rectification.setStatus("软弱涣散党组织整顿进度偏慢", "已完成");
  await expect(rectification.item("软弱涣散党组织整顿进度偏慢")).toHaveAttribute("data-status", "done");
  await expect(rectification.page.getByRole("progressbar", { name: `${FIRST_UNIT} 整改进度` })).toHaveAttribute("aria-valuenow", "1");
  // The filter by status shows what is still open.
  await rectification.page.getByTestId("rectification-filter-status").selectOption({ label: "未启动" });
  await expect(rectification.items).toHaveCount(1);
  await expect(rectification.items).toContainText("建立问题清单");

  // Next year's meeting, copied from this one in the meeting list.
  const list = rectification.page;
  await list.goto(`/setup#token=${CHAIR_TOKEN}`);
  await list.getByRole("listitem").filter({ hasText: title }).getByRole("button", { name: "复制为新会议" }).click();
  await list.getByTestId("copy-meeting-title").fill("E2E整改跟踪测试会（次年）");
  await list.getByRole("button", { name: "复制并打开" }).click();
  await list.waitForURL(/\/setup\/[^/#]+$/);
  const nextId = decodeURIComponent(new URL(list.url()).pathname.split("/")[2] ?? "");
  expect(nextId).not.toBe(meetingId);
  await organiser.close();

  // The new meeting's chair console: beside the first unit, last year's items and their status.
  await chair.open(chairPath(nextId));
  await chairCommand(request, nextId, { type: "agenda.next" });
  await expect(chair.currentSpeaker).toContainText(FIRST_UNIT);
  const carried = page.getByTestId("carried-items");
  await expect(carried).toContainText("上年度整改事项 2 项，未完成 1 项");
  await expect(carried.getByTestId("carried-item").filter({ hasText: "软弱涣散党组织整顿进度偏慢" }).getByTestId("carried-status")).toHaveText("已完成");
  await expect(carried.getByTestId("carried-item").filter({ hasText: "建立问题清单" }).getByTestId("carried-status")).toHaveText("未启动");
});
