// Next's proxy (the documented place for a CSP nonce, docs/security.md): every page request
// gets a fresh nonce; Next reads it from the request's Content-Security-Policy header and
// marks its own scripts with it. Pages are rendered per request (app/layout.tsx) so every
// page, present and future, carries the nonce without doing anything itself.
import { NextResponse, type NextRequest } from "next/server";
import { DISPLAY_FRAME_ANCESTORS_ENV, newNonce, PAGE_HEADERS, pageContentSecurityPolicy } from "@/server/platform/page-security";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const policy = pageContentSecurityPolicy({
    nonce,
    host: request.headers.get("host"),
    secure: request.nextUrl.protocol === "https:",
    pathname: request.nextUrl.pathname,
    dev: process.env.NODE_ENV === "development",
    displayFrameAncestors: process.env[DISPLAY_FRAME_ANCESTORS_ENV],
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  for (const [name, value] of Object.entries(PAGE_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: built scripts, styles and icons carry no markup to protect (next.config.js
  // still sends them nosniff). Prefetches are answered with data, not a page.
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
