// The benchmark's window into a server it started: over the IPC channel, the server's own
// CPU time so far, and ("probe") its heap after a full garbage collection (run with
// --expose-gc). Imported by the two servers the benchmark compares, never by the console itself.
export interface ProbeReading {
  cpuMicros: number;
  /** Only in the answer to "probe"; "cpu" reads the CPU time alone, at once. */
  heapBytes?: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/**
 * The probe's own collections: they are the benchmark's work, not the server's, and are left
 * out of every later reading. Counted in, a reading taken after a probe would carry two full
 * collections of the whole heap, and the server with the larger heap would look slower.
 */
let probeMicros = 0;

process.on("message", (message: unknown) => {
  if ((message !== "probe" && message !== "cpu") || !process.send) return;
  const cpuMicros = cpuNow() - probeMicros;
  if (message === "cpu") {
    process.send({ cpuMicros } satisfies ProbeReading);
    return;
  }
  const collecting = cpuNow();
  gc?.();
  gc?.();
  const reading: ProbeReading = { cpuMicros, heapBytes: process.memoryUsage().heapUsed };
  probeMicros += cpuNow() - collecting;
  process.send(reading);
});
