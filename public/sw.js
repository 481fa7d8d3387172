// Debrief Console's service worker: the hall's screens survive a reload while the server is
// away (restarting, or the Wi-Fi dropped). Pages come from the network when it answers and
// from the last copy otherwise; the build's files, whose names carry their content hash,
// come from the cache. The meeting state itself is kept by the page (components/realtime/
// last-state.ts), and Socket.IO reconnects by itself. Nothing here reaches beyond this
// server: the hall has no internet. A plain file with no eval, so it runs under a strict
// Content-Security-Policy (worker-src 'self').

const PAGES = "debrief-pages-v1";
const ASSETS = "debrief-assets-v1";
/** Which build files each cached page uses, so files of old builds can be dropped. */
const MANIFESTS = "debrief-manifests-v1";
/** A server that does not answer within this time is treated as away: the cached page is shown. */
const NETWORK_TIMEOUT_MS = 4000;
/** How often the offline notice page tries the server again. */
const RETRY_SECONDS = 5;

self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

/** Built files: Next's, and the hall's pages' (server/hall/); their names carry their content hash. */
function isAsset(url) {
  return url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/hall/") || url.pathname === "/icon.svg";
}

/** Never the API, the socket or report files: they are live or private. */
function isLive(url) {
  return url.pathname.startsWith("/api/") || url.pathname.startsWith("/socket.io/");
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || isLive(url)) return;
  if (request.mode === "navigate") event.respondWith(page(request));
  else if (isAsset(url)) event.respondWith(asset(request));
});

/** The network's answer, or null when the server is away or too slow. */
function network(request) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), NETWORK_TIMEOUT_MS);
    fetch(request)
      .then((response) => resolve(response))
      .catch(() => resolve(null))
      .finally(() => clearTimeout(timer));
  });
}

function cacheableHtml(response) {
  return response && response.ok && response.type === "basic" && (response.headers.get("content-type") || "").includes("text/html");
}

async function page(request) {
  const response = await network(request);
  if (response) {
    if (cacheableHtml(response)) {
      const copy = response.clone();
      caches.open(PAGES).then((cache) => cache.put(request.url, copy));
    }
    return response;
  }
  const cache = await caches.open(PAGES);
  const cached = (await cache.match(request.url)) || (await cache.match(request.url, { ignoreSearch: true }));
  return cached || offlineNotice();
}

async function asset(request) {
  const cache = await caches.open(ASSETS);
  const cached = await cache.match(request.url);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) cache.put(request.url, response.clone());
  return response;
}

/** For a page this browser never opened: say what is happening and try again by itself. */
function offlineNotice() {
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="refresh" content="${RETRY_SECONDS}"><title>正在连接会议…</title></head>
<body style="margin:0;min-height:100vh;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:16px;background:#0b1220;color:#e2e8f0;font-family:sans-serif;text-align:center;padding:24px">
<p style="font-size:32px;font-weight:bold;margin:0">正在连接会议…</p>
<p style="font-size:20px;margin:0">暂时连不上会议服务器，每 ${RETRY_SECONDS} 秒自动重试。</p></body></html>`;
  return new Response(html, { status: 503, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}

// A page tells the worker which build files it loaded (those fetched before the worker took
// control are not in the cache yet) and its own address, so both are there for the next
// reload; files no cached page uses any more (an older build) are dropped.
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "page-loaded" || typeof data.page !== "string" || !Array.isArray(data.assets)) return;
  const pageUrl = new URL(data.page, self.location.origin);
  if (pageUrl.origin !== self.location.origin || isLive(pageUrl)) return;
  pageUrl.hash = "";
  const assets = data.assets
    .filter((value) => typeof value === "string")
    .map((value) => new URL(value, self.location.origin))
    .filter((url) => url.origin === self.location.origin && isAsset(url))
    .map((url) => url.href);
  event.waitUntil(remember(pageUrl.href, assets));
});

async function remember(pageUrl, assets) {
  const [pages, files, manifests] = await Promise.all([caches.open(PAGES), caches.open(ASSETS), caches.open(MANIFESTS)]);
  await Promise.all(
    assets.map(async (url) => {
      if (await files.match(url)) return;
      const response = await network(new Request(url));
      if (response && response.ok) await files.put(url, response);
    }),
  );
  if (!(await pages.match(pageUrl))) {
    const response = await network(new Request(pageUrl, { credentials: "same-origin" }));
    if (cacheableHtml(response)) await pages.put(pageUrl, response);
  }
  await manifests.put(pageUrl, new Response(JSON.stringify(assets), { headers: { "content-type": "application/json" } }));

  // Keep what any cached page uses; drop the rest.
  const used = new Set();
  for (const key of await manifests.keys()) {
    const list = await (await manifests.match(key)).json();
    for (const url of list) used.add(url);
  }
  for (const key of await files.keys()) if (!used.has(key.url)) await files.delete(key);
}
