"use client";
// Links carry their secret in the URL fragment (#token=…), which never reaches server
// logs. The page keeps it in localStorage so a reload or a bookmark without it still works.

/**
 * `perTab`: also kept in this tab's sessionStorage and read from there first, for pages whose
 * links differ for one meeting (the tellers' 甲 and 乙) and may be open side by side.
 */
export function tokenFromLocation(storageKey: string, options: { perTab?: boolean } = {}): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get("token");
  if (fromHash) {
    window.localStorage.setItem(storageKey, fromHash);
    if (options.perTab) window.sessionStorage.setItem(storageKey, fromHash);
    return fromHash;
  }
  return (options.perTab ? window.sessionStorage.getItem(storageKey) : null) ?? window.localStorage.getItem(storageKey);
}
