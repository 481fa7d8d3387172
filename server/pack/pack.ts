// `npm run pack`: the install for a hall with no network. One archive for the operating
// system and processor it is built on (a .tar.gz, or a .zip on Windows: pack-target.ts),
// holding its own Node runtime (a copy of the one running this build), the compiled server,
// the files Next's standalone tracing says the pages need, the files the same tracer
// (@vercel/nft, as Next ships it) says the compiled server needs — the native better-sqlite3
// built on this machine among them — and the migrations with the WebAssembly schema engine.
// No TypeScript, test runner, loader, browser driver or Prisma CLI: `assertProductionOnly`
// refuses the pack if one slipped in.
//
//   debrief-console/
//     debrief-console      launcher (same settings as `npm start`; `backup <file>`, `verify-record <file>`)
//                          (Windows: debrief-console.cmd, and tool.mjs for the two tools)
//     runtime/node         the Node runtime (Windows: runtime/node.exe)
//     server.mjs           Next's standalone settings, then dist/server/index.js
//     package.json  dist/server/  .next-pack/  public/  prisma/  node_modules/
//     data/                made at first start, never in the archive (kept on upgrade)
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { sourceFingerprint } from "../../scripts/source-fingerprint.mjs";
import { projectRoot } from "../platform/config";
import { compileServer } from "../platform/server-build";
import { buildHall } from "../hall/hall-build";
import { packTarget, type PackTarget } from "./pack-target";
import { writeZip } from "./zip-writer";

/** The limit for the archive. */
export const MAX_PACK_BYTES = 80 * 1024 * 1024;
/** The folder every archive unpacks to: a newer pack unpacked beside an older one lands on it. */
export const PACK_FOLDER = "debrief-console";
export const releaseDir = path.join(projectRoot, "release");
const workDir = path.join(releaseDir, ".build");
const NEXT_PACK_DIR = ".next-pack";

/** Packages that must never ship: development tools, loaders, test runners, browser drivers, the Prisma CLI. */
const DEVELOPMENT_ONLY = [
  "typescript",
  "tsx",
  "esbuild",
  "@esbuild",
  "vitest",
  "@vitest",
  "playwright",
  "playwright-core",
  "@playwright",
  "@axe-core",
  "lighthouse",
  "prisma",
  "@prisma/engines",
  "@prisma/config",
  "sharp",
  "@img",
];

export interface PackInfo {
  version: string;
  os: string;
  arch: string;
  node: string;
  sources: string;
}

export interface PackResult {
  archive: string;
  bytes: number;
  files: number;
  info: PackInfo;
}

export function archivePath(version: string, target: PackTarget = packTarget()): string {
  return path.join(releaseDir, `debrief-console-${version}-${target.os}-${target.arch}.${target.archive}`);
}

/** Builds the pack for this machine; throws with the reason when it cannot (build failed, too big, a development tool inside). */
export async function buildPack(log: (line: string) => void = console.log): Promise<PackResult> {
  const sources = sourceFingerprint();
  log("Building the pages with Next's standalone tracing (a minute or two)…");
  nextBuild();
  return assemblePack(sources, log);
}

/** The pack from the pages Next built into .next-pack/ and the sources stamped `sources`. */
export async function assemblePack(sources: string, log: (line: string) => void): Promise<PackResult> {
  const version = (JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { version: string }).version;
  log("Compiling the server and tracing what it loads…");
  const compiled = path.join(workDir, "dist", "server");
  rmSync(path.join(workDir, "dist"), { recursive: true, force: true });
  await compileServer({ outDir: compiled, bench: false });
  const hall = path.join(workDir, "dist", "hall");
  await buildHall({ outDir: hall });

  const stage = path.join(workDir, PACK_FOLDER);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });

  // The pages: Next's traced standalone tree (its own server.js is replaced by server.mjs),
  // plus the browser files and public/, which Next leaves to the deployer.
  const standalone = path.join(projectRoot, NEXT_PACK_DIR, "standalone");
  cpSync(standalone, stage, { recursive: true, filter: (from) => from !== path.join(standalone, "server.js") });
  cpSync(path.join(projectRoot, NEXT_PACK_DIR, "static"), path.join(stage, NEXT_PACK_DIR, "static"), { recursive: true });
  cpSync(path.join(projectRoot, "public"), path.join(stage, "public"), { recursive: true });

  // The server: compiled JavaScript (no source maps) and what it loads from node_modules.
  cpSync(compiled, path.join(stage, "dist", "server"), { recursive: true, filter: (from) => !from.endsWith(".map") });
  cpSync(hall, path.join(stage, "dist", "hall"), { recursive: true });
  for (const file of await traceServer(compiled)) {
    const target = path.join(stage, file);
    if (!existsSync(target)) {
      mkdirSync(path.dirname(target), { recursive: true });
      copyFileSync(path.join(projectRoot, file), target);
    }
  }
  // Read by path at run time, so no tracer sees them.
  const readByPath = [
    "prisma/schema.prisma",
    "prisma/migrations",
    "prisma/fixtures/demo-roster.csv",
    "node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm",
  ];
  for (const file of readByPath) {
    cpSync(path.join(projectRoot, file), path.join(stage, file), { recursive: true });
  }

  // This machine's Node: the pack is for the system it is built on.
  const target = packTarget();
  const node = path.join(stage, target.node);
  mkdirSync(path.dirname(node));
  copyFileSync(process.execPath, node);
  chmodSync(node, 0o755);
  const licence = nodeLicence(process.execPath);
  if (licence) copyFileSync(licence, path.join(path.dirname(node), "LICENSE"));
  writeFileSync(path.join(stage, "server.mjs"), serverEntry());
  writeLauncher(stage, target);
  const info: PackInfo = { version, os: target.os, arch: target.arch, node: process.version, sources };
  writeFileSync(path.join(stage, "pack.json"), JSON.stringify(info, null, 2) + "\n");

  assertProductionOnly(stage);
  const files = listFiles(stage).length;

  mkdirSync(releaseDir, { recursive: true });
  const archive = archivePath(version, target);
  rmSync(archive, { force: true });
  log(`Writing ${path.basename(archive)}…`);
  await writeArchive(stage, archive, target);
  const bytes = statSync(archive).size;
  if (bytes > MAX_PACK_BYTES) {
    rmSync(archive);
    throw new Error(`The pack is ${formatMb(bytes)}, over the ${formatMb(MAX_PACK_BYTES)} limit.`);
  }
  return { archive, bytes, files, info };
}

/** The launcher (and what it runs besides the server) for `target`, in the pack's folder `stage`. */
export function writeLauncher(stage: string, target: PackTarget): void {
  writeFileSync(path.join(stage, target.launcher.name), target.launcher.text, { mode: 0o755 });
  for (const [name, text] of Object.entries(target.extras)) writeFileSync(path.join(stage, name), text);
}

/**
 * The pack's folder `stage` as `archive`, unpacking to a folder named as `stage` (PACK_FOLDER).
 * tar keeps the modes the files have here; the zip marks the runtime and the launcher runnable.
 */
export async function writeArchive(stage: string, archive: string, target: PackTarget): Promise<void> {
  const parent = path.dirname(stage);
  const folder = path.basename(stage);
  if (target.archive === "tar.gz") {
    const tar = spawnSync("tar", ["-czf", archive, "-C", parent, folder], { stdio: "inherit" });
    if (tar.status !== 0) throw new Error("tar could not write the archive");
    return;
  }
  const runnable = new Set([target.node, target.launcher.name]);
  const entries = listFiles(stage)
    .map((file) => file.split(path.sep).join("/"))
    .sort()
    .map((name) => ({ name: `${folder}/${name}`, file: path.join(stage, name), executable: runnable.has(name) }));
  await writeZip(archive, entries);
}

/** Node's licence, to travel with its binary: the Debian and official Linux/macOS layouts, and the Windows one (beside node.exe). */
function nodeLicence(execPath: string): string | undefined {
  const prefix = path.dirname(path.dirname(execPath));
  return ["share/doc/nodejs/LICENSE", "share/doc/node/LICENSE", "LICENSE"]
    .map((file) => path.join(prefix, file))
    .concat(path.join(path.dirname(execPath), "LICENSE"))
    .find((file) => existsSync(file));
}

/** The archive last built, when it was built from the sources as they are now; null otherwise. */
export function currentPack(): PackResult | null {
  const infoFile = path.join(workDir, PACK_FOLDER, "pack.json");
  if (!existsSync(infoFile)) return null;
  const info = JSON.parse(readFileSync(infoFile, "utf8")) as PackInfo;
  const archive = archivePath(info.version);
  if (info.sources !== sourceFingerprint() || info.node !== process.version || !existsSync(archive)) return null;
  return { archive, bytes: statSync(archive).size, files: listFiles(path.join(workDir, PACK_FOLDER)).length, info };
}

export function formatMb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function nextBuild(): void {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const build = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, DEBRIEF_PACK_BUILD: "1", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("next build failed; see the output above.");
}

interface FileTrace {
  fileList: Set<string>;
}
type NodeFileTrace = (
  files: string[],
  options: { base: string; processCwd: string; conditions: string[]; moduleSyncCatchall: boolean; ignore: (file: string) => boolean },
) => Promise<FileTrace>;

/**
 * Not followed from the server: Next is in the pack as its own standalone trace found it
 * (following `import("next")` here would pull in its whole build tool chain, ≈ 100 MB), and
 * no page uses next/image's native image library.
 */
const NOT_TRACED = /^node_modules[\\/](next|sharp|@img)[\\/]/;

/** Every file under node_modules the compiled server and its workers load, relative to the project. */
async function traceServer(compiled: string): Promise<string[]> {
  const { nodeFileTrace } = createRequire(import.meta.url)("next/dist/compiled/@vercel/nft") as { nodeFileTrace: NodeFileTrace };
  const entries = listFiles(compiled)
    .filter((file) => file.endsWith(".js"))
    .map((file) => path.join(compiled, file));
  const { fileList } = await nodeFileTrace(entries, {
    base: projectRoot,
    processCwd: projectRoot,
    // The packed Node (20.19+) resolves "module-sync" exports when require() loads a
    // package (async-function, under exceljs, has one); trace those files and the others.
    conditions: ["node", "module-sync"],
    moduleSyncCatchall: true,
    ignore: (file) => NOT_TRACED.test(file),
  });
  return [...fileList].filter((file) => file.startsWith(`node_modules${path.sep}`) && statSync(path.join(projectRoot, file)).isFile());
}

/**
 * The entry the launcher runs. Next reads its settings from the build (as the standalone
 * server.js it replaces does), then the console's own server starts and calls next().
 */
function serverEntry(): string {
  const required = JSON.parse(readFileSync(path.join(projectRoot, NEXT_PACK_DIR, "required-server-files.json"), "utf8")) as {
    config: Record<string, unknown>;
  };
  const config = { ...required.config, distDir: `./${NEXT_PACK_DIR}` };
  return [
    "// Debrief Console, packed: Next's settings from the build, then the console's own server.",
    'process.env.NODE_ENV = "production";',
    `process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = ${JSON.stringify(JSON.stringify(config))};`,
    'await import("./dist/server/index.js");',
    "",
  ].join("\n");
}

/** Refuses a pack that holds a development tool (or next/image's unused native library): dead weight, and a sign of a bad trace. */
export function assertProductionOnly(folder: string): void {
  const found = developmentPackages(folder);
  if (found.length) throw new Error(`The pack would carry packages that do not belong in it: ${found.join(", ")}`);
}

/** The development-only packages present under `folder`'s node_modules (any depth). */
export function developmentPackages(folder: string): string[] {
  const found = new Set<string>();
  for (const file of listFiles(folder)) {
    const parts = file.split(path.sep);
    for (let i = parts.indexOf("node_modules"); i >= 0 && i < parts.length - 1; i = parts.indexOf("node_modules", i + 1)) {
      const name = parts[i + 1]!.startsWith("@") ? `${parts[i + 1]}/${parts[i + 2]}` : parts[i + 1]!;
      const scope = parts[i + 1]!;
      if (DEVELOPMENT_ONLY.includes(name) || DEVELOPMENT_ONLY.includes(scope)) found.add(name);
    }
  }
  return [...found].sort();
}

/** Every file under `folder`, relative to it. */
export function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}
