// The views the layout suite visits, the sizes each is meant for, and what it checks on
// each of them: no sideways scrolling of the document, no key element cut off by its own
// box or by an ancestor that clips, no console errors — plus, on a ballot, every level a
// full tap target on screen.
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { CHAIR_TOKEN } from "./api";
import type { LayoutMeeting } from "./layout-meeting";

export interface Size {
  width: number;
  height: number;
  /** Phones and tablets: touch, and the browser honours the page's viewport meta. */
  touch: boolean;
}

export const SIZES: Record<string, Size> = {
  "360x640": { width: 360, height: 640, touch: true },
  "390x844": { width: 390, height: 844, touch: true },
  "768x1024": { width: 768, height: 1024, touch: true },
  "1024x768": { width: 1024, height: 768, touch: true },
  "1366x768": { width: 1366, height: 768, touch: false },
  "1920x1080": { width: 1920, height: 1080, touch: false },
};

export type LiveViewName = "chair" | "projector" | "tablet" | "tellers";
export type SetupViewName = "setup-list" | "setup-info" | "setup-roster" | "setup-import" | "setup-evaluation" | "setup-access" | "setup-seats";
export type ViewName = LiveViewName | SetupViewName;

/**
 * Where each view is used. The chair and the tellers use laptops; the projector is 16:9
 * (1920×1080, 1366×768) or an older 4:3 (1024×768); attendees use an iPad either way up or
 * a phone; organisers prepare the meeting in any browser, phone included.
 */
export const LIVE_VIEWS_AT: Record<string, LiveViewName[]> = {
  "360x640": ["tablet"],
  "390x844": ["tablet"],
  "768x1024": ["tablet"],
  "1024x768": ["tablet", "chair", "projector", "tellers"],
  "1366x768": ["chair", "projector", "tellers"],
  "1920x1080": ["chair", "projector", "tellers"],
};
export const SETUP_SIZES = ["390x844", "768x1024", "1024x768", "1366x768", "1920x1080"];
export const SETUP_VIEWS: SetupViewName[] = ["setup-list", "setup-info", "setup-roster", "setup-import", "setup-evaluation", "setup-access", "setup-seats"];

const SETUP_PATHS: Record<Exclude<SetupViewName, "setup-list">, string> = {
  "setup-info": "",
  "setup-roster": "/roster",
  "setup-import": "/import",
  "setup-evaluation": "/evaluation",
  "setup-access": "/access",
  "setup-seats": "/seats",
};

/** One view in its own page, with the console errors it logged since the last look. */
export class View {
  readonly errors: string[] = [];

  constructor(
    readonly name: ViewName,
    readonly page: Page,
  ) {
    page.on("console", (message) => {
      if (message.type() === "error") this.errors.push(message.text());
    });
    page.on("pageerror", (error) => this.errors.push(`${error.name}: ${error.message}`));
  }

  takeErrors(): string[] {
    return this.errors.splice(0);
  }
}

export async function newContext(browser: Browser, size: Size): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: size.width, height: size.height }, hasTouch: size.touch, isMobile: size.touch && size.width < 1000 });
}

export async function openView(context: BrowserContext, name: ViewName, meeting: LayoutMeeting): Promise<View> {
  const view = new View(name, await context.newPage());
  const { page } = view;
  switch (name) {
    case "chair":
      await page.goto(meeting.chairPath);
      await expect(page.getByTestId("chair-connection")).toHaveAttribute("data-state", "online");
      break;
    case "projector":
      await page.goto(meeting.displayPath);
      break;
    case "tablet":
      await page.goto(meeting.joinPath);
      break;
    case "tellers":
      // 甲's link: the page is 甲's, there is nothing to pick.
      await page.goto(meeting.tellerPaths.A);
      await page.getByTestId("teller-entry").waitFor();
      break;
    case "setup-list":
      await page.goto(`/setup#token=${CHAIR_TOKEN}`);
      break;
    default:
      await page.goto(`/setup/${meeting.id}${SETUP_PATHS[name]}#token=${CHAIR_TOKEN}`);
  }
  return view;
}

/** Waits until the view shows the meeting as the last command left it (and what that phase loads). */
export async function settle(view: View, meeting: LayoutMeeting, phase: string): Promise<void> {
  const { page } = view;
  if (view.name === "setup-list") {
    await page.reload();
    await expect(page.getByTestId(`setup-meeting-${meeting.id}`)).toBeVisible();
  } else {
    await expect(page.locator(`[data-meeting-version="${meeting.version}"]`).first()).toBeVisible();
  }
  const waitFor = (testId: string) => expect(page.getByTestId(testId).first()).toBeVisible();
  if (view.name === "chair" && (phase === "voting-closed" || phase === "published")) await waitFor("voting-results");
  if (view.name === "projector" && phase === "published") await waitFor("projector-results");
  if (view.name === "tablet" && phase === "voting-open") await waitFor("ballot");
  if (view.name === "tablet" && phase === "voting-closed") await waitFor("ballot-closed");
  if (view.name === "tellers") await waitFor("teller-entry");
  // 会议结束: the chair's 会后 panel, once its record has been read.
  if (view.name === "chair" && phase === "closed") await waitFor("records-chain");
  // Fonts in, and two frames for the last render to land.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))));
}

/**
 * What is wrong with the layout now, in words a reviewer can act on: the document scrolling
 * sideways, and buttons, links, fields and test-id'd elements (speaker, unit, countdown,
 * ballot choices …) whose content spills out of their own box or that an ancestor with
 * overflow hidden cuts off. Scroll boxes may hold more than they show; they scroll.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`页面可横向滚动：内容宽 ${root.scrollWidth}px，窗口宽 ${root.clientWidth}px`);

    const scrolls = (value: string) => value === "auto" || value === "scroll";
    const clips = (value: string) => value === "hidden" || value === "clip";
    const name = (el: HTMLElement) => el.dataset.testid ?? `${el.tagName.toLowerCase()}“${(el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 24)}”`;

    // Key elements themselves, and any part of a button or link that cuts its text with an ellipsis.
    const keyElements = new Set(document.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea, [data-testid]"));
    for (const part of document.querySelectorAll<HTMLElement>("button *, a[href] *")) {
      if (getComputedStyle(part).textOverflow === "ellipsis") keyElements.add(part);
    }
    for (const el of keyElements) {
      const rect = el.getBoundingClientRect();
      // Not laid out, or visually hidden on purpose (sr-only is 1×1).
      if (rect.width <= 1 || rect.height <= 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === "hidden") continue;
      const field = el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement;
      if (!field && style.display !== "inline") {
        // Sideways, text running past its box is wrong whether the box cuts it or lets it spill.
        // An ellipsis shows from the first pixel over; elsewhere allow a pixel of rounding.
        const slack = style.textOverflow === "ellipsis" ? 0 : 1;
        if (!scrolls(style.overflowX) && el.scrollWidth > el.clientWidth + slack) {
          problems.push(`${name(el)} 的内容比它的框宽（${el.scrollWidth}px > ${el.clientWidth}px），被截断或溢出`);
          continue;
        }
        // Downwards only a box that cuts counts: CJK glyphs overhang a tight line height harmlessly.
        if (clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1) {
          problems.push(`${name(el)} 的内容比它的框高（${el.scrollHeight}px > ${el.clientHeight}px），被截断`);
          continue;
        }
      }
      for (let box = el.parentElement; box; box = box.parentElement) {
        const boxStyle = getComputedStyle(box);
        const cutX = clips(boxStyle.overflowX);
        const cutY = clips(boxStyle.overflowY);
        if (cutX || cutY) {
          const b = box.getBoundingClientRect();
          if ((cutX && (rect.left < b.left - 1 || rect.right > b.right + 1)) || (cutY && (rect.top < b.top - 1 || rect.bottom > b.bottom + 1))) {
            problems.push(`${name(el)} 被外框截掉了一部分`);
            break;
          }
        }
        // Inside a scroll box the rest is reachable by scrolling; a fixed box escapes its ancestors.
        if (scrolls(boxStyle.overflowX) || scrolls(boxStyle.overflowY) || boxStyle.position === "fixed") break;
      }
    }
    return problems;
  });
}

/** Every level of every ballot row: on screen sideways and at least 44 × 44 px. */
export function ballotTargetProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const button of document.querySelectorAll<HTMLElement>('[data-testid^="ballot-mark-"]')) {
      const r = button.getBoundingClientRect();
      const label = button.getAttribute("aria-label") ?? button.dataset.testid;
      if (r.left < 0 || r.right > window.innerWidth) problems.push(`${label} 超出屏幕左右边缘`);
      if (r.width < 44 || r.height < 44) problems.push(`${label} 只有 ${Math.round(r.width)}×${Math.round(r.height)}px，小于 44×44`);
    }
    return problems;
  });
}

/** Elements that must be wholly on screen (a dialog's buttons), by test id. */
export function offScreen(page: Page, testIds: string[]): Promise<string[]> {
  return page.evaluate((ids) => {
    const problems: string[] = [];
    for (const id of ids) {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (!el) {
        problems.push(`${id} 不存在`);
        continue;
      }
      const r = el.getBoundingClientRect();
      if (r.left < 0 || r.top < 0 || r.right > window.innerWidth || r.bottom > window.innerHeight) problems.push(`${id} 不完全在屏幕内`);
    }
    return problems;
  }, testIds);
}
