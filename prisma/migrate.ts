// Applies prisma/migrations to the SQLite database, as `prisma migrate deploy` would
// (same `_prisma_migrations` bookkeeping), but with no engine download.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { sqliteFilePath } from "../server/platform/config";
import { noFilters, withSchemaEngine, readMigrationList } from "./schema-engine";

/** Returns the names of the migrations applied now (empty when the database was current). */
export async function migrateDatabase(url: string): Promise<string[]> {
  mkdirSync(path.dirname(sqliteFilePath(url)), { recursive: true });
  const migrationsList = await readMigrationList();
  const result = await withSchemaEngine(url, (engine) =>
    engine.applyMigrations({ migrationsList, filters: noFilters }),
  );
  return result.appliedMigrationNames;
}
