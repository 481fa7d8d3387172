// axe-core over one screen with the WCAG 2.1 A/AA rules, in words a reviewer can act on.
// axe files colour contrast it could not settle as "incomplete" rather than as a violation:
// a one-character row number whose colours it knows, text over a gradient or an image. Those
// are measured here — from axe's own colours where it has them, otherwise from the pixels
// behind the text (a screenshot with the text made transparent) — and a failing one counts.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface ContrastData {
  fgColor?: string;
  bgColor?: string;
  contrastRatio?: number;
  expectedContrastRatio?: string;
  fontSize?: string;
  messageKey?: string;
}

/** Relative luminance of an sRGB colour (WCAG 2.1). */
function luminance([r, g, b]: number[]): number {
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
}

export function contrast(a: number[], b: number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

function hex(value: string): number[] {
  const h = value.replace("#", "");
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
}

/**
 * The worst contrast of the element's text colour against the pixels behind its text: the
 * text is made transparent for one screenshot, and every colour covering 5 % of its box or
 * more is compared.
 */
async function measuredBehind(page: Page, selector: string): Promise<{ ratio: number; fg: number[] } | null> {
  const element = page.locator(selector).first();
  if (!(await element.isVisible())) return null;
  // The text colour, and where inside the element's box its text sits (inside the border and
  // padding: a kbd's border is not behind its text). Null when something else covers it.
  const probe = await element.evaluate((el) => {
    el.scrollIntoView({ block: "center" });
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const top = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
    if (!top || !(el === top || el.contains(top) || top.contains(el))) return null;
    const canvas = document.createElement("canvas").getContext("2d")!;
    canvas.fillStyle = style.color;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b] = Array.from(canvas.getImageData(0, 0, 1, 1).data);
    const px = (value: string) => Number.parseFloat(value) || 0;
    const inset = {
      left: px(style.borderLeftWidth) + px(style.paddingLeft),
      top: px(style.borderTopWidth) + px(style.paddingTop),
      right: px(style.borderRightWidth) + px(style.paddingRight),
      bottom: px(style.borderBottomWidth) + px(style.paddingBottom),
      width: rect.width,
    };
    (el as HTMLElement).style.setProperty("color", "transparent", "important");
    (el as HTMLElement).style.setProperty("text-shadow", "none", "important");
    return { fg: [r!, g!, b!], inset };
  });
  if (!probe) return null;
  const { fg, inset } = probe;
  const shot = await element.screenshot({ animations: "disabled" });
  await element.evaluate((el) => {
    (el as HTMLElement).style.removeProperty("color");
    (el as HTMLElement).style.removeProperty("text-shadow");
  });
  // Decoded in the page: no PNG library needed, and createImageBitmap is not subject to the CSP.
  const pixels = await page.evaluate(async ({ base64, inset }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const scale = bitmap.width / Math.max(1, inset.width);
    const x = Math.round(inset.left * scale);
    const y = Math.round(inset.top * scale);
    const w = Math.max(1, bitmap.width - x - Math.round(inset.right * scale));
    const h = Math.max(1, bitmap.height - y - Math.round(inset.bottom * scale));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d")!;
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(x, y, w, h).data;
    // Colours that cover a real part of the box: anti-aliased corners and hairline borders do not.
    const seen = new Map<string, { rgb: number[]; count: number }>();
    for (let i = 0; i < data.length; i += 4) {
      const key = `${data[i]},${data[i + 1]},${data[i + 2]}`;
      const entry = seen.get(key) ?? { rgb: [data[i]!, data[i + 1]!, data[i + 2]!], count: 0 };
      entry.count += 1;
      seen.set(key, entry);
    }
    const total = data.length / 4;
    return [...seen.values()].filter((e) => e.count >= total * 0.05).map((e) => e.rgb);
  }, { base64: shot.toString("base64"), inset });
  if (pixels.length === 0) return null;
  return { ratio: Math.min(...pixels.map((px) => contrast(fg, px))), fg };
}

/** Every WCAG 2.1 A/AA problem axe finds on the page now, plus unsettled contrast that fails when measured. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const problems: string[] = [];
  for (const violation of results.violations) {
    for (const node of violation.nodes) {
      problems.push(`${violation.id} (${violation.impact}): ${node.target.join(" ")} — ${node.failureSummary?.replace(/\s+/g, " ").slice(0, 200)}`);
    }
  }
  for (const result of results.incomplete.filter((r) => r.id === "color-contrast")) {
    for (const node of result.nodes) {
      const data = (node.any[0]?.data ?? {}) as ContrastData;
      const expected = Number.parseFloat(data.expectedContrastRatio ?? "4.5");
      const selector = node.target.map(String).join(" ");
      if (data.fgColor && data.bgColor) {
        const ratio = contrast(hex(data.fgColor), hex(data.bgColor));
        if (ratio < expected) problems.push(`color-contrast (measured): ${selector} — ${data.fgColor} on ${data.bgColor} is ${ratio.toFixed(2)}:1, needs ${expected}:1 (${data.fontSize})`);
        continue;
      }
      if (node.target.length > 1) {
        problems.push(`color-contrast (unmeasured, in a frame): ${selector} — ${data.messageKey}`);
        continue;
      }
      const measured = await measuredBehind(page, selector);
      if (measured && measured.ratio < expected) {
        problems.push(`color-contrast (measured behind the text): ${selector} — ${measured.ratio.toFixed(2)}:1, needs ${expected}:1 (${data.messageKey}, ${data.fontSize})`);
      }
    }
  }
  return problems;
}
