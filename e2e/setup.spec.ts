// Meeting preparation, as an organiser does it in a real browser: create the meeting,
// import last year's roster from Excel, reorder, draw lots, open the projector link and the
// tablets' join page by its QR target, start the meeting — and the live views show the
// imported roster. Then a change on the day reaches the tablet at once.
import ExcelJS from "exceljs";
import { expect, test } from "./csp-guard";
import { CHAIR_TOKEN, chairPath } from "./pages/api";
import { ChairConsole, Projector, Tablet } from "./pages/live-views";
import { SetupAccess, SetupImport, SetupMeetingList, SetupRoster } from "./pages/setup-pages";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Last year's roster as the organisation department keeps it: its own headers, a 备注 column, one bad row. */
async function rosterWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("2025述职名单");
  sheet.addRow(["序号", "党组织名称", "书记姓名", "职务", "述职形式", "备注"]);
  sheet.addRow([1, "东湖街道党工委", "郑XX", "书记", "现场述职", ""]);
  sheet.addRow([2, "西山街道党工委", "钱XX", "书记", "现场述职", "新任"]);
  sheet.addRow([3, "南河街道党工委", "孙XX", "书记", "现场", ""]);
  sheet.addRow([4, "北城街道党工委", "", "书记", "现场述职", "待定"]);
  sheet.addRow([5, "新港镇党委", "周XX", "书记", "现场述职", ""]);
  sheet.addRow([6, "区商务局党组", "吴XX", "书记", "书面述职", ""]);
  sheet.addRow([7, "区民政局党组", "冯XX", "书记", "书面", ""]);
  sheet.addRow(["备注：区直单位书面述职，材料会前报送。"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const ONSITE = ["东湖街道党工委", "西山街道党工委", "南河街道党工委", "新港镇党委"];
const WRITTEN = ["区商务局党组", "区民政局党组"];

test("an organiser prepares a meeting and the live views show the imported roster", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const list = new SetupMeetingList(page);
  await list.open(CHAIR_TOKEN);
  const meetingId = await list.create({ title: "2025年度党(工)委书记抓基层党建工作述职评议会", date: "2026-01-15", venue: "区委第二会议室", voters: 8 });

  // Import: the preview shows every row with its problem, and nothing is written before the confirmation.
  const roster = new SetupRoster(page);
  await roster.open(meetingId);
  await expect(page.getByText("名单还是空的")).toBeVisible();
  await page.getByTestId("roster-import-link").click();
  const importer = new SetupImport(page);
  await importer.choose({ name: "2025年述职名单.xlsx", mimeType: XLSX_TYPE, buffer: await rosterWorkbook() });
  await expect(importer.rows).toHaveCount(7);
  await expect(importer.summary).toContainText("6 行可以导入");
  await expect(importer.rows.nth(3)).toContainText("缺少姓名");
  await expect(page.getByText("单位 ← “党组织名称”")).toBeVisible();
  // The note under the table is not a unit: listed as left out, with the reason.
  await expect(page.getByTestId("import-skipped")).toContainText("第 9 行“备注：区直单位书面述职，材料会前报送。”");
  // The roster is empty: nothing is said about replacing or deleting one.
  const replace = page.locator("label", { has: page.getByTestId("import-mode-replace") });
  await expect(replace).toContainText("导入为述职名单");
  await expect(replace).not.toContainText("删除");
  await importer.confirm("replace");
  await page.waitForURL(/\/roster\?imported=6/);
  await expect(roster.flash).toContainText("已导入 6 个单位");
  expect(await roster.order()).toEqual([...ONSITE, ...WRITTEN]);

  // Reorder by keyboard (⠿ then Alt+↑), then by dragging; both are saved.
  await roster.moveWithKeyboard(3, "up");
  await expect(roster.units).toHaveText(["东湖街道党工委", "南河街道党工委", "西山街道党工委", "新港镇党委", ...WRITTEN]);
  await expect(roster.row(2).getByTestId("roster-handle")).toBeFocused();
  await roster.dragRow(4, 1);
  await expect(roster.units).toHaveText(["新港镇党委", "东湖街道党工委", "南河街道党工委", "西山街道党工委", ...WRITTEN]);
  await page.reload();
  await expect(roster.units).toHaveText(["新港镇党委", "东湖街道党工委", "南河街道党工委", "西山街道党工委", ...WRITTEN]);

  // 抽签: the on-site units get a random order, shown with the time and recorded.
  await roster.drawLots();
  const result = (await roster.lotResult.textContent()) ?? "";
  expect(result).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} 抽签结果：1\. /);
  const drawn = result.replace(/^.*抽签结果：/, "").split("　").map((part) => part.replace(/^\d+\. /, ""));
  expect([...drawn].sort()).toEqual([...ONSITE].sort());
  await expect(roster.units).toHaveText([...drawn, ...WRITTEN]);
  await expect(page.getByTestId("lot-history")).toContainText(drawn.join("　").slice(0, 4));

  // Access for the day: the join QR code points at this server; the projector link opens the projector.
  const access = new SetupAccess(page);
  await access.open(meetingId);
  await access.useAddress("127.0.0.1");
  const code = (await access.code.textContent())?.trim() ?? "";
  // The server as the test reaches it (port 3300, or E2E_PORT).
  const origin = new URL(page.url()).origin;
  expect(code).toMatch(/^\d{6}$/);
  await expect.poll(() => access.joinTarget()).toBe(`${origin}/join/${code}`);
  const joinTarget = await access.joinTarget();
  await expect(page.getByTestId("join-url")).toHaveText(joinTarget);
  const displayLink = await access.displayLink();
  expect(displayLink.startsWith(`${origin}/display/${meetingId}#token=`)).toBe(true);

  // Seat cards: one per voter, each QR the tablet's join page with that seat's code.
  await page.getByTestId("print-seats").click();
  await expect(page.getByTestId("seat-card")).toHaveCount(8);
  const seatUrl = (await page.getByTestId("seat-card").first().getAttribute("data-seat-url")) ?? "";
  const seatCode = (await page.getByTestId("seat-card").first().getAttribute("data-seat-code")) ?? "";
  expect(seatUrl).toBe(`${origin}/join/${code}?seat=${seatCode}`);

  const projectorContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const tabletContext = await browser.newContext({ viewport: { width: 1024, height: 1366 }, hasTouch: true });
  const chairContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const projector = new Projector(await projectorContext.newPage());
  const tablet = new Tablet(await tabletContext.newPage());
  const chair = new ChairConsole(await chairContext.newPage());
  await projector.page.goto(displayLink);
  await tablet.page.goto(joinTarget);
  const tabletUnits = tablet.page.getByTestId("tablet-report-list").getByRole("button");
  await expect(tabletUnits).toContainText([...drawn, ...WRITTEN]);
  await expect(tabletUnits).toHaveCount(6);

  // The chair starts the meeting: the first unit drawn reports first, on every screen.
  await chair.open(chairPath(meetingId));
  await chair.press("ArrowRight");
  await expect(projector.speaker).toContainText(drawn[0]!);
  await expect(tablet.speaker).toContainText(drawn[0]!);
  await expect(projector.page.getByTestId("projector-title")).toContainText("2025年度党(工)委书记抓基层党建工作述职评议会");

  // On the day: an upcoming unit is removed from the roster page; the tablet follows at once.
  await roster.open(meetingId);
  await expect(page.getByTestId("setup-live-banner")).toContainText("会议进行中");
  const last = drawn[drawn.length - 1]!;
  await roster.remove(last);
  await expect(tabletUnits).toHaveCount(5);
  await expect(tabletUnits).toContainText([...drawn.slice(0, -1), ...WRITTEN]);
  // The current speaker cannot be removed: the organiser is told why, and nothing changes.
  await page.getByRole("button", { name: `移除 ${drawn[0]}` }).click();
  await expect(page.getByTestId("remove-message")).toContainText("正在述职或点评，不能移除");
  await page.getByRole("dialog").getByRole("button", { name: "知道了" }).click();
  await expect(roster.units).toHaveCount(5);
  await expect(tablet.speaker).toContainText(drawn[0]!);

  await Promise.all([projectorContext.close(), tabletContext.close(), chairContext.close()]);
});

test("a file that is not a spreadsheet gets a clear error and changes nothing", async ({ page }) => {
  const list = new SetupMeetingList(page);
  await list.open(CHAIR_TOKEN);
  const meetingId = await list.create({ title: "导入测试会议", date: "2026-01-16", venue: "", voters: 0 });
  await page.goto(`/setup/${meetingId}/import`);
  const importer = new SetupImport(page);
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
  await importer.choose({ name: "名单.xlsx", mimeType: XLSX_TYPE, buffer: png });
  await expect(importer.error).toContainText("无法读取该文件");
  await expect(importer.error).toContainText("名单没有任何改动");
  await expect(page.getByTestId("import-confirm")).toHaveCount(0);
  const roster = new SetupRoster(page);
  await roster.open(meetingId);
  await expect(page.getByText("名单还是空的")).toBeVisible();
});
