// The page a tablet shows a converted report in: the sanitised HTML inside a document of its
// own, loaded in a sandboxed frame (no scripts, an opaque origin), with its reading styles
// and the tablet's text size. Its own Content-Security-Policy lets it load nothing but its
// embedded pictures and the one stylesheet below (allowed by hash), and lets only the
// console's own pages frame it.
import { createHash } from "node:crypto";
import * as z from "zod";

/** 1 = the tablet's normal reading size (22 px); 大字 sets 1.25 or 1.5. */
export const textScaleSchema = z.coerce.number().min(1).max(2).default(1);

const BASE_FONT_PX = 22;

/** What the frame is allowed beyond the sandbox: external links may open a tab of their own. */
export const READER_SANDBOX = "allow-popups allow-popups-to-escape-sandbox";

function readerStyles(scale: number): string {
  // Everything in em/rem of the root size, so the one scale moves all of it together.
  return `
:root { font-size: ${(BASE_FONT_PX * scale).toFixed(2)}px; color-scheme: light; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; padding: 1.1rem 1.2rem 3rem; background: #fff; color: #0f172b;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif;
  line-height: 1.9; overflow-wrap: anywhere; }
h1, h2, h3, h4, h5, h6 { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  line-height: 1.5; margin: 1.2em 0 0.5em; font-weight: 700; scroll-margin-top: 0.5rem; }
h1 { font-size: 1.27rem; } h2 { font-size: 1.14rem; } h3, h4, h5, h6 { font-size: 1rem; }
p { margin: 0; text-indent: 2em; } p + p { margin-top: 0.7em; }
ul, ol { padding-left: 2em; } li { margin: 0.2em 0; }
a { color: #b91c1c; text-underline-offset: 0.2em; } a[id] { scroll-margin-top: 0.5rem; }
img { display: block; max-width: 100%; height: auto; margin: 0.8em auto; }
table { width: 100%; table-layout: fixed; border-collapse: collapse; margin: 0.8em 0; font-size: 0.82rem; line-height: 1.6; }
td, th { border: 1px solid #cad5e2; padding: 0.3em 0.4em; vertical-align: top; text-indent: 0; overflow-wrap: anywhere; }
td p, th p { text-indent: 0; }
pre { white-space: pre-wrap; }
`;
}

export interface ReaderDocument {
  /** Everything before the report's HTML, which the server sends from storage piece by piece. */
  head: string;
  tail: string;
  contentSecurityPolicy: string;
}

/** A whole HTML document around already-sanitised report HTML (sent between head and tail). */
export function readerDocument(scale: number, title: string): ReaderDocument {
  const styles = readerStyles(scale);
  const hash = createHash("sha256").update(styles, "utf8").digest("base64");
  const escapedTitle = title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return {
    head: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapedTitle}</title><style>${styles}</style></head><body>`,
    tail: "</body></html>",
    contentSecurityPolicy: [
      "default-src 'none'",
      "img-src data:",
      `style-src 'sha256-${hash}'`,
      "base-uri 'none'",
      "form-action 'none'",
      // The tablet's page frames it; no other site may.
      "frame-ancestors 'self'",
      // Also sandboxed when opened on its own, not only inside the tablet's frame.
      `sandbox ${READER_SANDBOX}`,
    ].join("; "),
  };
}

/** A short page in place of the report when it cannot be shown (wrong code, removed meanwhile). */
export function readerErrorDocument(message: string): { html: string; contentSecurityPolicy: string } {
  const page = readerDocument(1, "述职材料");
  const text = message.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return { html: `${page.head}<p>${text}</p>${page.tail}`, contentSecurityPolicy: page.contentSecurityPolicy };
}
