// Trailing-edge throttle per key: the latest value for a key goes out at most once per
// interval. Used so 300 ballots in one second make a few progress broadcasts, not 300.
export interface KeyedThrottle<V> {
  (key: string, value: V): void;
  dispose(): void;
}

export function throttlePerKey<V>(intervalMs: number, send: (key: string, value: V) => void): KeyedThrottle<V> {
  const pending = new Map<string, V>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const throttled = (key: string, value: V) => {
    pending.set(key, value);
    if (timers.has(key)) return;
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        const latest = pending.get(key);
        pending.delete(key);
        if (latest !== undefined) send(key, latest);
      }, intervalMs),
    );
  };
  throttled.dispose = () => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    pending.clear();
  };
  return throttled;
}
