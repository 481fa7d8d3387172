// Page weight as a tablet or the projector downloads it: every response the page loads until
// the network is idle (document, scripts, styles, icons), gzip-encoded bytes as transferred,
// in real Chromium. The live data channel (Socket.IO) is counted apart.
import { chromium } from "@playwright/test";
import { chromiumLaunchOptions } from "../test-support/chromium";

export interface PageWeight {
  path: string;
  kb: number;
  socketKb: number;
}

export async function pageWeights(base: string, paths: string[]): Promise<PageWeight[]> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const weights: PageWeight[] = [];
  try {
    for (const path of paths) {
      const context = await browser.newContext();
      const page = await context.newPage();
      let bytes = 0;
      let socketBytes = 0;
      const pending: Array<Promise<void>> = [];
      page.on("requestfinished", (request) => {
        pending.push(
          request.sizes().then((sizes) => {
            if (request.url().includes("/socket.io/")) socketBytes += sizes.responseBodySize;
            else bytes += sizes.responseBodySize;
          }),
        );
      });
      await page.goto(base + path, { waitUntil: "networkidle" });
      await Promise.all(pending);
      weights.push({ path: path.replace(/#.*/, ""), kb: bytes / 1024, socketKb: socketBytes / 1024 });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return weights;
}
