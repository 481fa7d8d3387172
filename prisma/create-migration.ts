// Developer command (`npm run db:migration -- <name>`): writes the SQL that takes the
// existing migrations to the current schema.prisma into prisma/migrations/<stamp>_<name>/.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { migrationsDir, noFilters, withSchemaEngine, readMigrationList, schemaPath } from "./schema-engine";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_");
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}

const scratch = path.join(os.tmpdir(), `debrief-diff-${process.pid}.db`);
const migrations = await readMigrationList();
const { stdout } = await withSchemaEngine(`file:${scratch}`, async (engine) =>
  engine.diff({
    from: migrations.migrationDirectories.length ? { tag: "migrations", ...migrations } : { tag: "empty" },
    to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: await readFile(schemaPath, "utf8") }] },
    script: true,
    exitCode: null,
    filters: noFilters,
  }),
  `file:${scratch}.shadow`,
);
await rm(scratch, { force: true });
await rm(`${scratch}.shadow`, { force: true });
const sql = (stdout ?? "").trim();
if (!sql || sql === "-- This is an empty migration.") {
  console.log("schema.prisma matches the migrations: nothing to write.");
} else {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = path.join(migrationsDir, `${stamp}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), sql + "\n");
  await writeFile(path.join(migrationsDir, "migration_lock.toml"), 'provider = "sqlite"\n');
  console.log(`wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
}
