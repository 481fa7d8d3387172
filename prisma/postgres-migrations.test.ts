// The PostgreSQL migrations keep up with schema.prisma (npm run test:pg): a schema change
// made with only a SQLite migration fails here, with the command that writes the other.
import { describe, expect, it } from "vitest";
import { testPostgres } from "../server/test-support/databases";
import { pendingPostgresChange } from "./schema-diff";

describe.skipIf(!testPostgres)("prisma/migrations-pg", () => {
  it("creates everything schema.prisma declares", async () => {
    const server = new URL(testPostgres!);
    server.pathname = "/postgres";
    const { sql } = await pendingPostgresChange(server.toString());
    expect(sql, "run `npm run db:migration -- <name>` to write the PostgreSQL migration").toBe("");
  });
});
