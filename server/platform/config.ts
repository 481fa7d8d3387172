import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project root (the folder with package.json), whatever the working directory. Found by
 * walking up from this module, so it is the same from the TypeScript sources (tests) and
 * from the compiled server in dist/server/.
 */
export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

const DEFAULT_DATABASE_URL = "file:./data/debrief.db";

/** SQLite URL; DATABASE_URL overrides the embedded default under data/. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** Absolute file path of a `file:` SQLite URL; relative paths are taken from the project root. */
export function sqliteFilePath(url: string): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL (got "${url}")`);
  }
  const file = url.slice("file:".length).replace(/\?.*$/, "");
  return path.isAbsolute(file) ? file : path.resolve(projectRoot, file);
}
