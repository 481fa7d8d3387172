// Joining from /join with the code the hall gives out: the form is a plain GET form, so it
// works the same before and after the page's script has run.
import { expect, test } from "./csp-guard";
import { demoMeeting } from "./pages/api";

test("a code typed on /join opens the meeting; a wrong one is refused, and 重新输入会议码 leads back to the form", async ({ browser, request }) => {
  const meeting = await demoMeeting(request);
  const code = meeting.joinPath.replace("/join/", "");
  const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, hasTouch: true });
  const page = await context.newPage();

  await page.goto("/join");
  await page.getByLabel("会议码").fill("12");
  await page.getByRole("button", { name: "进入会议" }).click();
  await expect(page.getByRole("alert")).toHaveText("请输入 6 位数字会议码。");
  await expect(page.getByLabel("会议码")).toHaveValue("12");

  await page.getByLabel("会议码").fill(code);
  await page.getByRole("button", { name: "进入会议" }).click();
  await expect(page).toHaveURL(new RegExp(`/join/${code}$`));
  await expect(page.getByTestId("tablet-item")).toBeVisible();

  const wrong = code === "000000" ? "000001" : "000000";
  await page.goto(`/join/${wrong}`);
  await expect(page.getByRole("heading", { name: "无法进入会议" })).toBeVisible();
  await page.getByRole("link", { name: "重新输入会议码" }).click();
  await expect(page).toHaveURL(/\/join$/);
  await expect(page.getByLabel("会议码")).toBeVisible();
  await context.close();
});
