// The console as `npm start` runs it (scripts/start.mjs), in a child process of the test, on a port and a temp
// database of its own, so a test can stop it and start it again (the hall's server restarting)
// without touching the server the other specs share.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CHAIR_TOKEN } from "./api";
import { freePort } from "../../server/test-support/free-port";


export class RestartableServer {
  private child: ChildProcess | null = null;

  private constructor(
    readonly origin: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  static async create(): Promise<RestartableServer> {
    const port = await freePort();
    const database = path.join(mkdtempSync(path.join(os.tmpdir(), "debrief-restart-")), "restart.db");
    return new RestartableServer(`http://127.0.0.1:${port}`, {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${database}`,
      CHAIR_TOKEN,
    });
  }

  async start(): Promise<void> {
    this.child = spawn(process.execPath, ["scripts/start.mjs"], { env: this.env, stdio: "ignore" });
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.origin}/api/health`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the server at ${this.origin} did not start`);
  }

  /** As a crash or a power cut would: no shutdown. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    this.child = null;
  }

  async api<T>(pathname: string, body?: object): Promise<T> {
    const response = await fetch(`${this.origin}${pathname}`, {
      method: body ? "POST" : "GET",
      headers: { authorization: `Bearer ${CHAIR_TOKEN}`, "content-type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}
