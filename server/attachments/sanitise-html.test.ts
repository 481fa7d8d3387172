import { describe, expect, it } from "vitest";
import { sanitiseHtml } from "./sanitise-html";

describe("sanitiseHtml", () => {
  it("keeps what mammoth writes for a report", () => {
    const html =
      '<h1>一、工作亮点</h1><p>推进<strong>模范机关</strong>创建</p><ul><li>第一</li></ul><table><tr><td colspan="2">合计</td></tr></table>' +
      '<p><a href="#footnote-1" id="footnote-ref-1">[1]</a></p><img src="data:image/png;base64,iVBORw0KGgo=" alt="照片" />';
    expect(sanitiseHtml(html)).toBe(
      '<h1>一、工作亮点</h1><p>推进<strong>模范机关</strong>创建</p><ul><li>第一</li></ul><table><tr><td colspan="2">合计</td></tr></table>' +
        '<p><a href="#report-footnote-1" id="report-footnote-ref-1">[1]</a></p><img src="data:image/png;base64,iVBORw0KGgo=" alt="照片">',
    );
  });

  it.each([
    ['<script>alert(1)</script><p>正文</p>', "<p>正文</p>"],
    ['<p onclick="alert(1)" style="x">正文</p>', "<p>正文</p>"],
    ['<a href="javascript:alert(1)">链接</a>', "<a>链接</a>"],
    ['<a href="java&#x09;script:alert(1)">链接</a>', "<a>链接</a>"],
    ['<a href=" JAVASCRIPT:alert(1)">链接</a>', "<a>链接</a>"],
    ['<img src="data:image/svg+xml;base64,PHN2Zz4=" onerror="alert(1)">', "<img>"],
    ['<img src="http://evil.example/x.png">', "<img>"],
    ["<iframe src=x></iframe><object data=x></object>后文", "后文"],
    ["<style>body{display:none}</style>正文", "正文"],
    ["<svg><script>alert(1)</script></svg>正文", "正文"],
    ["<p>未闭合<strong>粗体", "<p>未闭合<strong>粗体</strong></p>"],
    ["</p></div>多余的结束标签", "多余的结束标签"],
    ["<div><span>容器</span></div>", "容器"],
    ["1 < 2 && 3 > 2", "1 &lt; 2 &amp;&amp; 3 &gt; 2"],
    ["<!-- <script>alert(1)</script> -->正文", "正文"],
    ['<p title="x"><<script>script>alert(1)<</script>/script></p>', "<p>&lt;/script&gt;</p>"],
    ['<a href="https://example.org/">外链</a>', '<a href="https://example.org/" target="_blank" rel="noopener noreferrer">外链</a>'],
  ])("%s", (input, expected) => {
    expect(sanitiseHtml(input)).toBe(expected);
  });
});
