// Integration: the hall's pages as the real server (`npm start`, built app) sends them.
import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnServer, tempDatabaseUrl, type ChildServer } from "../test-support/servers";

let server: ChildServer;
let code: string;
let meetingId: string;

beforeAll(async () => {
  server = await spawnServer({ DATABASE_URL: tempDatabaseUrl(), CHAIR_TOKEN: "hall-pages-chair-token" });
  const [meeting] = (await (await fetch(`${server.url}/api/meetings`, { headers: { authorization: "Bearer hall-pages-chair-token" } })).json()) as Array<{ id: string; attendeeCode: string }>;
  code = meeting!.attendeeCode;
  meetingId = meeting!.id;
}, 180_000);

afterAll(() => {
  server?.process.kill("SIGKILL");
});

/** A GET as a browser sends it (fetch would decompress the body itself). */
function gzipGet(url: string): Promise<{ encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

/** The page's script and stylesheet addresses, and the nonce its script carries. */
function parts(html: string) {
  return {
    script: /<script type="module" src="([^"]+)" nonce="([^"]+)"/.exec(html),
    stylesheet: /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1],
  };
}

describe("the hall's pages", () => {
  it("render the form, the tablet and the projector with their bundle, under a fresh nonce each time", async () => {
    for (const path of ["/join", `/join/${code}`, `/display/${meetingId}`]) {
      const first = await fetch(server.url + path);
      expect(first.status, path).toBe(200);
      expect(first.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const html = await first.text();
      const { script, stylesheet } = parts(html);
      expect(script, path).not.toBeNull();
      expect(first.headers.get("content-security-policy")).toContain(`'nonce-${script![2]}'`);
      expect(first.headers.get("x-content-type-options")).toBe("nosniff");
      const again = parts(await (await fetch(server.url + path)).text());
      expect(again.script![2]).not.toBe(script![2]);

      const bundle = await fetch(server.url + script![1]);
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
      expect(bundle.headers.get("cache-control")).toContain("immutable");
      expect((await fetch(server.url + stylesheet!)).headers.get("content-type")).toBe("text/css; charset=utf-8");
    }
  });

  it("carry the page's content in the HTML, so the form works before any script runs", async () => {
    const html = await (await fetch(`${server.url}/join?code=12`)).text();
    expect(html).toContain('<form class="flex flex-col gap-6" action="/join">');
    expect(html).toContain("请输入 6 位数字会议码。");
    expect(html).toContain('value="12"');
    const tablet = await (await fetch(`${server.url}/join/${code}`)).text();
    expect(tablet).toContain("正在连接会议…");
  });

  it("send a valid typed 会议码 on to the tablet", async () => {
    const response = await fetch(`${server.url}/join?code=${encodeURIComponent("１２３ ４５６")}`, { redirect: "manual" });
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("/join/123456");
  });

  it("send pages and files gzip-compressed to a browser that accepts it", async () => {
    const page = await gzipGet(`${server.url}/join`);
    expect(page.encoding).toBe("gzip");
    const { script } = parts(gunzipSync(page.body).toString());
    const bundle = await gzipGet(server.url + script![1]);
    expect(bundle.encoding).toBe("gzip");
    expect(gunzipSync(bundle.body).length).toBeGreaterThan(bundle.body.length);
  });

  it("answer 404 for a file that is not one of the build's, and never serve a path outside it", async () => {
    for (const path of ["/hall/nothing-here.js", "/hall/manifest.json", "/hall/..%2Fserver%2Findex.js", "/hall/"]) {
      expect((await fetch(server.url + path)).status, path).toBe(404);
    }
  });

  it("leave other methods and addresses to the rest of the server", async () => {
    expect((await fetch(`${server.url}/join`, { method: "POST" })).status).not.toBe(200);
    expect((await fetch(`${server.url}/join/${code}/extra`)).status).toBe(404);
  });
});
