// Compiles the server once, at build time, into plain ESM under dist/server/ (esbuild): the
// entry point `npm start` runs, every worker thread's entry module (`*.worker.ts`), and the
// benchmark's servers. Packages stay in node_modules; our code and the generated Prisma
// client are bundled, so nothing is transpiled when the server starts.
import { readdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { projectRoot } from "./config";

export const serverOutDir = path.join(projectRoot, "dist", "server");

const ENTRY_POINTS = ["server/index.ts", "server/bench/bare-server.ts", "server/bench/console-server.ts"];

/** Every `server/**\/*.worker.ts`: compiled beside the rest, resolved with workerEntry(). */
function workerEntryPoints(): string[] {
  return readdirSync(path.join(projectRoot, "server"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".worker.ts"))
    .map((file) => path.join("server", file));
}

export async function compileServer(): Promise<void> {
  await build({
    absWorkingDir: projectRoot,
    entryPoints: [...ENTRY_POINTS, ...workerEntryPoints()],
    outbase: "server",
    outdir: serverOutDir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
}
