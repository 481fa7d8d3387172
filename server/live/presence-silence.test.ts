// Integration: a tablet that vanishes without closing its connection (the hall's Wi-Fi drops
// it, its battery dies) leaves the chair's device count after one missed ping — 10 s + 5 s,
// not Socket.IO's default 45 s. The tablet reaches the server through a relay that stands
// for the Wi-Fi: cut, it passes nothing in either direction and closes nothing.
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from "../platform/socket-options";
import type { PresenceCounts } from "../domain/presence";
import { clientPool, startInProcessServer, type InProcessServer } from "../test-support/servers";

let server: InProcessServer;
let wifi: { url: string; cut(): void; close(): Promise<void> } | undefined;
const pool = clientPool(() => server.url);

afterEach(async () => {
  pool.disconnectAll();
  await wifi?.close();
  await server?.close();
});

/** A TCP relay to `port` that can go silent, as a Wi-Fi link that is lost. */
async function wifiTo(port: number) {
  const links: net.Socket[] = [];
  let silent = false;
  const relay = net.createServer((tablet) => {
    if (silent) return tablet.destroy();
    const upstream = net.connect(port, "127.0.0.1");
    links.push(tablet, upstream);
    for (const side of [tablet, upstream]) side.on("error", () => side.destroy());
    tablet.pipe(upstream);
    upstream.pipe(tablet);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    cut() {
      silent = true;
      for (const link of links) {
        link.unpipe();
        link.pause();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const link of links) link.destroy();
        relay.close(() => resolve());
      }),
  };
}

describe("device counts when a tablet vanishes", () => {
  it("a tablet whose link goes silent leaves the chair's count within one ping interval and timeout", async () => {
    server = await startInProcessServer();
    const meetingId = server.meeting.id;
    wifi = await wifiTo(Number(new URL(server.url).port));
    const chair = await pool.join({ role: "chair", meetingId, token: server.chairToken });
    const heard: PresenceCounts[] = [];
    chair.on("presence:changed", (counts) => heard.push(counts));
    const onWifi = clientPool(() => wifi!.url);
    await onWifi.join({ role: "attendee", code: server.meeting.attendeeCode });
    await expect.poll(() => heard.at(-1)?.tablets, { timeout: 5_000 }).toBe(1);

    wifi.cut();
    const cutAt = Date.now();
    // One ping interval, its timeout, and some room for the counts' broadcast on a busy machine (the default would take 45 s).
    await expect.poll(() => heard.at(-1)?.tablets, { timeout: PING_INTERVAL_MS + PING_TIMEOUT_MS + 3_000, interval: 100 }).toBe(0);
    console.log(`silent tablet left the count after ${Date.now() - cutAt} ms`);
    onWifi.disconnectAll();
  }, 40_000);
});
