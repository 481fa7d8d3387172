// Developer command (`npm run db:migration -- <name>`): writes the SQL that takes the
// existing migrations to the current schema.prisma, for SQLite into prisma/migrations/ and
// for PostgreSQL into prisma/migrations-pg/ (both <stamp>_<name>/migration.sql; a provider
// whose migrations already match writes nothing).
//
// The PostgreSQL diff starts from the schema saved beside the newest PostgreSQL migration
// (its schema.prisma), not from a replay of the migrations; the engine still wants a server
// to connect to (DEBRIEF_PG_SERVER_URL, by default the `postgres` database on 127.0.0.1),
// where it changes nothing.
import { mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { migrationsDirFor } from "./migration-paths";
import { postgresSchemaPath } from "./postgres-schema.mjs";
import { pendingPostgresChange, pendingSqliteChange } from "./schema-diff";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_");
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const scratch = path.join(os.tmpdir(), `debrief-diff-${process.pid}.db`);
const sqlite = await pendingSqliteChange(`file:${scratch}`, `file:${scratch}.shadow`);
await rm(scratch, { force: true });
await rm(`${scratch}.shadow`, { force: true });
const postgres = await pendingPostgresChange();

for (const [provider, change] of [["sqlite", sqlite], ["postgresql", postgres]] as const) {
  if (!change.sql) {
    console.log(`${provider}: the migrations match schema.prisma, nothing to write.`);
    continue;
  }
  const dir = migrationsDirFor(provider);
  const folder = path.join(dir, `${stamp}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), change.sql + "\n");
  if ("schema" in change) await writeFile(path.join(folder, path.basename(postgresSchemaPath)), change.schema);
  await writeFile(path.join(dir, "migration_lock.toml"), `provider = "${provider}"\n`);
  console.log(`${provider}: wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
}
