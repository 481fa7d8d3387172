import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

const port = 3321;
const db = path.join(mkdtempSync(path.join(os.tmpdir(), "debrief-off-")), "o.db");
const base = `http://127.0.0.1:${port}`;
const token = "tok";
function start() {
  const p = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], { env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${db}`, CHAIR_TOKEN: token }, stdio: ["ignore", "pipe", "pipe"] });
  p.stderr.on("data", (d) => process.stderr.write(d));
  return p;
}
async function waitUp() { for (let i = 0; i < 200; i++) { try { if ((await fetch(`${base}/api/health`)).ok) return; } catch {} await new Promise((r) => setTimeout(r, 250)); } throw new Error("no server"); }
const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
let server = start(); await waitUp();
const meetings = await (await fetch(`${base}/api/meetings`, { headers: auth })).json();
const id = meetings[0].id;
const links = await (await fetch(`${base}/api/meetings/${id}/links`, { headers: auth })).json();
const cmd = (c) => fetch(`${base}/api/meetings/${id}/commands`, { method: "POST", headers: auth, body: JSON.stringify(c) });
await cmd({ type: "agenda.next" }); await cmd({ type: "agenda.next" });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
const page = await ctx.newPage();
page.on("console", (m) => console.log("console:", m.type(), m.text()));
await page.goto(base + links.displayPath);
await page.getByTestId("projector-countdown").waitFor();
await page.waitForTimeout(3000);
console.log("sw controller:", await page.evaluate(() => !!navigator.serviceWorker.controller));
console.log("before:", await page.getByTestId("projector-countdown").textContent());
server.kill("SIGKILL"); await new Promise((r) => server.once("exit", r));
await page.reload();
await page.waitForTimeout(2500);
console.log("after reload:", await page.getByTestId("projector-countdown").textContent().catch((e) => "ERR " + e.message.slice(0, 80)));
console.log("stale:", await page.getByTestId("projector-stale").textContent().catch(() => "none"));
await page.screenshot({ path: "/tmp/scr/offline-projector.png" });
await page.waitForTimeout(2000);
console.log("later:", await page.getByTestId("projector-countdown").textContent().catch(() => "ERR"));
server = start(); await waitUp();
await page.waitForTimeout(8000);
console.log("after restart stale:", await page.getByTestId("projector-stale").count());
await page.screenshot({ path: "/tmp/scr/online-projector.png" });
await browser.close(); server.kill();
