// Runs the work for one key (a meeting) one piece at a time, in arrival order. Commands,
// ballots and the close of voting on one meeting go through the same queue, so a ballot
// is either counted before the close or refused after it: never half of each.
export type SerialQueue = <T>(key: string, work: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    tails.set(key, settled);
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return run;
  };
}
