// Which sources a build was made from: a hash of every file the build reads, by path and
// content. Plain JavaScript, because `npm start` checks it before any TypeScript is compiled.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const stampFile = path.join(projectRoot, "dist", "build-sources.sha256");

const SOURCE_DIRS = ["app", "components", "server", "prisma"];
const SOURCE_FILES = ["next.config.js", "proxy.ts", "instrumentation-client.ts", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
/** Read at run time, not compiled: editing them needs no new build. */
const NOT_BUILT = [/\.test\.ts$/, /^prisma[\\/](generated|migrations|fixtures)[\\/]/];

function sourceFiles(dir) {
  const absolute = path.join(projectRoot, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { recursive: true, encoding: "utf8" })
    .map((file) => path.join(dir, file))
    .filter((file) => !NOT_BUILT.some((pattern) => pattern.test(file)) && statSync(path.join(projectRoot, file)).isFile())
    .sort();
}

/** @returns {string} */
export function sourceFingerprint() {
  const hash = createHash("sha256");
  for (const file of [...SOURCE_DIRS.flatMap(sourceFiles), ...SOURCE_FILES]) {
    const absolute = path.join(projectRoot, file);
    if (!existsSync(absolute)) continue;
    hash.update(file).update("\0").update(readFileSync(absolute)).update("\0");
  }
  return hash.digest("hex");
}

/** The fingerprint the current build was stamped with; null when there is no build. */
export function builtFingerprint() {
  return existsSync(stampFile) ? readFileSync(stampFile, "utf8").trim() : null;
}
