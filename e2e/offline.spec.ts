// A reload while the server is away (restarting, or a crash) in the hall: the projector and
// a tablet come back from the service worker's copy of the page with the meeting where it
// was — the projector still counting down from the last deadline, flagged stale — and both
// reconnect by themselves when the server is back. Nothing here needs the internet.
import type { Page } from "@playwright/test";
import { expect, test } from "./csp-guard";
import { clockSeconds } from "./pages/live-views";
import { RestartableServer } from "./pages/restartable-server";

/** Resolves once the service worker controls the page and holds a copy of it. */
async function pageCached(page: Page): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async () => {
          if (!navigator.serviceWorker.controller) return false;
          const url = window.location.href.split("#")[0]!;
          return (await caches.match(url)) !== undefined;
        }),
      { timeout: 20_000 },
    )
    .toBe(true);
}

test("projector and tablet survive a reload while the server restarts, then reconnect by themselves", async ({ browser }) => {
  test.setTimeout(240_000);
  const server = await RestartableServer.create();
  await server.start();
  try {
    const [meeting] = await server.api<Array<{ id: string }>>("/api/meetings");
    const links = await server.api<{ displayPath: string; joinPath: string }>(`/api/meetings/${meeting!.id}/links`);
    await server.api(`/api/meetings/${meeting!.id}/commands`, { type: "agenda.next" });
    await server.api(`/api/meetings/${meeting!.id}/commands`, { type: "agenda.next" }); // the first speaker's timer runs

    const projector = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
    const tablet = await (await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true })).newPage();
    await projector.goto(server.origin + links.displayPath);
    await tablet.goto(server.origin + links.joinPath);
    const countdown = projector.getByTestId("projector-countdown");
    await expect(countdown).toBeVisible();
    await expect(tablet.getByTestId("tablet-speaker")).toContainText("城东街道党工委");
    await pageCached(projector);
    await pageCached(tablet);

    await server.kill();
    await projector.reload();
    await tablet.reload();

    // Not the browser's error page: the meeting as it was, flagged stale, still counting down.
    await expect(projector.getByTestId("projector-speaker")).toContainText("城东街道党工委");
    await expect(projector.getByTestId("projector-stale")).toBeVisible();
    const seconds = async () => clockSeconds((await countdown.textContent()) ?? "");
    const before = await seconds();
    expect(before).toBeLessThan(360);
    await expect.poll(seconds, { timeout: 5_000 }).toBeLessThan(before);
    await expect(tablet.getByTestId("tablet-speaker")).toContainText("城东街道党工委");
    await expect(tablet.getByText("连接中断，正在重连")).toBeVisible();

    // The server is back: both reconnect with no one touching them, and the countdown goes on.
    await server.start();
    await expect(projector.getByTestId("projector-stale")).toBeHidden({ timeout: 30_000 });
    await expect(tablet.getByText("连接中断，正在重连")).toBeHidden({ timeout: 30_000 });
    expect(await seconds()).toBeLessThan(before);
    await server.api(`/api/meetings/${meeting!.id}/commands`, { type: "agenda.next" });
    await expect(projector.getByTestId("projector-used")).toBeVisible();
  } finally {
    // Its pages would otherwise keep knocking at a dead server through the next specs.
    for (const context of browser.contexts()) await context.close();
    await server.kill();
  }
});
