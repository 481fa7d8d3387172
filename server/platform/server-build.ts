// Compiles the server once, at build time, into plain ESM under dist/server/ (esbuild): the
// entry point `npm start` runs, every worker thread's entry module (`*.worker.ts`), the
// operator's tools (backup, verify-record), and the benchmark's servers. Our code, the generated Prisma client and the plain-JS packages on
// the start path are bundled into one file per entry (one file loads much faster than
// hundreds); packages that load files of their own, native ones, Next, and those loaded
// only on first use stay in node_modules. Nothing is transpiled when the server starts.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { projectRoot } from "./config";

export const serverOutDir = path.join(projectRoot, "dist", "server");

const SERVER_ENTRY = "server/index.ts";
const BENCH_ENTRY_POINTS = ["server/bench/bare-server.ts", "server/bench/console-server.ts"];
/**
 * The operator's command-line tools, compiled beside the server so the offline pack runs them
 * with its own Node (`./debrief-console backup|verify-record`): dist/server/records/*.js.
 */
export const TOOL_ENTRY_POINTS = { backup: "server/records/backup.ts", "verify-record": "server/records/verify-record.ts" } as const;
/** Loaded only on PostgreSQL (platform/db.ts): its generated client stays out of index.js. */
const POSTGRES_ENTRY = "server/platform/db-postgres.ts";

/** Every `server/**\/*.worker.ts`: compiled beside the rest, resolved with workerEntry(). */
function workerEntryPoints(): string[] {
  return readdirSync(path.join(projectRoot, "server"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".worker.ts"))
    .map((file) => path.join("server", file));
}

/** Stay in node_modules: native code, files read beside the package, Next, and what loads lazily. */
const KEEP_EXTERNAL = [
  "next",
  "next/*",
  "better-sqlite3",
  "@prisma/schema-engine-wasm",
  "@prisma/schema-engine-wasm/*",
  "exceljs",
  "mammoth",
  "qrcode",
  "esbuild",
  // The hall's bundler (server/hall/hall-build.ts), used by the development server only.
  "postcss",
  "@tailwindcss/postcss",
  // PostgreSQL and Redis: loaded only when DATABASE_URL / REDIS_URL ask for them.
  "pg",
  "@prisma/adapter-pg",
  "redis",
  "@socket.io/redis-streams-adapter",
  "bufferutil",
  "utf-8-validate",
];

export interface CompileOptions {
  /** Where the compiled server goes (dist/server/ unless told). */
  outDir?: string;
  /** Also compile the benchmark's servers (default); `npm run pack` ships without them. */
  bench?: boolean;
}

export async function compileServer(options: CompileOptions = {}): Promise<void> {
  const outDir = options.outDir ?? serverOutDir;
  // Chunks are named by their content: those of earlier builds would pile up.
  rmSync(path.join(outDir, "chunks"), { recursive: true, force: true });
  await build({
    absWorkingDir: projectRoot,
    entryPoints: [SERVER_ENTRY, POSTGRES_ENTRY, ...(options.bench === false ? [] : BENCH_ENTRY_POINTS), ...Object.values(TOOL_ENTRY_POINTS), ...workerEntryPoints()],
    outbase: "server",
    outdir: outDir,
    bundle: true,
    platform: "node",
    format: "esm",
    // What is imported with import() goes in a chunk of its own (dist/server/chunks/), loaded
    // when first used: Prisma's query compiler (4 MB of WebAssembly as text), the migration
    // engine, the demo meeting. Bundled into the entry, it would be read and parsed at every start.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    target: "node20",
    external: KEEP_EXTERNAL,
    // Bundled CommonJS packages call require() for Node's own modules.
    banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
    // The compiled server is the production one: bundled packages (React, which renders the
    // hall's pages) take their production code.
    define: { "process.env.NODE_ENV": '"production"' },
    sourcemap: "linked",
    logLevel: "warning",
  });
}
