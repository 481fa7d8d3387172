// The per-meeting serial queue across server instances (PostgreSQL): each piece of work
// runs in this process's own queue (arrival order here) and then under a PostgreSQL
// advisory lock on the key, so two chairs pressing → at once on two instances advance the
// meeting once each, one after the other, and a ballot on one instance never slips in beside
// the close of voting on another. Before the work, `onLocked` may bring what this instance
// holds up to date (the meeting may have changed on another instance since).
import type pg from "pg";
import type { SerialQueue } from "./serial-queue";

export function advisoryQueue(
  locks: pg.Pool,
  local: SerialQueue,
  onLocked: (key: string, connection: pg.PoolClient) => Promise<void>,
): SerialQueue {
  return <T>(key: string, work: () => Promise<T>): Promise<T> =>
    local(key, async () => {
      const connection = await locks.connect();
      let broken: Error | undefined;
      try {
        // A 64-bit hash of the key; "debrief:" keeps clear of other users' advisory locks.
        await connection.query({ name: "queue-lock", text: "SELECT pg_advisory_lock(hashtextextended($1, 0))", values: [`debrief:${key}`] });
        try {
          await onLocked(key, connection);
          return await work();
        } finally {
          await connection
            .query({ name: "queue-unlock", text: "SELECT pg_advisory_unlock(hashtextextended($1, 0))", values: [`debrief:${key}`] })
            .catch((error: Error) => (broken = error));
        }
      } catch (error) {
        broken ??= error instanceof Error && /connection|terminat/i.test(error.message) ? error : undefined;
        throw error;
      } finally {
        // A connection that failed may still hold the lock: closing it releases the lock.
        connection.release(broken);
      }
    });
}
