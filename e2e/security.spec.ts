// Defence in depth, as the hall meets it: every page carries a nonce Content-Security-Policy
// (and every spec's screens are watched for violations by csp-guard.ts); a long illustrated
// report uploaded during item 1 converts off the event loop while the chair keeps stepping
// the agenda; the tablet reads it in a sandboxed frame with working 目录 links; item 3 and
// the end of the meeting raise no violation on any screen.
import { writeFileSync } from "node:fs";
import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import { chapterTitle, illustratedReportOfSize, tocAnchor } from "../server/test-support/report-docx";
import { pdfFile } from "../server/test-support/files";
import { expect, test } from "./csp-guard";
import { CHAIR_TOKEN, chairPath, demoMeeting, type MeetingLinks } from "./pages/api";
import { ChairConsole, Projector, Tablet } from "./pages/live-views";
import { ReportFrame } from "./pages/report-frame";
import { SetupMeetingList, SetupRoster } from "./pages/setup-pages";

const auth = { authorization: `Bearer ${CHAIR_TOKEN}` };

/** A fresh copy of the demo meeting, so this spec changes nothing the others rely on. */
async function copyOfDemo(request: APIRequestContext, title: string): Promise<MeetingLinks & { roster: Array<{ id: string; unit: string; mode: string }> }> {
  const demo = await demoMeeting(request);
  const copied = await request.post(`/api/meetings/${demo.id}/copy`, { headers: auth, data: { title, date: "2024-01-18" } });
  expect(copied.status(), await copied.text()).toBe(201);
  const { id } = (await copied.json()) as { id: string };
  const links = (await (await request.get(`/api/meetings/${id}/links`, { headers: auth })).json()) as Omit<MeetingLinks, "id" | "title">;
  const setup = (await (await request.get(`/api/meetings/${id}/setup`, { headers: auth })).json()) as { snapshot: { roster: Array<{ id: string; unit: string; mode: string }> } };
  return { id, title, ...links, roster: setup.snapshot.roster };
}

async function contexts(browser: Browser): Promise<Record<"chair" | "projector" | "tablet" | "organiser", BrowserContext>> {
  return {
    chair: await browser.newContext({ viewport: { width: 1440, height: 900 } }),
    projector: await browser.newContext({ viewport: { width: 1920, height: 1080 } }),
    tablet: await browser.newContext({ viewport: { width: 1024, height: 1366 }, hasTouch: true }),
    organiser: await browser.newContext({ viewport: { width: 1440, height: 900 } }),
  };
}

test("every page is sent its own nonce Content-Security-Policy, nosniff and no-referrer", async ({ request }) => {
  const meeting = await demoMeeting(request);
  const pages = [
    "/",
    "/join",
    meeting.joinPath,
    "/chair",
    `/chair/${meeting.id}`,
    meeting.displayPath.split("#")[0]!,
    meeting.tellerPaths.A.split("#")[0]!,
    "/setup",
    ...["", "/roster", "/import", "/evaluation", "/seats", "/access"].map((sub) => `/setup/${meeting.id}${sub}`),
    "/no-such-page",
  ];
  const host = new URL(test.info().project.use.baseURL!).host;
  const nonces = new Set<string>();
  for (const path of pages) {
    const res = await request.get(path);
    const headers = res.headers();
    const policy = headers["content-security-policy"] ?? "";
    expect(policy, path).not.toBe("");
    const directives = new Map(policy.split(/;\s*/).map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]));
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(directives.get("script-src") ?? "")?.[1];
    expect(nonce, `${path}: script nonce`).toBeTruthy();
    nonces.add(nonce!);
    expect(directives.get("script-src"), path).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(policy, path).not.toContain("unsafe-eval");
    expect(directives.get("object-src"), path).toBe("'none'");
    expect(directives.get("base-uri"), path).toBe("'none'");
    expect(directives.get("frame-ancestors"), path).toBe("'none'");
    expect(directives.get("connect-src"), path).toBe(`'self' ws://${host}`);
    expect(directives.get("worker-src"), path).toBe("'self'");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("no-referrer");
    // Every script Next writes into the page carries this request's nonce, and no other.
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size, "a fresh nonce for every page load").toBe(pages.length);
  // Built scripts are sent nosniff too.
  const home = await (await request.get("/")).text();
  const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(home)![1]!;
  expect((await request.get(chunk)).headers()["x-content-type-options"]).toBe("nosniff");
});

test("a stray % in a page address gets a 400 page in Chinese, not a server error", async ({ request }) => {
  const meeting = await demoMeeting(request);
  for (const path of ["/join/%", "/chair/%", "/display/%", "/tellers/%", "/setup/%/roster", `/setup/${meeting.id}/%`, "/join/%E4%B8"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(400);
    expect(response.headers()["content-type"], path).toContain("text/html");
    expect(await response.text(), path).toContain("地址有误");
  }
  // A well-formed escape still reaches the page as before.
  expect((await request.get("/join/%34%38%32%39%31%35")).status()).not.toBe(400);
});

test("a script injected into a page is refused, and the guard sees it", async ({ browser, request, cspViolations }) => {
  const meeting = await demoMeeting(request);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(meeting.joinPath);
  await expect(page.getByTestId("tablet-report-list")).toBeVisible();
  // What one sanitiser bug would let a report do if it were rendered into the page itself.
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", `<img src="data:," onerror="document.title='pwned'">`));
  await expect.poll(() => cspViolations.find((v) => v.includes("script-src-attr"))).toBeTruthy();
  expect(await page.title()).not.toBe("pwned");
  // Expected here, and only here.
  cspViolations.splice(0);
  await context.close();
});

test("a long illustrated report uploaded during item 1: the hall never waits; the tablet reads it in a sandbox", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const meeting = await copyOfDemo(request, "安全测试：述职材料在会中上传");
  const written = meeting.roster.filter((e) => e.mode === "written");
  const [report, pdf] = [written[0]!, written[1]!];
  const docx = Buffer.from(await illustratedReportOfSize(10 * 1024 * 1024 - 64 * 1024, 12, 300));
  expect(docx.byteLength).toBeGreaterThan(9 * 1024 * 1024);
  const uploadedPdf = await request.put(`/api/meetings/${meeting.id}/speakers/${pdf.id}/attachment?name=report.pdf`, { headers: auth, data: Buffer.from(pdfFile()) });
  expect(uploadedPdf.status()).toBe(200);

  const roles = await contexts(browser);
  const chair = new ChairConsole(await roles.chair.newPage());
  const projector = new Projector(await roles.projector.newPage());
  const tablet = new Tablet(await roles.tablet.newPage());
  const organiser = await roles.organiser.newPage();
  await chair.open(chairPath(meeting.id));
  await projector.page.goto(meeting.displayPath);
  await tablet.page.goto(meeting.joinPath);
  // The list page keeps the token from its link once it has loaded; only then go on.
  await new SetupMeetingList(organiser).open(CHAIR_TOKEN);
  const roster = new SetupRoster(organiser);
  await roster.open(meeting.id);

  // Item 1 starts; the first speaker's timer runs.
  await chair.press("ArrowRight");
  await expect(projector.speaker).toContainText("城东街道党工委");
  await chair.press("Space");
  await expect(projector.countdown).not.toHaveText("6:00");

  // The organiser uploads the report (10 MB, photos, tables, a 目录) for a written unit.
  await organiser.getByRole("button", { name: `编辑 ${report.unit}` }).click();
  // From a file on disk, as the organiser picks it (a 10 MB buffer through the driver is slow).
  const file = test.info().outputPath("区直机关工委述职报告.docx");
  writeFileSync(file, docx);
  await organiser.getByTestId("attachment-input").setInputFiles(file);
  const status = organiser.getByRole("status");
  await expect(status).toContainText("正在上传");
  // Let the file arrive and its conversion begin; then the chair gives a minute more.
  await organiser.waitForTimeout(1000);
  await chair.press("+");
  await expect.poll(() => projector.seconds()).toBeGreaterThan(360);
  await expect(tablet.speaker).toContainText("城东街道党工委");
  // The hall followed while the report was still being converted.
  expect(await status.textContent()).toContain("正在上传");

  // The chair keeps stepping: 点评, then the next speaker, on every screen.
  await chair.press("ArrowRight");
  await expect(projector.countdown).toHaveCount(0);
  await chair.press("ArrowRight");
  await expect(projector.speaker).toContainText("城西街道党工委");
  await expect(tablet.speaker).toContainText("城西街道党工委");
  await expect(status).toContainText("已上传：区直机关工委述职报告.docx", { timeout: 60_000 });

  // The tablet opens the report: a sandboxed frame that can run nothing and reach nothing of the tablet's.
  await tablet.page.getByTestId(`tablet-report-${report.id}`).click();
  const reader = new ReportFrame(tablet.page);
  expect(await reader.sandboxTokens()).toEqual(["allow-popups", "allow-popups-to-escape-sandbox"]);
  const frame = await reader.frame();
  const reach = await frame.evaluate(() => {
    const attempt = (read: () => unknown) => {
      try {
        read();
        return "reached";
      } catch {
        return "blocked";
      }
    };
    return { storage: attempt(() => window.localStorage.length), page: attempt(() => window.parent.document.title), cookie: attempt(() => document.cookie) };
  });
  expect(reach).toEqual({ storage: "blocked", page: "blocked", cookie: "blocked" });
  const content = tablet.page.frameLocator('[data-testid="tablet-report-html"]');
  await expect(content.getByRole("heading", { name: chapterTitle(0) })).toBeVisible();
  expect(await frame.evaluate(() => getComputedStyle(document.querySelector("p")!).fontSize)).toBe("22px");

  // Tables and photos fit the width: nothing scrolls sideways.
  const overflow = await reader.overflow();
  expect(overflow.tableCount).toBe(12);
  expect(overflow).toMatchObject({ page: 0, tables: 0, pictures: 0 });

  // The 目录 links jump within the report; the tablet's page stays where it is.
  const tabletUrl = tablet.page.url();
  await content.getByRole("link", { name: chapterTitle(8) }).click();
  await expect.poll(() => reader.topOf(`report-${tocAnchor(8)}`)).toBeLessThan(40);
  expect(await reader.topOf(`report-${tocAnchor(8)}`)).toBeGreaterThanOrEqual(0);
  expect(tablet.page.url()).toBe(tabletUrl);

  // A finger scrolls it.
  const before = await reader.scrollY();
  await reader.swipeUp(400);
  await expect.poll(() => reader.scrollY()).toBeGreaterThan(before + 200);

  // 返回 goes back to the list even after 目录 jumps (each is a history entry of the frame).
  await tablet.page.getByRole("button", { name: /返回述职名单/ }).first().click();
  await expect(tablet.page.getByTestId("tablet-report-list")).toBeVisible();
  expect(new URL(tablet.page.url()).search).toBe("");

  // A PDF report opens in the browser's own viewer, in a frame.
  await tablet.page.getByTestId(`tablet-report-${pdf.id}`).click();
  await expect(tablet.page.getByTestId("tablet-report-pdf")).toBeVisible();
  await expect(tablet.page.getByText("下载原文件：report.pdf")).toBeVisible();

  await Promise.all(Object.values(roles).map((context) => context.close()));
});

test("大字 applies inside the report: 150 % on a phone, tables still within the width", async ({ browser, request }) => {
  const meeting = await copyOfDemo(request, "安全测试：大字");
  const written = meeting.roster.find((e) => e.mode === "written")!;
  const docx = await illustratedReportOfSize(2 * 1024 * 1024, 3, 10);
  expect((await request.put(`/api/meetings/${meeting.id}/speakers/${written.id}/attachment?name=report.docx`, { headers: auth, data: Buffer.from(docx) })).status()).toBe(200);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await phone.newPage();
  const reader = `/api/attachments/${written.id}?code=${meeting.attendeeCode}&as=html`;
  for (const [scale, size] of [["1", "22px"], ["1.25", "27.5px"], ["1.5", "33px"]] as const) {
    await page.goto(`${reader}&scale=${scale}`);
    const measured = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      return {
        size: getComputedStyle(document.querySelector("p")!).fontSize,
        sideways: document.documentElement.scrollWidth - width,
        tables: Math.max(...[...document.querySelectorAll("table")].map((t) => t.getBoundingClientRect().right - width)),
      };
    });
    expect(measured.size, scale).toBe(size);
    expect(measured.sideways, scale).toBe(0);
    expect(measured.tables, scale).toBeLessThanOrEqual(0);
  }
  await phone.close();
});

test("item 3 and the end of the meeting: chair, projector, tablet and tellers raise no violation", async ({ browser, request }) => {
  const meeting = await copyOfDemo(request, "安全测试：书记讲话与会议结束");
  const roles = await contexts(browser);
  const chair = new ChairConsole(await roles.chair.newPage());
  const projector = new Projector(await roles.projector.newPage());
  const tablet = new Tablet(await roles.tablet.newPage());
  const tellers = await roles.organiser.newPage();
  await chair.open(chairPath(meeting.id));
  await projector.page.goto(meeting.displayPath);
  await tablet.page.goto(meeting.joinPath);
  await tellers.goto(meeting.tellerPaths.A);
  chair.page.on("dialog", (dialog) => void dialog.accept());

  await chair.page.getByTestId("agenda-closing").click();
  await expect(projector.page.getByTestId("projector-point")).toBeVisible();
  const first = await projector.page.getByTestId("projector-point").textContent();
  await chair.press("ArrowRight");
  await expect(projector.page.getByTestId("projector-point")).not.toHaveText(first ?? "");
  // → through the remaining points to 会议结束.
  for (let i = 0; i < 10 && (await projector.item.textContent()) !== "会议结束"; i++) await chair.press("ArrowRight");
  await expect(projector.item).toHaveText("会议结束");
  await expect(tablet.page.getByTestId("tablet-report-list")).toBeVisible();
  await tablet.page.reload();
  await projector.page.reload();
  await expect(projector.item).toHaveText("会议结束");
  await Promise.all(Object.values(roles).map((context) => context.close()));
});
