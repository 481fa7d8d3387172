// The printed 测评汇总表 (A4 landscape) for 13, 30 and 60 secretaries: the header row is on
// every page, the 计票人 / 监票人 / 日期 line always shares a page with the table's last rows,
// and the browser's own PDF has exactly the pages the sheet laid out (nothing spilled over).
import { writeFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { CHAIR_TOKEN, chairPath } from "./pages/api";
import { LayoutMeeting } from "./pages/layout-meeting";
import { VotingTablet } from "./pages/voting-tablet";

const headers = { authorization: `Bearer ${CHAIR_TOKEN}`, connection: "close" };

/** A meeting with `count` secretaries (every fifth with a long unit name that wraps), voting closed. */
async function closedMeeting(request: APIRequestContext, count: number): Promise<string> {
  const created = await request.post("/api/meetings", { headers, data: { title: `测评汇总表打印 ${count} 人`, expectedVoters: 0 } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const rows = Array.from({ length: count }, (_, i) =>
    i % 5 === 4 ? `区委社会工作部机关党委及所属事业单位联合党委第${i + 1}支部,书记${i + 1},书记,书面述职` : `第${i + 1}街道党工委,张${i + 1},书记,现场述职`,
  );
  const text = ["单位,姓名,职务,述职方式", ...rows].join("\n");
  const imported = await request.post(`/api/meetings/${id}/import?mode=replace&expected=${count}`, { headers, data: { text } });
  expect(imported.ok(), await imported.text()).toBe(true);
  for (const command of [{ type: "agenda.goto", item: "evaluation" }, { type: "voting.open" }, { type: "voting.close" }]) {
    const response = await request.post(`/api/meetings/${id}/commands`, { headers, data: command });
    expect(response.ok(), await response.text()).toBe(true);
  }
  return id;
}

/** Opens the chair console and its print sheet; the print dialog itself is stubbed out. */
async function printSheet(page: Page, meetingId: string): Promise<void> {
  await page.addInitScript(() => {
    window.print = () => {};
  });
  await page.goto(chairPath(meetingId));
  await page.getByTestId("voting-print").click();
  await expect(page.getByTestId("print-page").first()).toBeAttached();
}

/** Pages in a PDF as Chromium writes it: one `/Type /Page` object each. */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}

for (const count of [13, 30, 60]) {
  test(`测评汇总表 with ${count} secretaries prints with the header on every page and the signatures under the table`, async ({ browser, request }) => {
    const meeting = count === 13 ? await LayoutMeeting.copyOfDemo(request, "测评汇总表打印 13 人") : null;
    const meetingId = meeting?.id ?? (await closedMeeting(request, count));
    if (meeting) {
      for (const command of [{ type: "agenda.goto", item: "evaluation" }, { type: "voting.open" }, { type: "voting.close" }]) {
        expect((await request.post(`/api/meetings/${meetingId}/commands`, { headers, data: command })).ok()).toBe(true);
      }
    }
    const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await printSheet(page, meetingId);

    const pages = page.getByTestId("print-page");
    const pageCount = await pages.count();
    if (count === 13) expect(pageCount).toBe(1);
    else expect(pageCount).toBeGreaterThan(1);
    let rows = 0;
    for (let i = 0; i < pageCount; i++) {
      const sheetPage = pages.nth(i);
      await expect(sheetPage.getByTestId("print-head-row")).toHaveCount(1);
      const onPage = await sheetPage.getByTestId("print-row").count();
      expect(onPage, `第 ${i + 1} 页的行数`).toBeGreaterThan(0);
      rows += onPage;
      await expect(sheetPage).toContainText(`第 ${i + 1} 页 / 共 ${pageCount} 页`);
    }
    expect(rows).toBe(count);
    await expect(pages.last().getByTestId("print-signatures")).toContainText("计票人");
    await expect(page.getByTestId("print-signatures")).toHaveCount(1);
    // No ballot waited for the close: no last-batch note.
    await expect(page.getByTestId("print-last-batch")).toHaveCount(0);
    // The 汇总表 says the one rule its figures follow, above the signatures.
    await expect(pages.last().getByTestId("print-rule")).toContainText("计算规则：各档占比、好评率、测评得分均以全部有效票为分母");

    // The PDF Chromium prints has exactly these pages: no page ran over onto another.
    const pdf = await page.pdf({ preferCSSPageSize: true });
    // Kept with the test's results, for a reviewer to open.
    writeFileSync(test.info().outputPath(`测评汇总表-${count}.pdf`), pdf);
    expect(pdfPageCount(pdf)).toBe(pageCount);
    await page.context().close();
  });
}

test("the printed 测评汇总表 says when the close wrote fewer than k electronic ballots in its last batch, as the console does", async ({ browser, request }) => {
  const meeting = await LayoutMeeting.copyOfDemo(request, "测评汇总表打印 最后一批");
  for (const command of [{ type: "agenda.goto", item: "evaluation" }, { type: "voting.open" }]) await meeting.command(command);
  // One tablet ballot, still waiting for its batch when voting closes: the close writes a batch of 1, fewer than k = 5.
  const tablet = new VotingTablet(await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage());
  await tablet.open(meeting.attendeeCode, meeting.seatCode);
  const rows = (await tablet.speakerIds()).length;
  await tablet.fill(Array<null>(rows).fill(null));
  await tablet.submit(rows);
  await meeting.command({ type: "voting.close" });
  await tablet.page.context().close();

  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await printSheet(page, meeting.id);
  const note = "结束测评时还有 1 张电子票在等待，已一并计入。这一批少于 5 张";
  await expect(page.getByTestId("voting-last-batch")).toContainText(note);
  const pages = page.getByTestId("print-page");
  await expect(pages.last().getByTestId("print-last-batch")).toContainText(note);
  await expect(pages.last().getByTestId("print-signatures")).toContainText("计票人");
  await page.context().close();
});
