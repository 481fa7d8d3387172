// The PostgreSQL twin of prisma/schema.prisma. One source schema is kept by hand; this one is
// derived from it (provider swapped, client generated into its own folder) by
// prisma/generate.mjs and read by the schema engine when it migrates a PostgreSQL database.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const prismaDir = path.dirname(fileURLToPath(import.meta.url));
export const sqliteSchemaPath = path.join(prismaDir, "schema.prisma");
/** Where the derived schema is written (gitignored, like the generated clients). */
export const postgresSchemaPath = path.join(prismaDir, "postgresql", "schema.prisma");

/** schema.prisma's text for PostgreSQL: only the provider and the client's output differ. */
export function postgresSchema(source = readFileSync(sqliteSchemaPath, "utf8")) {
  const swapped = source
    .replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"')
    .replace(/output\s*=\s*"\.\/generated"/, 'output       = "../generated-pg"');
  if (swapped === source || !swapped.includes('"postgresql"') || !swapped.includes("generated-pg")) {
    throw new Error("prisma/schema.prisma: could not derive the PostgreSQL schema (provider or output line changed?)");
  }
  return `// GENERATED from prisma/schema.prisma by prisma/postgres-schema.mjs: edit that file instead.\n${swapped}`;
}
