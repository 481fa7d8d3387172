// What schema.prisma has that the migrations do not yet create, per provider (used by
// `npm run db:migration` and by the test that the PostgreSQL migrations keep up).
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { postgresMigrationsDir } from "./migration-paths";
import { postgresSchema, postgresSchemaPath } from "./postgres-schema.mjs";
import { noFilters, readMigrationList, schemaPath, withSchemaEngine } from "./schema-engine";

function script(stdout: string | undefined | null): string {
  const sql = (stdout ?? "").trim();
  return !sql || sql === "-- This is an empty migration." ? "" : sql;
}

/** SQLite: the migrations replayed in a scratch shadow file, compared with schema.prisma. */
export async function pendingSqliteChange(scratchUrl: string, shadowUrl: string): Promise<{ sql: string }> {
  const migrations = await readMigrationList("sqlite");
  const content = await readFile(schemaPath, "utf8");
  const { stdout } = await withSchemaEngine(
    scratchUrl,
    (engine) =>
      engine.diff({
        from: migrations.migrationDirectories.length ? { tag: "migrations", ...migrations } : { tag: "empty" },
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content }] },
        script: true,
        exitCode: null,
        filters: noFilters,
      }),
    shadowUrl,
  );
  return { sql: script(stdout) };
}

/** The PostgreSQL schema as of the newest PostgreSQL migration (saved beside its SQL); null before the first. */
async function lastPostgresSchema(): Promise<string | null> {
  const folders = (await readdir(postgresMigrationsDir, { withFileTypes: true }).catch(() => []))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const last = folders.at(-1);
  return last ? readFile(path.join(postgresMigrationsDir, last, path.basename(postgresSchemaPath)), "utf8") : null;
}

/**
 * PostgreSQL: the schema saved with the newest migration, compared with the one derived
 * from schema.prisma now. The engine connects to `serverUrl` (by default the `postgres`
 * database on 127.0.0.1) but neither reads nor writes any table there.
 */
export async function pendingPostgresChange(
  serverUrl = process.env.DEBRIEF_PG_SERVER_URL || "postgresql://postgres@127.0.0.1:5432/postgres",
): Promise<{ sql: string; schema: string }> {
  const schema = postgresSchema(await readFile(schemaPath, "utf8"));
  const previous = await lastPostgresSchema();
  const { stdout } = await withSchemaEngine(serverUrl, (engine) =>
    engine.diff({
      from: previous === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: postgresSchemaPath, content: previous }] },
      to: { tag: "schemaDatamodel", files: [{ path: postgresSchemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    }),
  );
  return { sql: script(stdout), schema };
}
