// The production build `npm start` serves, kept in step with the sources: a fingerprint of
// everything the build reads is stored beside it, and a build whose sources changed since
// (say, after `git pull`) is rebuilt instead of serving yesterday's pages.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { projectRoot } from "./config";

const BUILD_DIR = path.join(projectRoot, ".next");
const STAMP_FILE = path.join(BUILD_DIR, "debrief-sources.sha256");
const SOURCE_DIRS = ["app", "components", "server"];
const SOURCE_FILES = ["next.config.js", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];

function sourceFiles(dir: string): string[] {
  const absolute = path.join(projectRoot, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, encoding: "utf8" })
    .filter((file) => !file.endsWith(".test.ts") && statSync(path.join(absolute, file)).isFile())
    .map((file) => path.join(dir, file))
    .sort();
}

/** A hash of every file the build reads, by path and content. */
export function sourceFingerprint(): string {
  const hash = createHash("sha256");
  for (const file of [...SOURCE_DIRS.flatMap(sourceFiles), ...SOURCE_FILES]) {
    const absolute = path.join(projectRoot, file);
    if (!existsSync(absolute)) continue;
    hash.update(file).update("\0").update(readFileSync(absolute)).update("\0");
  }
  return hash.digest("hex");
}

/** Runs `next build` and records which sources it was built from; exits on failure. */
export function buildNow(): void {
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
  writeFileSync(STAMP_FILE, fingerprint);
}

/** Builds when there is no build yet, or when the sources changed since the last one. */
export function ensureProductionBuild(): void {
  if (!existsSync(path.join(BUILD_DIR, "BUILD_ID"))) {
    console.log("No production build yet: running `next build` once (a minute or two)…");
    return buildNow();
  }
  const built = existsSync(STAMP_FILE) ? readFileSync(STAMP_FILE, "utf8").trim() : null;
  if (built !== sourceFingerprint()) {
    console.log("The sources changed since the last build: rebuilding (a minute or two)…");
    buildNow();
  }
}
