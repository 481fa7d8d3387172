// 大字 on tablets (issue 14): an A+ control on every attendee screen steps the text to 125 %
// and 150 %, remembered on that device. At 125 % a 390 px phone still shows every level of
// every ballot row with no sideways scroll, and votes; at 150 % the levels may stack but the
// page never scrolls sideways. The written report's sandboxed frame follows the setting, and
// the ballot counts exactly what was chosen. A meeting of its own.
import type { Page } from "@playwright/test";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../server/domain/events";
import type { Tally } from "../server/domain/tally";
import { illustratedReportOfSize } from "../server/test-support/report-docx";
import { expect, test } from "./csp-guard";
import { CHAIR_TOKEN } from "./pages/api";
import { LayoutMeeting } from "./pages/layout-meeting";
import { ballotTargetProblems, layoutProblems, newContext, offScreen, openView } from "./pages/layout-views";

const PHONE = { width: 390, height: 844, touch: true };
const auth = { authorization: `Bearer ${CHAIR_TOKEN}`, connection: "close" };

/** The root font size the page renders with, in CSS px (16 at 100 %). */
function rootPx(page: Page): Promise<number> {
  return page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));
}

async function stepTextTo(page: Page, scale: number): Promise<void> {
  const button = page.getByTestId("text-size");
  for (let i = 0; i < 3 && (await button.getAttribute("data-scale")) !== String(scale); i++) await button.click();
  await expect(button).toHaveAttribute("data-scale", String(scale));
  expect(await rootPx(page)).toBeCloseTo((16 * scale) / 100, 1);
}

/** The tally as the chair's console reads it, over the same socket. */
async function chairTally(baseURL: string, meetingId: string): Promise<Tally> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(baseURL, { auth: { role: "chair", meetingId, token: CHAIR_TOKEN }, transports: ["websocket"] });
  try {
    const result = await socket.timeout(10_000).emitWithAck("voting:results");
    if (!result.ok) throw new Error(result.error.message);
    return result.data;
  } finally {
    socket.disconnect();
  }
}

async function noSidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("大字: 125 % and 150 % on a phone, remembered per device; the ballot fits and counts what was chosen", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const meeting = await LayoutMeeting.copyOfDemo(request, "大字检查");
  const setup = (await (await request.get(`/api/meetings/${meeting.id}/setup`, { headers: auth })).json()) as {
    snapshot: { roster: Array<{ id: string; unit: string; mode: string }> };
  };
  const written = setup.snapshot.roster.find((entry) => entry.mode === "written")!;
  const docx = await illustratedReportOfSize(256 * 1024, 2, 2);
  const upload = await request.put(`/api/meetings/${meeting.id}/speakers/${written.id}/attachment?name=report.docx`, { headers: auth, data: Buffer.from(docx) });
  expect(upload.status(), await upload.text()).toBe(200);

  // The join form has the control too, before any meeting is open.
  const other = await newContext(browser, PHONE);
  const join = await other.newPage();
  await join.goto("/join");
  await expect(join.getByTestId("text-size")).toBeVisible();
  await join.close();

  const context = await newContext(browser, PHONE);
  const { page } = await openView(context, "tablet", meeting);
  await expect(page.getByTestId("tablet-report-list")).toBeVisible();
  await expect(page.getByTestId("text-size")).toHaveAttribute("data-scale", "100");
  expect(await rootPx(page)).toBe(16);

  // 125 %, and still 125 % after a reload; another device keeps its own 100 %.
  await stepTextTo(page, 125);
  await page.reload();
  await expect(page.getByTestId("text-size")).toHaveAttribute("data-scale", "125");
  expect(await rootPx(page)).toBe(20);
  const elsewhere = await other.newPage();
  await elsewhere.goto(meeting.joinPath);
  await expect(elsewhere.getByTestId("text-size")).toHaveAttribute("data-scale", "100");
  await other.close();
  expect(await layoutProblems(page), "agenda at 125 %").toEqual([]);

  // The written report's frame is rendered at the same scale (22 px body text at 100 %).
  await page.getByTestId(`tablet-report-${written.id}`).click();
  const frame = page.frameLocator('[data-testid="tablet-report-html"]');
  await expect(frame.locator("p").first()).toBeVisible();
  await expect.poll(() => frame.locator("p").first().evaluate((p) => getComputedStyle(p).fontSize)).toBe("27.5px");
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.getByRole("button", { name: /返回述职名单/ }).first().click();
  await expect(page.getByTestId("tablet-report-list")).toBeVisible();

  // Voting opens: the ballot at 125 % shows every level of every row, nothing scrolls sideways.
  await meeting.command({ type: "agenda.goto", item: "evaluation" });
  await meeting.command({ type: "voting.open" });
  await expect(page.getByTestId("ballot")).toBeVisible();
  await expect(page.getByTestId("text-size")).toHaveAttribute("data-scale", "125");
  const rows = page.locator('[data-testid^="ballot-row-"]');
  await expect(rows).toHaveCount(13);
  expect(await ballotTargetProblems(page), "ballot at 125 %").toEqual([]);
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  expect(await layoutProblems(page), "ballot at 125 %").toEqual([]);

  // Each row is a radio group named by unit and secretary; each level says its place.
  const firstRow = rows.first();
  const rowName = await firstRow.getAttribute("aria-label");
  expect(rowName).toMatch(/^\S+ \S+/);
  const radios = firstRow.getByRole("radio");
  await expect(radios).toHaveCount(4);
  await expect(radios.first()).toHaveAccessibleName(/^\S+，1\/4$/);

  // Mark a few rows at 125 %, then step to 150 %: the marks stay, the page never scrolls sideways.
  const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")!.replace("ballot-row-", "")));
  const chosen: Record<string, string> = { [ids[0]!]: "good", [ids[1]!]: "fair", [ids[2]!]: "average" };
  for (const [id, level] of Object.entries(chosen)) await page.getByTestId(`ballot-mark-${id}-${level}`).click();
  await stepTextTo(page, 150);
  expect(await ballotTargetProblems(page), "ballot at 150 %").toEqual([]);
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  expect(await layoutProblems(page), "ballot at 150 %").toEqual([]);
  for (const [id, level] of Object.entries(chosen)) await expect(page.getByTestId(`ballot-mark-${id}-${level}`)).toHaveAttribute("aria-checked", "true");
  await page.getByTestId(`ballot-mark-${ids[3]!}-poor`).click();
  chosen[ids[3]!] = "poor";

  // Back to 125 % to send it: the confirmation fits, its buttons on screen.
  await stepTextTo(page, 125);
  await page.getByTestId("ballot-submit").click();
  await expect(page.getByTestId("ballot-confirm")).toBeVisible();
  expect(await offScreen(page, ["ballot-confirm-submit", "ballot-confirm-cancel"])).toEqual([]);
  expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
  await page.getByTestId("ballot-confirm-submit").click();
  // Received: counted at once, or 已收到 until its batch is counted (BALLOT_MIN_BATCH).
  await expect(page.getByTestId("ballot-done").or(page.getByTestId("ballot-waiting"))).toBeVisible();
  await expect(page.getByTestId("text-size")).toBeVisible();

  // What was counted is exactly what was chosen: one ballot, those four levels, the rest 弃权.
  await meeting.command({ type: "voting.close" });
  const tally = await chairTally(test.info().project.use.baseURL!, meeting.id);
  expect(tally.validBallots).toBe(1);
  for (const speaker of tally.speakers) {
    const counted = Object.fromEntries(speaker.levels.filter((l) => l.count > 0).map((l) => [l.levelId, l.count]));
    expect(counted, speaker.unit).toEqual(chosen[speaker.speakerId] ? { [chosen[speaker.speakerId]!]: 1 } : {});
  }
  await context.close();
});
