// NTP-style clock offset: several pings, keep the one with the shortest round trip and
// assume the server answered halfway through it.
import type { Result } from "@/server/domain/result";

interface PingSocket {
  timeout(ms: number): {
    emit(event: "clock:ping", ack: (err: Error | null, result: Result<{ serverTime: number }>) => void): unknown;
  };
}

const SAMPLES = 5;
const PING_TIMEOUT_MS = 3_000;

export interface ClockSample {
  sentAt: number;
  receivedAt: number;
  serverTime: number;
}

/** Offset (server − local) from the sample with the shortest round trip; null without samples. */
export function offsetFromSamples(samples: ClockSample[]): number | null {
  let best: ClockSample | undefined;
  for (const sample of samples) {
    if (!best || sample.receivedAt - sample.sentAt < best.receivedAt - best.sentAt) best = sample;
  }
  return best ? best.serverTime - (best.sentAt + best.receivedAt) / 2 : null;
}

function ping(socket: PingSocket): Promise<ClockSample | null> {
  return new Promise((resolve) => {
    const sentAt = Date.now();
    socket.timeout(PING_TIMEOUT_MS).emit("clock:ping", (err, result) => {
      if (err || !result.ok) resolve(null);
      else resolve({ sentAt, receivedAt: Date.now(), serverTime: result.data.serverTime });
    });
  });
}

export async function measureClockOffset(socket: PingSocket): Promise<number | null> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const sample = await ping(socket);
    if (sample) samples.push(sample);
  }
  return offsetFromSamples(samples);
}
