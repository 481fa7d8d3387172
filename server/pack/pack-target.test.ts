// The Windows pack's shape, checked on Linux: the .zip `npm run pack` writes on Windows and
// its debrief-console.cmd, from a small folder laid out as the pack is. The runtime in it is
// a placeholder file, never a Windows Node, and nothing is written to release/: the real
// Windows pack is only built on Windows (the runtime is the Node running the build).
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, describe, expect, test } from "vitest";
import { sqliteFilePath } from "../platform/config";
import { archivePath, PACK_FOLDER, releaseDir, writeArchive, writeLauncher } from "./pack";
import { packTarget } from "./pack-target";
import { writeZip } from "./zip-writer";

const temp = mkdtempSync(path.join(os.tmpdir(), "debrief-pack-target-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const windows = packTarget("win32", "x64");
const CHINESE_NAME = "public/会场资料/座位 图.txt";

/** A folder laid out as the pack is, with a stand-in backup tool that prints the arguments it got. */
function windowsStage(): { stage: string; big: Buffer } {
  const stage = path.join(mkdtempSync(path.join(temp, "stage-")), PACK_FOLDER);
  const big = Buffer.concat([randomBytes(2 * 1024 * 1024), Buffer.alloc(3 * 1024 * 1024, "述职评议会")]);
  const files: Record<string, string | Buffer> = {
    "package.json": '{"type":"module"}\n',
    "server.mjs": 'await import("./dist/server/index.js");\n',
    "dist/server/index.js": "console.log('server');\n",
    "dist/server/records/backup.js": "console.log(JSON.stringify(process.argv.slice(2)));\n",
    "dist/server/records/verify-record.js": "console.log(JSON.stringify(process.argv.slice(2)));\nprocess.exit(1);\n",
    "node_modules/better-sqlite3/build/Release/better_sqlite3.node": big,
    "public/icon.png": randomBytes(1000),
    [CHINESE_NAME]: "一排一座\n",
    "runtime/node.exe": "placeholder: the layout test has no Windows Node\n",
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(stage, name)), { recursive: true });
    writeFileSync(path.join(stage, name), content);
  }
  writeLauncher(stage, windows);
  return { stage, big };
}

interface CentralEntry {
  name: string;
  utf8Flag: boolean;
  madeByUnix: boolean;
  mode: number;
}

/** The zip's central directory as an unzipper reads it (no comment, no ZIP64: what writeZip writes). */
function centralDirectory(zip: Buffer): CentralEntry[] {
  const end = zip.length - 22;
  expect(zip.readUInt32LE(end)).toBe(0x06054b50);
  const count = zip.readUInt16LE(end + 10);
  const entries: CentralEntry[] = [];
  for (let at = zip.readUInt32LE(end + 16), i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const nameLength = zip.readUInt16LE(at + 28);
    const flags = zip.readUInt16LE(at + 8);
    entries.push({
      name: zip.subarray(at + 46, at + 46 + nameLength).toString("utf8"),
      utf8Flag: (flags & 0x800) !== 0,
      madeByUnix: zip[at + 5] === 3,
      mode: zip.readUInt32LE(at + 38) >>> 16,
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

const sha256 = (data: Buffer | Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("the pack's target", () => {
  test("on this Linux machine `npm run pack` writes a .tar.gz with ./debrief-console and runtime/node, never a .zip", () => {
    const here = packTarget();
    expect(here).toMatchObject({ os: "linux", arch: process.arch, archive: "tar.gz", node: "runtime/node", launcher: { name: "debrief-console" }, extras: {} });
    expect(path.basename(archivePath("1.2.3"))).toBe(`debrief-console-1.2.3-linux-${process.arch}.tar.gz`);
    expect(here.launcher.text).toMatch(/^#!\/bin\/sh\n/);
  });

  test("on Windows it is a .zip named for windows with debrief-console.cmd and runtime\\node.exe", () => {
    expect(windows).toMatchObject({ os: "windows", arch: "x64", archive: "zip", node: "runtime/node.exe", launcher: { name: "debrief-console.cmd" } });
    expect(path.basename(archivePath("1.2.3", windows))).toBe("debrief-console-1.2.3-windows-x64.zip");
    expect(path.basename(archivePath("1.2.3", packTarget("win32", "arm64")))).toBe("debrief-console-1.2.3-windows-arm64.zip");
  });
});

describe("debrief-console.cmd", () => {
  const text = windows.launcher.text;
  const lines = text.split("\r\n");

  test("is a batch file cmd reads line by line in any code page: CRLF only, ASCII only, no ( ) blocks", () => {
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text).toMatch(/^[\x20-\x7e\r\n]*$/);
    expect(lines[0]).toBe("@echo off");
    for (const line of lines) expect(line).not.toMatch(/\($/);
    // cmd expands percent signs in rem lines too; nothing there that could read as a redirection.
    for (const line of lines.filter((line) => /^rem\b/.test(line))) expect(line).not.toMatch(/[%<>|&^]/);
  });

  test("finds its folder with %~dp0 wherever it is run from, quotes every path in it (spaces, Chinese), and runs the packed node.exe", () => {
    expect(text).toContain('set "here=%~dp0"');
    // Outside the quoted parts of a line no path appears: a space in the folder name cannot split one.
    for (const line of lines) expect(line.replace(/"[^"]*"/g, "")).not.toMatch(/%here%|%~dp0/);
    expect(text).toContain('pushd "%here%" || goto nofolder\r\n"%here%runtime\\node.exe" "%here%server.mjs" %*\r\n');
    // Never a system Node: every line that names node runs the packed one.
    const runs = lines.filter((line) => /\bnode\b/i.test(line) && !/^rem\b/.test(line));
    expect(runs).toHaveLength(2);
    for (const line of runs) expect(line).toMatch(/^"%here%runtime\\node\.exe" /);
    expect(text).toContain("chcp 65001 >nul");
    expect(text).toContain("setlocal EnableExtensions DisableDelayedExpansion");
  });

  test("uses data\\debrief.db beside it unless DATABASE_URL is set; PORT, HOST and CHAIR_TOKEN reach the server untouched", () => {
    expect(text).toContain('if not defined DATABASE_URL set "DATABASE_URL=file:%here%data\\debrief.db"');
    expect(text).not.toMatch(/set "?(PORT|HOST|CHAIR_TOKEN)=/);
  });

  test("passes backup and verify-record with their arguments to the tools, without leaving the caller's folder, and passes the exit code on", () => {
    expect(text).toContain('if "%~1"=="backup" goto tool\r\nif "%~1"=="verify-record" goto tool\r\n');
    const tool = lines.slice(lines.indexOf(":tool"));
    expect(tool[1]).toBe('"%here%runtime\\node.exe" "%here%tool.mjs" %*');
    expect(tool.slice(0, tool.indexOf(":end")).join("\n")).not.toMatch(/pushd|cd /);
    expect(text.match(/^set "code=%ERRORLEVEL%"$/gm)).toHaveLength(2);
    expect(lines.at(-2)).toBe("exit /b %code%");
  });
});

describe("the Windows .zip", () => {
  test("unpacks to debrief-console\\ with the launcher, tool.mjs and runtime\\node.exe, UTF-8 names flagged, and every file intact", async () => {
    const { stage, big } = windowsStage();
    const archive = path.join(temp, "debrief-console-0.0.0-windows-x64.zip");
    await writeArchive(stage, archive, windows);
    const zip = readFileSync(archive);

    const central = centralDirectory(zip);
    const names = central.map((entry) => entry.name);
    expect(names).toContain(`${PACK_FOLDER}/debrief-console.cmd`);
    expect(names).toContain(`${PACK_FOLDER}/tool.mjs`);
    expect(names).toContain(`${PACK_FOLDER}/runtime/node.exe`);
    expect(names).toContain(`${PACK_FOLDER}/${CHINESE_NAME}`);
    expect(names).not.toContain(`${PACK_FOLDER}/debrief-console`);
    expect(names.every((name) => name.startsWith(`${PACK_FOLDER}/`) && !name.includes("\\"))).toBe(true);
    expect(central.find((entry) => entry.name.endsWith(".txt"))!.utf8Flag).toBe(true);
    const modes = Object.fromEntries(central.map((entry) => [entry.name.slice(PACK_FOLDER.length + 1), entry.mode & 0o777]));
    expect(modes).toMatchObject({ "debrief-console.cmd": 0o755, "runtime/node.exe": 0o755, "server.mjs": 0o644, "tool.mjs": 0o644 });
    expect(central.every((entry) => entry.madeByUnix && entry.mode >> 12 === 0o10)).toBe(true);

    // Compressed: the 3 MB of repeated text takes a few kB; the random bytes cannot shrink.
    expect(zip.length).toBeLessThan(2.2 * 1024 * 1024);
    const files = unzipSync(zip);
    expect(sha256(files[`${PACK_FOLDER}/node_modules/better-sqlite3/build/Release/better_sqlite3.node`]!)).toBe(sha256(big));
    expect(Buffer.from(files[`${PACK_FOLDER}/debrief-console.cmd`]!).toString("latin1")).toBe(windows.launcher.text);
  });

  test.skipIf(spawnSync("which", ["unzip"]).status !== 0)("Info-ZIP's unzip tests it and unpacks it into a folder with spaces and Chinese in its name, modes kept", async () => {
    const { stage, big } = windowsStage();
    const archive = path.join(temp, "unzip-test.zip");
    await writeArchive(stage, archive, windows);
    const env = { ...process.env, LC_ALL: "C.UTF-8" };
    const check = spawnSync("unzip", ["-t", archive], { encoding: "utf8", env });
    expect(check.stdout).toContain("No errors detected");

    const into = path.join(mkdtempSync(path.join(temp, "unzip-")), "会场 电脑");
    mkdirSync(into);
    const run = spawnSync("unzip", ["-q", archive, "-d", into], { encoding: "utf8", env });
    expect(run.status, run.stderr).toBe(0);
    const folder = path.join(into, PACK_FOLDER);
    expect(readFileSync(path.join(folder, CHINESE_NAME), "utf8")).toBe("一排一座\n");
    expect(sha256(readFileSync(path.join(folder, "node_modules/better-sqlite3/build/Release/better_sqlite3.node")))).toBe(sha256(big));
    expect(statSync(path.join(folder, "runtime", "node.exe")).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(folder, "debrief-console.cmd")).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(folder, "server.mjs")).mode & 0o777).toBe(0o644);
    expect(readdirSync(folder).sort()).toEqual(["debrief-console.cmd", "dist", "node_modules", "package.json", "public", "runtime", "server.mjs", "tool.mjs"]);

    // What debrief-console.cmd backup runs: tool.mjs hands the tool its own arguments.
    const backup = spawnSync(process.execPath, [path.join(folder, "tool.mjs"), "backup", "备份 一.db"], { cwd: into, encoding: "utf8" });
    expect(backup.status, backup.stderr).toBe(0);
    expect(JSON.parse(backup.stdout)).toEqual(["备份 一.db"]);
    const verify = spawnSync(process.execPath, [path.join(folder, "tool.mjs"), "verify-record", "record.json"], { cwd: into, encoding: "utf8" });
    expect(verify.status).toBe(1);
    expect(JSON.parse(verify.stdout)).toEqual(["record.json"]);
    const unknown = spawnSync(process.execPath, [path.join(folder, "tool.mjs"), "restore", "x.db"], { cwd: into, encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("usage: debrief-console.cmd backup <file> | verify-record <file>");
  });

  test("a file that cannot be read stops the zip with the reason, and leaves no archive behind", async () => {
    const archive = path.join(temp, "broken.zip");
    const missing = path.join(temp, "no-such-file");
    await expect(writeZip(archive, [{ name: "debrief-console/x", file: missing, executable: false }])).rejects.toThrow(/ENOENT.*no-such-file/);
    expect(existsSync(archive)).toBe(false);
  });

  test("the layout test wrote nothing to release/", () => {
    const written = existsSync(releaseDir) ? readdirSync(releaseDir).filter((name) => name.includes("windows")) : [];
    expect(written).toEqual([]);
  });
});

describe("the packed server's database path on Windows", () => {
  const pack = "C:\\Users\\张三\\会场 电脑\\debrief-console";

  test("the launcher's default, an absolute path with backslashes, spaces and Chinese, is used as it is", () => {
    expect(sqliteFilePath(`file:${pack}\\data\\debrief.db`, pack, path.win32)).toBe(`${pack}\\data\\debrief.db`);
  });

  test("a relative DATABASE_URL, with / or \\, starts at the pack's folder", () => {
    expect(sqliteFilePath("file:./elsewhere/hall.db", pack, path.win32)).toBe(`${pack}\\elsewhere\\hall.db`);
    expect(sqliteFilePath("file:.\\data\\debrief.db?connection_limit=1", pack, path.win32)).toBe(`${pack}\\data\\debrief.db`);
    expect(sqliteFilePath("file:D:/会议/hall.db", pack, path.win32)).toBe("D:/会议/hall.db");
  });
});
