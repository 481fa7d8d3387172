// Lighthouse's accessibility score is 100 (issue 14) on /join as a phone sees it and on
// /display and /chair as a laptop does, against the server the other specs use. Lighthouse
// drives a Chromium of its own (the system one where it exists), headless, with its own
// throttling off: only the accessibility audits run. About a minute on a 2-core machine,
// so it runs with `npm run test:a11y`, not in `npm test` (see README).
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import { expect, test } from "./csp-guard";
import { CHAIR_TOKEN, demoMeeting } from "./pages/api";
import { systemChromium } from "../server/test-support/chromium";


interface Target {
  name: string;
  path: string;
  form: "mobile" | "desktop";
}

test("Lighthouse accessibility is 100 on /join (phone), /display and /chair (laptop)", async ({ request }) => {
  test.setTimeout(5 * 60_000);
  const meeting = await demoMeeting(request);
  const base = test.info().project.use.baseURL!;
  const targets: Target[] = [
    { name: "/join", path: "/join", form: "mobile" },
    { name: "/display", path: meeting.displayPath, form: "desktop" },
    { name: "/chair", path: `/chair/${meeting.id}#token=${CHAIR_TOKEN}`, form: "desktop" },
  ];
  const chrome = await chromeLauncher.launch({
    chromePath: systemChromium,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
  });
  try {
    for (const target of targets) {
      const flags = { port: chrome.port, output: "json" as const, logLevel: "error" as const, onlyCategories: ["accessibility"] };
      const run = await lighthouse(`${base}${target.path}`, flags, target.form === "desktop" ? desktopConfig : undefined);
      const lhr = run?.lhr;
      expect(lhr, target.name).toBeDefined();
      const category = lhr!.categories.accessibility!;
      // The audits that cost points, by id and the elements they name, so a failure says what to fix.
      const failing = category.auditRefs
        .filter((ref) => ref.weight > 0 && lhr!.audits[ref.id]?.score !== 1 && lhr!.audits[ref.id]?.score !== null)
        .map((ref) => {
          const audit = lhr!.audits[ref.id]!;
          const details = audit.details as { items?: Array<{ node?: { snippet?: string } }> } | undefined;
          const nodes = (details?.items ?? []).map((item) => item.node?.snippet ?? "").filter(Boolean).slice(0, 5);
          return `${ref.id}: ${audit.title} ${nodes.join(" ")}`;
        });
      expect.soft(failing, `${target.name} (${target.form})`).toEqual([]);
      expect.soft(Math.round((category.score ?? 0) * 100), `${target.name} accessibility score`).toBe(100);
    }
  } finally {
    await chrome.kill();
  }
});
