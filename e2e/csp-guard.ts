// Every spec imports `test` from here: it watches every page of every browser context the
// test opens (chair, projector, tablets, tellers, setup) for Content-Security-Policy
// violations, and fails the test if there was any. A policy that would break a screen is a
// failing test, not a header quietly dropped.
import { test as base, expect, type BrowserContext } from "@playwright/test";

export { expect };

const MARK = "[csp-violation]";

/**
 * Runs in every document of the page before its own scripts. Chromium also logs most
 * violations to the console itself, but not all (a refused `eval` that the page catches is
 * only an event), and a sandboxed frame runs no script at all: both sources are read.
 */
function reportViolations(mark: string): void {
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`${mark} ${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ${event.sample}`.trim());
  });
}

export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser }, use) => {
      const violations: string[] = [];
      const watched = new Set<BrowserContext>();
      const watch = (context: BrowserContext) => {
        if (watched.has(context)) return;
        watched.add(context);
        // Registered synchronously on creation, so it is in place before the test opens a page.
        void context.addInitScript(reportViolations, MARK);
        context.on("console", (message) => {
          const text = message.text();
          if (text.startsWith(MARK) || /Content Security Policy/i.test(text)) {
            const where = message.page()?.url() ?? "";
            violations.push(text.startsWith(MARK) ? text.slice(MARK.length + 1) : `${new URL(where || "about:blank").pathname}: ${text}`);
          }
        });
      };
      for (const context of browser.contexts()) watch(context);
      browser.on("context", watch);
      await use(violations);
      browser.off("context", watch);
      // Console messages arrive asynchronously; give the last ones a moment.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(violations, "Content-Security-Policy violations on the screens this test opened").toEqual([]);
    },
    { auto: true },
  ],
});
