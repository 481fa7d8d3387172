// Integration: guessing limits as an attacker on the hall Wi-Fi meets them, through real
// sockets and real HTTP from distinct loopback addresses (127.0.0.x), with the clock moved
// by hand. Only failures count: the hall joining with the right 会议码 is never slowed.
import http from "node:http";
import { io as connect } from "socket.io-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GuessingAlert, HandshakeAuth } from "../domain/events";
import { listSeats } from "../voting/seat-data";
import { call, startInProcessServer, type InProcessServer, type TestClient } from "../test-support/servers";

let server: InProcessServer;
let now = Date.UTC(2026, 11, 3, 1, 0, 0);
const clock = { now: () => now };
const open: TestClient[] = [];

beforeEach(async () => {
  server = await startInProcessServer(clock);
});

afterEach(async () => {
  for (const client of open.splice(0)) client.disconnect();
  await server.close();
});

/** Connects from `from` (a loopback address); resolves with the socket, or the refusal's message. */
function handshake(from: string, auth: HandshakeAuth): Promise<{ socket: TestClient } | { refused: string; code: string | undefined }> {
  const socket: TestClient = connect(server.url, { auth, transports: ["websocket"], reconnection: false, localAddress: from, forceNew: true } as Parameters<typeof connect>[1]);
  return new Promise((resolve) => {
    socket.once("connect", () => {
      open.push(socket);
      resolve({ socket });
    });
    socket.once("connect_error", (error: Error & { data?: { code?: string } }) => {
      socket.disconnect();
      resolve({ refused: error.message, code: error.data?.code });
    });
  });
}

function refusal(outcome: Awaited<ReturnType<typeof handshake>>): string {
  return "refused" in outcome ? outcome.refused : "connected";
}

function wrongCode(i: number): string {
  const code = String(100000 + ((Number(server.meeting.attendeeCode) + 1 + i) % 900000));
  return code === server.meeting.attendeeCode ? "000000" : code;
}

function httpStatus(from: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${server.url}/api/meetings`, { localAddress: from, headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    request.on("error", reject);
  });
}

describe("guessing the 会议码", () => {
  it("an address that keeps failing waits, doubling each time, and its right code is refused while it waits; others are not", async () => {
    const attacker = "127.0.0.2";
    for (let i = 0; i < 11; i++) expect(refusal(await handshake(attacker, { role: "attendee", code: wrongCode(i) }))).toBe("会议码不正确。");
    // The 11th failure in a minute: the address waits 2 s, and the secret is not even looked at.
    const waiting = await handshake(attacker, { role: "attendee", code: server.meeting.attendeeCode });
    expect(waiting).toMatchObject({ refused: "错误尝试次数过多，请 2 秒后再试。", code: "rate_limited" });
    // Someone else in the hall joins at once.
    expect(refusal(await handshake("127.0.0.1", { role: "attendee", code: server.meeting.attendeeCode }))).toBe("connected");

    now += 2_000;
    expect(refusal(await handshake(attacker, { role: "attendee", code: server.meeting.attendeeCode }))).toBe("connected");
    expect(refusal(await handshake(attacker, { role: "attendee", code: wrongCode(20) }))).toBe("会议码不正确。");
    expect(refusal(await handshake(attacker, { role: "attendee", code: wrongCode(21) }))).toBe("错误尝试次数过多，请 4 秒后再试。");
  });

  it("300 tablets behind one NAT address, all joining within a minute with the right code, are never slowed, while others guess and the chair is told", async () => {
    const chair = await handshake("127.0.0.1", { role: "chair", meetingId: server.meeting.id, token: server.chairToken });
    if (!("socket" in chair)) throw new Error(chair.refused);
    const alerts: GuessingAlert[] = [];
    chair.socket.on("security:alerted", (alert) => alerts.push(alert));

    // Nine wrong codes from each of seven addresses (each within its own allowance), until
    // the 61st failure in the minute, past the budget of 60.
    let guess = 0;
    for (let a = 10; guess < 61; a++) {
      for (let i = 0; i < 9 && guess < 61; i++) {
        expect(refusal(await handshake(`127.0.0.${a}`, { role: "attendee", code: wrongCode(guess++) }))).toBe("会议码不正确。");
      }
    }
    await expect.poll(() => alerts.length).toBe(1);
    expect(alerts[0]).toMatchObject({ kind: "code", failures: 61 });
    expect(alerts[0]!.message).toContain("有人在尝试猜测会议码");
    // Over budget, a new address waits after its very first failure.
    expect(refusal(await handshake("127.0.0.20", { role: "attendee", code: wrongCode(guess++) }))).toBe("会议码不正确。");
    expect(refusal(await handshake("127.0.0.20", { role: "attendee", code: server.meeting.attendeeCode }))).toMatch(/^错误尝试次数过多/);

    // The hall: 300 tablets from one address over 59 s, in waves of 30 at once.
    const hall = "127.0.0.30";
    const outcomes: string[] = [];
    for (let wave = 0; wave < 10; wave++) {
      const joined = await Promise.all(Array.from({ length: 30 }, () => handshake(hall, { role: "attendee", code: server.meeting.attendeeCode })));
      outcomes.push(...joined.map(refusal));
      now += 5_900;
    }
    expect(outcomes.filter((o) => o !== "connected")).toEqual([]);
    expect(outcomes).toHaveLength(300);
  }, 60_000);
});

describe("guessing the chair token and seat codes", () => {
  it("wrong chair tokens over the socket and over HTTP make the address wait; the right token from elsewhere still works", async () => {
    const attacker = "127.0.0.3";
    for (let i = 0; i < 5; i++) {
      expect(refusal(await handshake(attacker, { role: "chair", meetingId: server.meeting.id, token: `guess-${i}-xxxxxxxxxx` }))).toBe("口令不正确，请使用会议提供的链接。");
      expect((await httpStatus(attacker, `guess-${i}-yyyyyyyyyy`)).status).toBe(401);
    }
    expect((await httpStatus(attacker, "guess-5-yyyyyyyyyy")).status).toBe(401);
    // 11 failures in the minute (socket and HTTP together): the right token is refused unseen.
    const http429 = await httpStatus(attacker, server.chairToken);
    expect(http429.status).toBe(429);
    expect(JSON.parse(http429.body)).toMatchObject({ error: "rate_limited" });
    expect(refusal(await handshake(attacker, { role: "chair", meetingId: server.meeting.id, token: server.chairToken }))).toMatch(/^错误尝试次数过多/);
    expect((await httpStatus("127.0.0.1", server.chairToken)).status).toBe(200);
    // No token presented is no guess: the address is not made to wait for it.
    expect(refusal(await handshake("127.0.0.1", { role: "chair", meetingId: server.meeting.id, token: server.chairToken }))).toBe("connected");
  });

  it("wrong seat codes via ballot:check make the tablet's address wait; its right seat code is refused while it waits", async () => {
    const [seat] = await listSeats(server.db, server.meeting.id);
    const attacker = await handshake("127.0.0.4", { role: "attendee", code: server.meeting.attendeeCode });
    const tablet = await handshake("127.0.0.5", { role: "attendee", code: server.meeting.attendeeCode });
    if (!("socket" in attacker) || !("socket" in tablet)) throw new Error("tablets refused");
    for (let i = 0; i < 11; i++) {
      expect(await call(attacker.socket, "ballot:check", { seatCode: `ZZZZ${String(i).padStart(4, "0")}`, key: "attacker-key-01" })).toMatchObject({ ok: false, error: { code: "not_found" } });
    }
    expect(await call(attacker.socket, "ballot:check", { seatCode: seat!.code, key: "attacker-key-01" })).toMatchObject({ ok: false, error: { code: "rate_limited", message: "错误尝试次数过多，请 2 秒后再试。" } });
    expect(await call(attacker.socket, "ballot:submit", { seatCode: seat!.code, key: "attacker-key-01", marks: {} })).toMatchObject({ ok: false, error: { code: "rate_limited" } });
    expect(await call(tablet.socket, "ballot:check", { seatCode: seat!.code, key: "tablet-key-0001" })).toMatchObject({ ok: true, data: { status: "not_voted" } });
  });
});
