// A page address whose path cannot be decoded (a lone `%`, as in `/join/%` or `/setup/%/…`)
// is the client's mistake: it gets a 400 page in Chinese here, before Next would fail on it
// with a 500. The page carries no script and no style from elsewhere, so it needs no nonce.
import type { IncomingMessage, ServerResponse } from "node:http";
import { PAGE_HEADERS } from "./page-security";

/** True when the path part of `url` has a `%` that is not a valid percent-encoded UTF-8 sequence. */
export function isMalformedPath(url: string): boolean {
  const path = url.split(/[?#]/, 1)[0] ?? "";
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>地址有误</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:3rem auto;max-width:36rem;padding:0 1rem;line-height:1.6;color:#1f2937}h1{font-size:1.4rem}</style>
</head><body><h1>地址有误（400）</h1>
<p>这个网址里有无法识别的字符（例如单独的“%”），无法打开。</p>
<p>请使用会议提供的链接或二维码，或在地址栏中核对后重新输入。</p>
<p><a href="/">返回首页</a></p></body></html>
`;

/** Only the inline style above may run: no script at all. */
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function sendMalformedPath(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(400, {
    "content-type": "text/html; charset=utf-8",
    "content-security-policy": POLICY,
    "cache-control": "no-store",
    ...PAGE_HEADERS,
  });
  res.end(req.method === "HEAD" ? undefined : PAGE);
}
