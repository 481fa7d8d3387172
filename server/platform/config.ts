import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root, whatever the working directory the server was started from. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

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
