import { describe, expect, it } from "vitest";
import { newNonce, pageContentSecurityPolicy, parseFrameAncestors, type PageRequest } from "./page-security";

const request: PageRequest = { nonce: "bm9uY2U=", host: "192.168.1.20:3000", secure: false, pathname: "/join/482915", dev: false, displayFrameAncestors: undefined };

function directives(policy: string): Map<string, string> {
  return new Map(policy.split(/;\s*/).map((d) => [d.split(" ")[0]!, d.split(" ").slice(1).join(" ")]));
}

describe("pageContentSecurityPolicy", () => {
  it("allows scripts by this request's nonce only, and nothing that evaluates strings", () => {
    const policy = directives(pageContentSecurityPolicy(request));
    expect(policy.get("script-src")).toBe("'self' 'nonce-bm9uY2U=' 'strict-dynamic'");
    expect(policy.get("object-src")).toBe("'none'");
    expect(policy.get("base-uri")).toBe("'none'");
    expect(policy.get("frame-ancestors")).toBe("'none'");
    expect(policy.get("worker-src")).toBe("'self'");
    expect(policy.get("frame-src")).toBe("'self'");
    expect(pageContentSecurityPolicy(request)).not.toContain("unsafe-eval");
  });

  it("lets a page connect only to this server and its WebSocket", () => {
    expect(directives(pageContentSecurityPolicy(request)).get("connect-src")).toBe("'self' ws://192.168.1.20:3000");
    expect(directives(pageContentSecurityPolicy({ ...request, secure: true, host: "Hall.Example:443" })).get("connect-src")).toBe("'self' wss://hall.example:443");
    // A Host header that is not a host never reaches the policy.
    for (const host of ["evil.example; script-src *", "a b", "", null]) {
      expect(directives(pageContentSecurityPolicy({ ...request, host })).get("connect-src"), String(host)).toBe("'self'");
    }
  });

  it("lets the configured hall software frame the projector page, and nothing else", () => {
    const hall = { ...request, displayFrameAncestors: "http://192.168.1.30:8080 https://stage.example" };
    expect(directives(pageContentSecurityPolicy({ ...hall, pathname: "/display/abc" })).get("frame-ancestors")).toBe("http://192.168.1.30:8080 https://stage.example");
    expect(directives(pageContentSecurityPolicy({ ...hall, pathname: "/chair/abc" })).get("frame-ancestors")).toBe("'none'");
    expect(directives(pageContentSecurityPolicy({ ...hall, pathname: "/display/abc", displayFrameAncestors: "*" })).get("frame-ancestors")).toBe("'none'");
  });

  it("adds eval for `next dev` only", () => {
    expect(pageContentSecurityPolicy({ ...request, dev: true })).toContain("'unsafe-eval'");
  });
});

describe("parseFrameAncestors", () => {
  it("takes http(s) origins and refuses anything else with a message", () => {
    expect(parseFrameAncestors(undefined)).toEqual({ ok: true, origins: [] });
    expect(parseFrameAncestors(" http://192.168.1.30:8080/, https://Stage.example ")).toEqual({ ok: true, origins: ["http://192.168.1.30:8080", "https://stage.example"] });
    for (const bad of ["*", "'self'", "javascript:alert(1)", "http://a.example/path", "http://a.example; script-src *"]) {
      const parsed = parseFrameAncestors(bad);
      expect(parsed.ok, bad).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain("DISPLAY_FRAME_ANCESTORS");
    }
  });
});

describe("newNonce", () => {
  it("is 128 random bits, new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
