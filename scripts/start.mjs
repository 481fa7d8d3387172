// `npm start`: builds when there is no build yet or the sources changed since the last one
// (after a `git pull`, say), then runs the compiled server in this very process — no
// TypeScript is compiled at run time, and a kill -9 of this process kills the server.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { builtFingerprint, projectRoot, sourceFingerprint } from "./source-fingerprint.mjs";

const entry = path.join(projectRoot, "dist", "server", "index.js");
// An install that ships only the compiled server (no sources) has nothing to rebuild.
const hasSources = existsSync(path.join(projectRoot, "server", "index.ts"));

if (hasSources && process.env.DEBRIEF_DEV !== "1") {
  const built = existsSync(entry) ? builtFingerprint() : null;
  if (built === null || built !== sourceFingerprint()) {
    console.log(
      built === null
        ? "No production build yet: building once (a minute or two)…"
        : "The sources changed since the last build: rebuilding (a minute or two)…",
    );
    const build = spawnSync(process.execPath, ["--import", "tsx", "server/platform/build.ts"], { cwd: projectRoot, stdio: "inherit" });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

await import(pathToFileURL(entry).href);
