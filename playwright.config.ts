import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./server/test-support/chromium";

// The server exactly as `npm start` runs it (the compiled server, rebuilt first when the
// sources changed), on a fresh temp database.
const port = Number(process.env.E2E_PORT ?? 3300);
export const E2E_CHAIR_TOKEN = "e2e-chair-token-0123";
const database = path.join(mkdtempSync(path.join(os.tmpdir(), "debrief-e2e-")), "e2e.db");


export default defineConfig({
  testDir: "e2e",
  // The flows share the demo meeting and run one at a time; the layout suite uses meetings of
  // its own and runs its sizes on two workers once the flows are done (a 2-core CI machine).
  workers: 2,
  fullyParallel: false,
  projects: [
    { name: "flows", testIgnore: /(layout|accessibility|lighthouse)\.spec\.ts/, workers: 1 },
    { name: "layout", testMatch: /layout\.spec\.ts/, dependencies: ["flows"], fullyParallel: true },
    // axe over every screen in every phase, on meetings of its own like the layout suite.
    { name: "accessibility", testMatch: /accessibility\.spec\.ts/, dependencies: ["flows"], fullyParallel: true },
    // Lighthouse's accessibility score: about a minute more, so only in `npm run test:a11y`.
    ...(process.env.A11Y_LIGHTHOUSE ? [{ name: "lighthouse", testMatch: /lighthouse\.spec\.ts/ }] : []),
  ],
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? "list" : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunchOptions,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
  },
  webServer: {
    command: "node scripts/start.mjs",
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 600_000,
    env: { PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${database}`, CHAIR_TOKEN: E2E_CHAIR_TOKEN },
    stdout: "pipe",
  },
});
