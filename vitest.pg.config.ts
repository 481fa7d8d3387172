// `npm run test:pg`: the integration tests (real servers, real database) on PostgreSQL.
// DEBRIEF_TEST_PG names the server and the prefix of the test databases (default
// postgresql://postgres@127.0.0.1:5432/debrief_test → debrief_test_template, debrief_test_<random>).
// The two-instance tests also need Redis (DEBRIEF_TEST_REDIS, default redis://127.0.0.1:6379).
import { defineConfig } from "vitest/config";
import base from "./vitest.config";

process.env.DEBRIEF_TEST_PG ||= "postgresql://postgres@127.0.0.1:5432/debrief_test";

// Not mergeConfig: it would append these lists to the base's, running every test file.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      "server/live/*.test.ts",
      "server/voting/*.test.ts",
      "server/setup/setup-routes.test.ts",
      "server/records/records-routes.test.ts",
      "server/attachments/attachment-content-data.test.ts",
      "server/cluster/*.test.ts",
      "prisma/*.test.ts",
    ],
    // About the SQLite file itself (its WAL read as a thief would): PostgreSQL's side is docs/ballot-secrecy.md §六.
    exclude: ["**/node_modules/**", "server/voting/ballot-secrecy.test.ts"],
    globalSetup: ["server/test-support/postgres-global-setup.ts"],
  },
});
