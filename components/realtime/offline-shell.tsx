"use client";
// Registers the service worker (public/sw.js) that lets the hall's screens reload while the
// server is away, and tells it which page and build files this page uses, so they are
// cached for the next reload.
//
// Browsers run service workers only in a secure context: localhost, 127.0.0.1 or https.
// A projector opened on the chair's laptop (the usual setup) has one; a tablet reaching the
// laptop at http://192.168.x.x does not, unless the browser is told to trust that address
// (README: "Reload while the server restarts"). Without it, everything else still works.
import { useEffect } from "react";

/** Files loaded later (a lazily loaded chunk) are reported after this quiet time. */
const REPORT_DELAY_MS = 1_000;

function staticAssets(): string[] {
  const urls = new Set<string>();
  for (const entry of performance.getEntriesByType("resource")) urls.add(entry.name);
  for (const script of document.scripts) if (script.src) urls.add(script.src);
  for (const link of document.querySelectorAll<HTMLLinkElement>("link[rel=stylesheet], link[rel=preload], link[rel=modulepreload], link[rel=icon]")) urls.add(link.href);
  return [...urls].filter((url) => {
    try {
      const parsed = new URL(url);
      const built = parsed.pathname.startsWith("/_next/static/") || parsed.pathname.startsWith("/hall/");
      return parsed.origin === window.location.origin && (built || parsed.pathname === "/icon.svg");
    } catch {
      return false;
    }
  });
}

export function OfflineShell() {
  useEffect(() => {
    // Not during development (files change all the time), and not where browsers refuse it.
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let observer: PerformanceObserver | undefined;
    let reported = "";
    const report = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const page = new URL(window.location.href);
        page.hash = ""; // the secret token lives in the fragment; it never goes to the worker
        const assets = staticAssets();
        const key = `${page.href} ${assets.join(" ")}`;
        // API calls and socket polls are resources too: only a new page or file is worth a message.
        if (key === reported || !navigator.serviceWorker.controller) return;
        reported = key;
        navigator.serviceWorker.controller.postMessage({ type: "page-loaded", page: page.href, assets });
      }, REPORT_DELAY_MS);
    };
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(() => navigator.serviceWorker.ready)
      .then(() => {
        // The worker takes control of this page right after installing (clients.claim).
        if (navigator.serviceWorker.controller) report();
        else navigator.serviceWorker.addEventListener("controllerchange", report, { once: true });
        observer = new PerformanceObserver(report);
        observer.observe({ type: "resource" });
      })
      .catch(() => {
        // No worker: the page works as before, only a reload while the server is away fails.
      });
    return () => {
      clearTimeout(timer);
      observer?.disconnect();
    };
  }, []);
  return null;
}
