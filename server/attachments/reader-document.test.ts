import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { READER_SANDBOX, readerDocument, textScaleSchema } from "./reader-document";

function styleOf(html: string): string {
  return /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? "";
}

describe("readerDocument", () => {
  it("wraps the report in a page of its own whose one stylesheet is allowed by hash, and nothing else", () => {
    const page = readerDocument(1, "述职报告.docx");
    expect(page.head).toMatch(/^<!doctype html><html lang="zh-CN">[\s\S]*<body>$/);
    expect(page.tail).toBe("</body></html>");
    const hash = createHash("sha256").update(styleOf(page.head)).digest("base64");
    expect(page.contentSecurityPolicy).toContain(`style-src 'sha256-${hash}'`);
    expect(page.contentSecurityPolicy).toContain("default-src 'none'");
    expect(page.contentSecurityPolicy).toContain("img-src data:");
    expect(page.contentSecurityPolicy).toContain("frame-ancestors 'self'");
    expect(page.contentSecurityPolicy).toContain(`sandbox ${READER_SANDBOX}`);
    expect(page.contentSecurityPolicy).not.toMatch(/script-src|allow-scripts|allow-same-origin|unsafe/);
  });

  it("sets the reading size from the tablet's text scale", () => {
    expect(styleOf(readerDocument(1, "x").head)).toContain(":root { font-size: 22.00px;");
    expect(styleOf(readerDocument(1.25, "x").head)).toContain(":root { font-size: 27.50px;");
    expect(styleOf(readerDocument(1.5, "x").head)).toContain(":root { font-size: 33.00px;");
  });

  it("escapes the file name it uses as the title", () => {
    expect(readerDocument(1, "</title><script>alert(1)</script>.docx").head).toContain("<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;.docx</title>");
  });

  it("accepts a text scale from 1 to 2 only", () => {
    expect(textScaleSchema.parse(undefined)).toBe(1);
    expect(textScaleSchema.parse("1.25")).toBe(1.25);
    for (const bad of ["0.5", "3", "abc", "1;}body{display:none"]) expect(textScaleSchema.safeParse(bad).success, bad).toBe(false);
  });
});
