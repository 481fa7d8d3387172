// Builds (Next and the compiled server) when there is no build yet or the sources changed
// since the last one. Used by `npm start` and `npm run bench`.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { builtFingerprint, projectRoot, sourceFingerprint } from "./source-fingerprint.mjs";

export const serverEntry = path.join(projectRoot, "dist", "server", "index.js");

export function ensureBuild() {
  // An install that ships only the compiled server (no sources) has nothing to rebuild.
  if (!existsSync(path.join(projectRoot, "server", "index.ts")) || process.env.DEBRIEF_DEV === "1") return;
  const built = existsSync(serverEntry) ? builtFingerprint() : null;
  if (built !== null && built === sourceFingerprint()) return;
  console.log(
    built === null
      ? "No production build yet: building once (a minute or two)…"
      : "The sources changed since the last build: rebuilding (a minute or two)…",
  );
  const build = spawnSync(process.execPath, ["--import", "tsx", "server/platform/build.ts"], { cwd: projectRoot, stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
