// `npm run build`: the Next production build and the compiled server, stamped with the
// sources they were made from (scripts/start.mjs rebuilds when the stamp no longer matches).
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { sourceFingerprint, stampFile } from "../../scripts/source-fingerprint.mjs";
import { projectRoot } from "./config";
import { compileServer } from "./server-build";
import { buildHall } from "../hall/hall-build";

/** Runs `next build`, builds the hall's pages, compiles the server, and records which sources they were built from; exits on failure. */
export async function buildNow(): Promise<void> {
  const fingerprint = sourceFingerprint();
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" },
  });
  if (build.status !== 0) {
    console.error("next build failed; see the output above.");
    process.exit(1);
  }
  await buildHall();
  await compileServer();
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, fingerprint);
}
