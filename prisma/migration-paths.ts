import path from "node:path";
import { projectRoot } from "../server/platform/config";

export const schemaPath = path.join(projectRoot, "prisma", "schema.prisma");
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");
