// axe-core over one screen with the WCAG 2.1 A/AA rules, in words a reviewer can act on.
// axe files colour contrast it could not settle as "incomplete" rather than as a violation:
// a one-character row number whose colours it knows, text over a gradient or an image. Those
// are measured here — from axe's own colours where it has them, otherwise from the pixels
// behind the glyphs (screenshots with and without the text) — and a failing one counts.
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
 * The worst contrast of the element's text colour against the pixels behind its glyphs: two
 * screenshots of the element, with its text and with the text made transparent; where they
 * differ is where the text is drawn, and the second shows what lies behind it there. Colours
 * behind less than 5 % of the glyph pixels (anti-aliasing) do not count. Null when something
 * else covers the element or no glyph shows. Also the ratio WCAG asks of its size.
 */
async function measuredBehind(page: Page, selector: string): Promise<{ ratio: number; expected: number } | null> {
  const element = page.locator(selector).first();
  if (!(await element.isVisible())) return null;
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
    const size = Number.parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    return { fg: [r!, g!, b!], expected: large ? 3 : 4.5 };
  });
  if (!probe) return null;
  const withText = await element.screenshot({ animations: "disabled" });
  await element.evaluate((el) => {
    (el as HTMLElement).style.setProperty("color", "transparent", "important");
    (el as HTMLElement).style.setProperty("text-shadow", "none", "important");
  });
  const withoutText = await element.screenshot({ animations: "disabled" });
  await element.evaluate((el) => {
    (el as HTMLElement).style.removeProperty("color");
    (el as HTMLElement).style.removeProperty("text-shadow");
  });
  // Decoded in the page: no PNG library needed, and createImageBitmap is not subject to the CSP.
  const behind = await page.evaluate(
    async ({ shots }) => {
      const decode = async (base64: string) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = canvas.getContext("2d")!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      };
      const [a, b] = [await decode(shots[0]!), await decode(shots[1]!)];
      if (a.length !== b.length) return [];
      const seen = new Map<string, { rgb: number[]; count: number }>();
      let glyphs = 0;
      for (let i = 0; i < a.length; i += 4) {
        if (a[i] === b[i] && a[i + 1] === b[i + 1] && a[i + 2] === b[i + 2]) continue;
        glyphs += 1;
        const key = `${b[i]},${b[i + 1]},${b[i + 2]}`;
        const entry = seen.get(key) ?? { rgb: [b[i]!, b[i + 1]!, b[i + 2]!], count: 0 };
        entry.count += 1;
        seen.set(key, entry);
      }
      return [...seen.values()].filter((e) => e.count >= glyphs * 0.05).map((e) => e.rgb);
    },
    { shots: [withText.toString("base64"), withoutText.toString("base64")] },
  );
  if (behind.length === 0) return null;
  return { ratio: Math.min(...behind.map((px) => contrast(probe.fg, px))), expected: probe.expected };
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
      if (measured && measured.ratio < measured.expected) {
        problems.push(`color-contrast (measured behind the text): ${selector} — ${measured.ratio.toFixed(2)}:1, needs ${measured.expected}:1 (${data.messageKey})`);
      }
    }
  }
  return problems;
}
