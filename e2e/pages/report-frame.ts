// The tablet's report reader: the sandboxed frame a .docx report is read in, looked into the
// way DevTools can (the frame itself runs no script), and touched the way a finger does.
import { expect, type Frame, type Locator, type Page } from "@playwright/test";

export class ReportFrame {
  readonly element: Locator;

  constructor(readonly page: Page) {
    this.element = page.getByTestId("tablet-report-html");
  }

  /** The frame's document, once it has loaded. */
  async frame(): Promise<Frame> {
    await expect(this.element).toBeVisible();
    const handle = await this.element.elementHandle();
    const frame = await handle!.contentFrame();
    await frame!.waitForLoadState();
    return frame!;
  }

  async sandboxTokens(): Promise<string[]> {
    return ((await this.element.getAttribute("sandbox")) ?? "").split(/\s+/).filter(Boolean).sort();
  }

  async scrollY(): Promise<number> {
    return (await this.frame()).evaluate(() => window.scrollY);
  }

  /** Where `#id` sits from the top of the frame's viewport, in CSS px. */
  async topOf(id: string): Promise<number> {
    return (await this.frame()).evaluate((target) => document.getElementById(target)?.getBoundingClientRect().top ?? Number.NaN, id);
  }

  /** Widths that would need a sideways scroll: the page's and every table's and picture's overflow. */
  async overflow(): Promise<{ page: number; tables: number; pictures: number; tableCount: number }> {
    return (await this.frame()).evaluate(() => {
      const width = document.documentElement.clientWidth;
      const beyond = (selector: string) => Math.max(0, ...[...document.querySelectorAll(selector)].map((el) => el.getBoundingClientRect().right - width));
      return {
        page: document.documentElement.scrollWidth - width,
        tables: beyond("table"),
        pictures: beyond("img"),
        tableCount: document.querySelectorAll("table").length,
      };
    });
  }

  /** A finger dragging up over the middle of the frame (real touch events through DevTools). */
  async swipeUp(distance: number): Promise<void> {
    const box = (await this.element.boundingBox())!;
    const viewport = this.page.viewportSize()!;
    const x = box.x + box.width / 2;
    const y = Math.min(box.y + box.height / 2, viewport.height - 40);
    const session = await this.page.context().newCDPSession(this.page);
    await session.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
    for (let step = 1; step <= 10; step++) {
      await session.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y: y - (distance * step) / 10 }] });
    }
    await session.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await session.detach();
  }
}
