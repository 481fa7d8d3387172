// Applies prisma/migrations to the SQLite database (prisma/migrations-pg to a PostgreSQL
// one), as `prisma migrate deploy` would (same `_prisma_migrations` bookkeeping), but with
// no engine download. The WebAssembly engine takes a while to load, so it is only started
// when a migration is pending. On PostgreSQL several instances may start at once: they
// take turns under an advisory lock, and the later ones find nothing pending.
import { mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { databaseProvider, sqliteFilePath } from "../server/platform/config";
import { migrationsDir, postgresMigrationsDir } from "./migration-paths";

/** Any fixed number: the key of the advisory lock instances migrate under. */
const MIGRATE_LOCK_KEY = 4_207_311;

/** Returns the names of the migrations applied now (empty when the database was current). */
export async function migrateDatabase(url: string): Promise<string[]> {
  if (databaseProvider(url) === "postgresql") return migratePostgres(url);
  mkdirSync(path.dirname(sqliteFilePath(url)), { recursive: true });
  if (pendingMigrations(url).length === 0) return [];
  const { noFilters, withSchemaEngine, readMigrationList } = await import("./schema-engine");
  const migrationsList = await readMigrationList();
  const result = await withSchemaEngine(url, (engine) =>
    engine.applyMigrations({ migrationsList, filters: noFilters }),
  );
  return result.appliedMigrationNames;
}

/**
 * The migration folders not yet recorded as applied. A migration that failed half-way
 * (no finish time) counts as pending, so the engine runs and reports it as it would.
 */
export function pendingMigrations(url: string): string[] {
  const folders = migrationFolders(migrationsDir);
  const file = sqliteFilePath(url);
  let applied: Set<string>;
  let database: Database.Database | undefined;
  try {
    database = new Database(file, { fileMustExist: true, readonly: true });
    const rows = database
      .prepare("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
      .all() as Array<{ name: string }>;
    applied = new Set(rows.map((row) => row.name));
  } catch {
    // No database file yet, or no bookkeeping table: everything is pending.
    applied = new Set();
  } finally {
    database?.close();
  }
  return folders.filter((folder) => !applied.has(folder)).sort();
}

function migrationFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}

async function migratePostgres(url: string): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK_KEY]);
    let applied = new Set<string>();
    try {
      const { rows } = await client.query<{ name: string }>(
        "SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      );
      applied = new Set(rows.map((row) => row.name));
    } catch {
      // No bookkeeping table yet: everything is pending.
    }
    if (migrationFolders(postgresMigrationsDir).every((folder) => applied.has(folder))) return [];
    const { noFilters, withSchemaEngine, readMigrationList } = await import("./schema-engine");
    const migrationsList = await readMigrationList("postgresql");
    const result = await withSchemaEngine(url, (engine) => engine.applyMigrations({ migrationsList, filters: noFilters }));
    return result.appliedMigrationNames;
  } finally {
    await client.end();
  }
}
