// The chair runs item 1 with the keyboard alone (issue 14): Tab onto a button and press Space
// or Enter, and that button is pressed; the single-key shortcuts never fire while focus is on
// a button, link, field or the 点评 pad; focus never falls to the page body after a command;
// every focused control shows a ring; `?` lists every shortcut. A meeting of its own.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { LayoutMeeting } from "./pages/layout-meeting";
import { newContext, openView } from "./pages/layout-views";

interface Live {
  version: number;
  item: { key: string };
  stage?: string;
  timer: { status: string; limitMs: number };
}

async function state(request: APIRequestContext, meeting: LayoutMeeting): Promise<Live> {
  const response = await request.get(`/api/meetings/${meeting.id}/state`, { headers: { connection: "close" } });
  return (await response.json()) as Live;
}

/** What has focus: its test id (or tag and text), whether it is the page body, its ring. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      id: el?.dataset.testid ?? `${el?.tagName.toLowerCase()}“${(el?.textContent ?? "").trim().slice(0, 12)}”`,
      body: el === null || el === document.body,
      inPad: el?.closest("#comment-pad") !== null && el?.closest("#comment-pad") !== undefined,
      ring: style ? style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) >= 2 : false,
    };
  });
}

/** Tabs until the element with `testId` has focus; fails after `max` presses. Returns the count. */
async function tabTo(page: Page, testId: string, max: number): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    if ((await focused(page)).id === testId) return presses;
  }
  throw new Error(`${testId} not reached within ${max} Tab presses (at ${(await focused(page)).id})`);
}

test("the chair runs item 1 from the keyboard: Space presses the focused button, shortcuts keep out of its way", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const meeting = await LayoutMeeting.copyOfDemo(request, "键盘检查 主持人");
  const context = await newContext(browser, { width: 1366, height: 768, touch: false });
  const { page } = await openView(context, "chair", meeting);

  // From a fresh load the main control is within 5 Tab presses, and the first is a skip link to it.
  await page.keyboard.press("Tab");
  expect((await focused(page)).id).toBe("chair-skip");
  await expect(page.getByTestId("chair-skip")).toBeInViewport();
  await page.keyboard.press("Enter");
  expect((await focused(page)).id).toBe("chair-next");
  await page.reload();
  await expect(page.getByTestId("chair-connection")).toHaveAttribute("data-state", "online");
  expect(await tabTo(page, "chair-next", 5)).toBeLessThanOrEqual(5);
  expect((await focused(page)).ring, "下一步 shows a focus ring").toBe(true);

  // Space on the focused 下一步 presses it: item 1, the first speaker ready.
  await page.keyboard.press("Space");
  await expect.poll(async () => (await state(request, meeting)).item.key).toBe("reports");
  expect((await focused(page)).body, "focus stays on a control").toBe(false);

  // Tab to 开始 and press Space: the timer starts.
  await tabTo(page, "chair-start-pause", 6);
  await page.keyboard.press("Space");
  await expect(page.getByTestId("chair-timer-state")).toHaveText("计时中");

  // Space and Enter on a focused +1分钟 add a minute each and never pause the timer.
  const before = await state(request, meeting);
  await page.keyboard.press("Tab");
  expect((await focused(page)).id).toContain("+1分钟");
  await page.keyboard.press("Space");
  await expect.poll(async () => (await state(request, meeting)).timer.limitMs).toBe(before.timer.limitMs + 60_000);
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await state(request, meeting)).timer.limitMs).toBe(before.timer.limitMs + 120_000);
  expect((await state(request, meeting)).timer.status).toBe("running");

  // On a button, the shortcuts do nothing: → does not move the agenda, − does not take a minute.
  const onButton = await state(request, meeting);
  for (const key of ["ArrowRight", "ArrowLeft", "-", "+"]) await page.keyboard.press(key);
  await page.waitForTimeout(500);
  const after = await state(request, meeting);
  expect({ version: after.version, status: after.timer.status }).toEqual({ version: onButton.version, status: "running" });

  // Nor on the device bar: Space on a focused 设备检查 sends the check and leaves the timer running.
  await page.getByRole("button", { name: "设备检查" }).focus();
  for (const key of ["ArrowRight", "ArrowLeft", "-", "+"]) await page.keyboard.press(key);
  await page.keyboard.press("Space");
  await expect(page.getByText("已发出设备检查")).toBeVisible();
  const onDeviceBar = await state(request, meeting);
  expect({ version: onDeviceBar.version, status: onDeviceBar.timer.status }).toEqual({ version: onButton.version, status: "running" });

  // In the 点评 pad, Space types a space and → moves the caret, not the meeting.
  await page.keyboard.press("Alt+N");
  await expect(page.getByTestId("comment-text").last()).toBeFocused();
  const pad = await focused(page);
  expect(pad.inPad && pad.ring, "the 点评 text box has focus and shows a ring").toBe(true);
  await page.keyboard.type("声音 洪亮");
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("comment-text").last()).toHaveValue("声音 洪亮");
  expect((await state(request, meeting)).timer.status).toBe("running");
  expect((await state(request, meeting)).item.key).toBe("reports");

  // Esc leaves the field; on the page the shortcuts work again: Space pauses.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("chair-timer-state")).toHaveText("已暂停");
  await page.keyboard.press("Space");
  await expect(page.getByTestId("chair-timer-state")).toHaveText("计时中");

  // 结束述职 from the keyboard: the speech ends and focus lands in the 点评 pad, not on the body.
  await page.getByTestId("chair-end").focus();
  await page.keyboard.press("Space");
  await expect(page.getByTestId("chair-timer-state")).toHaveText("述职结束 · 点评");
  await expect.poll(async () => (await focused(page)).inPad).toBe(true);
  expect((await focused(page)).ring).toBe(true);

  // `?` on the page lists every shortcut; Esc closes it.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Shift+Slash");
  const dialog = page.getByTestId("chair-keys-dialog");
  await expect(dialog).toBeVisible();
  for (const label of ["开始/暂停", "下一步", "上一步", "加 1 分钟", "减 1 分钟", "新增点评", "离开输入框", "全部快捷键"]) {
    await expect(dialog.getByText(label, { exact: true })).toBeVisible();
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await context.close();
});
