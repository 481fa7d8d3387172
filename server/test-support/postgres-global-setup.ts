// vitest globalSetup of `npm run test:pg`: drops the suite's PostgreSQL databases afterwards.
import { dropTestDatabases, testPostgres } from "./databases";

export default function setup(): () => Promise<void> {
  return async () => {
    if (testPostgres) await dropTestDatabases(testPostgres);
  };
}
