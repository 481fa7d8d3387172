// The page address's query (?report=…, ?seat=…) as React state, for the hall's pages, which
// run without Next's router: a page that changes its address with pushState/replaceState
// says so with `changeLocation`, and the browser's back and forward buttons (popstate) are
// followed by themselves.
import { useSyncExternalStore } from "react";

const CHANGED = "debrief:location";

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener("popstate", onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener("popstate", onChange);
  };
}

/**
 * The query string now. `rendered` is the one the page was rendered with on the server (the
 * same address, so hydration matches), used until the browser's own is read.
 */
export function useLocationSearch(rendered: string): URLSearchParams {
  const search = useSyncExternalStore(subscribe, () => window.location.search, () => rendered);
  return new URLSearchParams(search);
}

/** Moves to `url` within the page (a new history entry unless `replace`) and tells the hooks above. */
export function changeLocation(url: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  window.dispatchEvent(new Event(CHANGED));
}
