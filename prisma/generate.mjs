// Runs `prisma generate` without the schema-engine binary that Prisma's CLI otherwise
// downloads first: generating the client does not need it, and the halls we run in have
// no internet. Any existing executable satisfies the CLI's check.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";
env.CHECKPOINT_DISABLE ??= "1";

const result = spawnSync("npx", ["--no-install", "prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
