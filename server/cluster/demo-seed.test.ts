// Integration (npm run test:pg): instances starting together on one empty PostgreSQL database
// seed the demo meeting once between them, not once each.
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "../../prisma/migrate";
import { listMeetings } from "../live/meeting-data";
import { openDatabase } from "../platform/db";
import { seedDemoMeetingIfEmpty } from "../setup/demo-seed-data";
import { freshDatabaseUrl, testPostgres } from "../test-support/databases";

describe.skipIf(!testPostgres)("the demo meeting on a shared empty database", () => {
  it("three instances seeding at the same moment create one demo meeting; a later start creates none", async () => {
    const url = await freshDatabaseUrl();
    await migrateDatabase(url);
    // One client (its own pools) per instance, as three processes would have.
    const instances = await Promise.all([openDatabase(url), openDatabase(url), openDatabase(url)]);
    try {
      const seeded = await Promise.all(instances.map((db) => seedDemoMeetingIfEmpty(db)));
      expect(seeded.filter((title) => title !== null)).toHaveLength(1);
      const meetings = await listMeetings(instances[0]!);
      expect(meetings.map((m) => m.title)).toEqual([seeded.find((title) => title !== null)]);

      expect(await seedDemoMeetingIfEmpty(instances[1]!)).toBeNull();
      expect(await listMeetings(instances[2]!)).toHaveLength(1);
    } finally {
      await Promise.all(instances.map((db) => db.$disconnect()));
    }
  }, 120_000);
});
