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

/** SQLite (`file:`) or PostgreSQL (`postgresql://`) URL; DATABASE_URL overrides the embedded default under data/. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

export type DatabaseProvider = "sqlite" | "postgresql";

/** Which database a URL names: a `file:` URL is SQLite, `postgres(ql)://` is PostgreSQL. */
export function databaseProvider(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a SQLite file: URL or a postgresql:// URL (got "${redactUrl(url)}")`);
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, "//$1:***@");
}

/**
 * Absolute file path of a `file:` SQLite URL; relative paths are taken from `root`, the
 * project root (the pack's folder in the offline pack). `paths` is the system's path rules:
 * on Windows `file:C:\\…\\data\\debrief.db` is absolute and `file:.\\data\\x.db` relative.
 */
export function sqliteFilePath(url: string, root: string = projectRoot, paths: path.PlatformPath = path): string {
  if (!url.startsWith("file:")) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL (got "${redactUrl(url)}")`);
  }
  const file = url.slice("file:".length).replace(/\?.*$/, "");
  return paths.isAbsolute(file) ? file : paths.resolve(root, file);
}

export const BALLOT_MIN_BATCH_ENV = "BALLOT_MIN_BATCH";

/**
 * k, the fewest electronic ballots the server writes to the database together (default 5;
 * see docs/ballot-secrecy.md). `BALLOT_MIN_BATCH` sets it: a whole number from 1 to 100.
 */
export function ballotMinBatch(raw: string | undefined, fallback: number): { ok: true; value: number } | { ok: false; message: string } {
  if (raw === undefined || raw.trim() === "") return { ok: true, value: fallback };
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    return { ok: false, message: `${BALLOT_MIN_BATCH_ENV} must be a whole number from 1 to 100 (got "${raw}"): the fewest electronic ballots written to the database together.` };
  }
  return { ok: true, value };
}
