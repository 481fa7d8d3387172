// The demo meeting a fresh database starts with (npm start on an empty database). Several
// instances may start on the same empty PostgreSQL database at once: the check "no meeting
// yet" and the creation run under one advisory lock, so exactly one of them seeds it.
import { countMeetings, createMeeting } from "../live/meeting-data";
import { postgresLockPool, providerOf, type Db } from "../platform/db";

/** The lock's key, hashed as the meeting queue's keys are ("debrief:" keeps clear of other users' locks). */
const SEED_LOCK_KEY = "debrief:seed-demo-meeting";

/**
 * Creates the demo meeting when the database holds no meeting. Returns its title when this
 * call created it, null when a meeting was there already (made by another instance, say).
 */
export async function seedDemoMeetingIfEmpty(db: Db): Promise<string | null> {
  if (providerOf(db) === "sqlite") return seedUnlessAnyMeeting(db);
  // A session lock on its own connection: the creation runs on Prisma's pool meanwhile.
  const connection = await postgresLockPool(db).connect();
  let broken: Error | undefined;
  try {
    await connection.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [SEED_LOCK_KEY]);
    try {
      return await seedUnlessAnyMeeting(db);
    } finally {
      await connection.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [SEED_LOCK_KEY]).catch((error: Error) => (broken = error));
    }
  } finally {
    // A connection whose unlock failed may still hold the lock: closing it releases the lock.
    connection.release(broken);
  }
}

async function seedUnlessAnyMeeting(db: Db): Promise<string | null> {
  if ((await countMeetings(db)) > 0) return null;
  // Only a fresh database needs it: reading the demo roster through the importer takes a moment.
  const { demoMeeting } = await import("./demo-meeting");
  await createMeeting(db, demoMeeting);
  return demoMeeting.title;
}
