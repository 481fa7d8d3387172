// Integration: the page headers as the real server (`npm start`, built app, proxy.ts) sends
// them, with the setting for a hall whose control software frames the projector. The
// Playwright suite checks every page with the default settings.
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { projectRoot } from "./config";
import { spawnServer, tempDatabaseUrl, type ChildServer } from "../test-support/servers";

const running: ChildServer[] = [];

afterEach(() => {
  for (const server of running.splice(0)) server.process.kill("SIGKILL");
});

function frameAncestors(res: Response): string | undefined {
  return /frame-ancestors ([^;]+)/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
}

describe("DISPLAY_FRAME_ANCESTORS", () => {
  it("lets the named hall software frame the projector page only", async () => {
    const server = await spawnServer({ DATABASE_URL: tempDatabaseUrl(), CHAIR_TOKEN: "headers-chair-token", DISPLAY_FRAME_ANCESTORS: "http://192.168.1.30:8080" });
    running.push(server);
    const [meeting] = (await (await fetch(`${server.url}/api/meetings`, { headers: { authorization: "Bearer headers-chair-token" } })).json()) as Array<{ id: string }>;
    const display = await fetch(`${server.url}/display/${meeting!.id}`);
    expect(display.status).toBe(200);
    expect(frameAncestors(display)).toBe("http://192.168.1.30:8080");
    for (const path of ["/", `/chair/${meeting!.id}`, "/join", "/setup"]) {
      expect(frameAncestors(await fetch(server.url + path)), path).toBe("'none'");
    }
  });

  it("refuses to start with a setting that is not a list of origins, and says why", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: projectRoot,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: tempDatabaseUrl(), DISPLAY_FRAME_ANCESTORS: "*" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("DISPLAY_FRAME_ANCESTORS 只能是 http(s)://主机[:端口]");
  });

  it("refuses to start with a CHAIR_TOKEN shorter than 16 characters, and says why", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
      cwd: projectRoot,
      env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATABASE_URL: tempDatabaseUrl(), CHAIR_TOKEN: "e2e-chair-token" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("CHAIR_TOKEN 太短（15 个字符）：至少需要 16 个字符");
    expect(output).not.toContain("Database migrated");
  });
});
