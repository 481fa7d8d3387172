// Which address a request comes from, for the guessing limits. Behind nginx every request's
// direct peer is the proxy; the client is in X-Forwarded-For. That header is whatever the
// sender wrote, so it is read only when the direct peer is a proxy named in TRUST_PROXY, and
// then only the hops the trusted proxies themselves appended (right to left).
import { BlockList, isIP } from "node:net";

export const TRUST_PROXY_ENV = "TRUST_PROXY";

/** The proxies whose X-Forwarded-For is believed; null: none (the default, no proxy in front). */
export type TrustedProxies = BlockList | null;

/** "::ffff:192.168.1.20" and "192.168.1.20" are one client. */
export function clientAddress(raw: string | undefined): string {
  if (!raw) return "unknown";
  return raw.startsWith("::ffff:") ? raw.slice("::ffff:".length) : raw;
}

function trusts(proxies: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && proxies.check(address, family === 6 ? "ipv6" : "ipv4");
}

/**
 * TRUST_PROXY: addresses or CIDR ranges, separated by commas or spaces
 * ("127.0.0.1", "127.0.0.1, ::1", "10.0.0.0/8"). Unset or empty: no proxy is trusted.
 */
export function parseTrustedProxies(raw: string | undefined): { ok: true; value: TrustedProxies } | { ok: false; message: string } {
  const entries = (raw ?? "").split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return { ok: true, value: null };
  const proxies = new BlockList();
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split("/");
    const family = isIP(address ?? "");
    const bits = prefix === undefined ? null : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (family === 0 || extra !== undefined || (bits !== null && (Number.isNaN(bits) || bits > (family === 6 ? 128 : 32)))) {
      return {
        ok: false,
        message: `${TRUST_PROXY_ENV} lists the proxies in front of the console, as addresses or CIDR ranges separated by commas (e.g. "127.0.0.1" or "10.0.0.0/8"); "${entry}" is neither.`,
      };
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === null) proxies.addAddress(address!, type);
    else proxies.addSubnet(address!, bits, type);
  }
  return { ok: true, value: proxies };
}

/**
 * The client's address: the direct peer, unless that peer is a trusted proxy; then the
 * nearest address in X-Forwarded-For that is not a trusted proxy (a client cannot push its
 * way past the proxies by writing the header itself: the proxies append to the right).
 */
export function requestAddress(proxies: TrustedProxies, peer: string | undefined, forwardedFor: string | string[] | undefined): string {
  let client = clientAddress(peer);
  if (!proxies || !trusts(proxies, client) || forwardedFor === undefined) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor)
    .split(",")
    .map((hop) => clientAddress(hop.trim()));
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // A hop that is no address: the trusted chain ends at the last good one.
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!trusts(proxies, hop)) return client;
  }
  return client;
}
