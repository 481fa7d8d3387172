import path from "node:path";
import type { DatabaseProvider } from "../server/platform/config";
import { projectRoot } from "../server/platform/config";

export const schemaPath = path.join(projectRoot, "prisma", "schema.prisma");
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");
/** PostgreSQL has its own migrations (its SQL differs), made from the same schema.prisma. */
export const postgresMigrationsDir = path.join(projectRoot, "prisma", "migrations-pg");

export function migrationsDirFor(provider: DatabaseProvider): string {
  return provider === "postgresql" ? postgresMigrationsDir : migrationsDir;
}
