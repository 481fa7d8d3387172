import { describe, expect, it } from "vitest";
import { ANY_MEETING, createGuessLimiter } from "./guess-limiter";
import { parseTrustedProxies, requestAddress, type TrustedProxies } from "./trusted-proxies";

function proxies(raw: string): TrustedProxies {
  const parsed = parseTrustedProxies(raw);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

/** Eleven wrong 会议码 from `peer` with the given X-Forwarded-For each time; then: must the address of `ask` wait? */
function afterFailures(trusted: TrustedProxies, peer: string, forwarded: (i: number) => string, ask: { peer: string; forwarded?: string }) {
  const guesses = createGuessLimiter({ now: () => 1_000_000, trustedProxies: trusted });
  for (let i = 0; i < 11; i++) guesses.failed("code", guesses.addressOf(peer, forwarded(i)), ANY_MEETING);
  return guesses.check("code", guesses.addressOf(ask.peer, ask.forwarded)).ok ? "may try" : "waits";
}

describe("TRUST_PROXY and the guessing limits", () => {
  it("without TRUST_PROXY, X-Forwarded-For is never believed: a guesser cannot dodge the limit by writing a new one each time", () => {
    expect(requestAddress(null, "::ffff:192.168.1.20", "8.8.8.8")).toBe("192.168.1.20");
    expect(afterFailures(null, "192.168.1.20", (i) => `10.9.9.${i}`, { peer: "192.168.1.20", forwarded: "10.9.9.99" })).toBe("waits");
    // …and a header naming another tablet does not make that tablet wait.
    expect(afterFailures(null, "192.168.1.20", () => "192.168.1.21", { peer: "192.168.1.21" })).toBe("may try");
  });

  it("with TRUST_PROXY naming nginx, each client behind it is counted apart, by the address nginx appended", () => {
    const nginx = proxies("127.0.0.1, ::1");
    // nginx's $proxy_add_x_forwarded_for: what the client sent, then the client's own address.
    expect(requestAddress(nginx, "127.0.0.1", "192.168.1.20")).toBe("192.168.1.20");
    expect(requestAddress(nginx, "::ffff:127.0.0.1", "6.6.6.6, 192.168.1.20")).toBe("192.168.1.20");
    expect(requestAddress(nginx, "::1", ["192.168.1.20"])).toBe("192.168.1.20");
    // One tablet guessing makes only that tablet wait, not the whole hall behind the proxy.
    expect(afterFailures(nginx, "127.0.0.1", () => "192.168.1.20", { peer: "127.0.0.1", forwarded: "192.168.1.20" })).toBe("waits");
    expect(afterFailures(nginx, "127.0.0.1", () => "192.168.1.20", { peer: "127.0.0.1", forwarded: "192.168.1.21" })).toBe("may try");
    // A guesser writing its own header still lands on the address nginx appended.
    expect(afterFailures(nginx, "127.0.0.1", (i) => `10.9.9.${i}, 192.168.1.20`, { peer: "127.0.0.1", forwarded: "192.168.1.20" })).toBe("waits");
  });

  it("with TRUST_PROXY set, a peer that is not a trusted proxy is still keyed on its own address, whatever header it sends", () => {
    const nginx = proxies("10.0.0.0/8");
    expect(requestAddress(nginx, "192.168.1.20", "10.1.1.1")).toBe("192.168.1.20");
    expect(afterFailures(nginx, "192.168.1.20", (i) => `172.16.0.${i}`, { peer: "192.168.1.20" })).toBe("waits");
    // Chained trusted proxies are skipped right to left; a malformed hop ends the chain at the last good one.
    expect(requestAddress(nginx, "10.0.0.2", "192.168.1.20, 10.0.0.1")).toBe("192.168.1.20");
    expect(requestAddress(nginx, "10.0.0.2", "not-an-address, 10.0.0.1")).toBe("10.0.0.1");
    expect(requestAddress(nginx, "10.0.0.2", undefined)).toBe("10.0.0.2");
  });

  it("parses addresses and CIDR ranges; anything else is refused with the setting's name", () => {
    expect(parseTrustedProxies(undefined)).toEqual({ ok: true, value: null });
    expect(parseTrustedProxies("  ")).toEqual({ ok: true, value: null });
    expect(parseTrustedProxies("127.0.0.1,::1 10.0.0.0/8 fd00::/8").ok).toBe(true);
    for (const bad of ["nginx", "10.0.0.0/33", "::1/129", "10.0.0.1/8/2", "10.0.0/8", "10.0.0.0/x"]) {
      const parsed = parseTrustedProxies(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain("TRUST_PROXY");
    }
  });
});
