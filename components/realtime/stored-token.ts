"use client";
// Links carry their secret in the URL fragment (#token=…), which never reaches server
// logs. The page keeps it in localStorage so a reload or a bookmark without it still works.

export function tokenFromLocation(storageKey: string): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (fromHash) {
    window.localStorage.setItem(storageKey, fromHash);
    return fromHash;
  }
  return window.localStorage.getItem(storageKey);
}
