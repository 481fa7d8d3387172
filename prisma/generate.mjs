// Runs `prisma generate` without the schema-engine binary that Prisma's CLI otherwise
// downloads first: generating the client does not need it, and the halls we run in have
// no internet. Any existing executable satisfies the CLI's check.
//
// Two clients: prisma/generated (SQLite, the default) and prisma/generated-pg (PostgreSQL,
// from the schema derived in prisma/postgres-schema.mjs).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { postgresSchema, postgresSchemaPath } from "./postgres-schema.mjs";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";
env.CHECKPOINT_DISABLE ??= "1";

mkdirSync(path.dirname(postgresSchemaPath), { recursive: true });
writeFileSync(postgresSchemaPath, postgresSchema());

for (const schema of ["prisma/schema.prisma", path.relative(process.cwd(), postgresSchemaPath)]) {
  const result = spawnSync("npx", ["--no-install", "prisma", "generate", "--schema", schema], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
