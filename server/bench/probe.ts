// The benchmark's window into a server it started: over the IPC channel, the server's own
// CPU time so far and its heap after a full garbage collection (run with --expose-gc).
// Imported by the two servers the benchmark compares, never by the console itself.
export interface ProbeReading {
  cpuMicros: number;
  heapBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

process.on("message", (message: unknown) => {
  if (message !== "probe" || !process.send) return;
  // CPU first: the collections below are the probe's work, not the server's.
  const { user, system } = process.cpuUsage();
  gc?.();
  gc?.();
  const reading: ProbeReading = { cpuMicros: user + system, heapBytes: process.memoryUsage().heapUsed };
  process.send(reading);
});
