// The browser the tests and the benchmark drive: Debian's Chromium where it exists (machines
// without internet cannot run `npx playwright install`); Playwright's own browser everywhere else.
import { existsSync } from "node:fs";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** The system Chromium's path, or undefined where Playwright's own browser is to be used. */
export const systemChromium: string | undefined = existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;

/** Launch options for Playwright's chromium: the system one with the flags it needs here, or none. */
export const chromiumLaunchOptions = systemChromium
  ? {
      executablePath: systemChromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }
  : {};
