// The HTML document of a hall page around the markup React rendered for it: the page's
// stylesheet, its bundle (marked with the request's nonce, see platform/page-security.ts),
// and the element the bundle hydrates.
import type { HallRoute } from "../../components/hall/routes";
import { HALL_ROOT_ID } from "../../components/hall/root";
import { PAGE_TITLES } from "../../components/hall/routes";
import type { HallPageAssets } from "./hall-manifest";

const DESCRIPTION = "述职评议会现场控制台：主持人、投影、参会平板";

const ESCAPED: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPED[char]!);
}

export function hallDocument(page: HallRoute["page"], assets: HallPageAssets, markup: string, nonce: string): string {
  const attr = escapeHtml;
  return [
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(PAGE_TITLES[page])}</title>`,
    `<meta name="description" content="${attr(DESCRIPTION)}">`,
    '<link rel="icon" href="/icon.svg" type="image/svg+xml">',
    `<link rel="stylesheet" href="${attr(assets.stylesheet)}">`,
    ...assets.preload.map((file) => `<link rel="modulepreload" href="${attr(file)}" nonce="${attr(nonce)}">`),
    `<script type="module" src="${attr(assets.script)}" nonce="${attr(nonce)}"></script>`,
    '</head><body class="min-h-screen bg-slate-50 text-slate-900 antialiased">',
    `<div id="${HALL_ROOT_ID}">${markup}</div>`,
    "</body></html>",
  ].join("");
}
