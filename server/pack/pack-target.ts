// What differs between the packs for Linux/macOS and for Windows: the archive format, the
// Node runtime's file name and the launcher. Everything else in the pack is the same tree.
// A target is always the machine the pack is built on (the runtime is a copy of the Node
// running the build, better-sqlite3 the build made here); `packTarget` takes the platform
// as a parameter only so the Windows shape can be checked on Linux (pack-target.test.ts).

export interface PackTarget {
  /** As in the archive's name: linux, darwin, windows. */
  os: string;
  arch: string;
  archive: "tar.gz" | "zip";
  /** The Node runtime, relative to the pack's folder. */
  node: string;
  /** What the operator runs, and its text. */
  launcher: { name: string; text: string };
  /** Files the launcher needs besides the server's own (name → text). */
  extras: Record<string, string>;
}

export function packTarget(platform: NodeJS.Platform = process.platform, arch: string = process.arch): PackTarget {
  if (platform === "win32") {
    return {
      os: "windows",
      arch,
      archive: "zip",
      node: "runtime/node.exe",
      launcher: { name: "debrief-console.cmd", text: WINDOWS_LAUNCHER },
      extras: { "tool.mjs": WINDOWS_TOOL_ENTRY },
    };
  }
  return { os: platform, arch, archive: "tar.gz", node: "runtime/node", launcher: { name: "debrief-console", text: SHELL_LAUNCHER }, extras: {} };
}

const SHELL_LAUNCHER = `#!/bin/sh
# Debrief Console for a hall with no network: runs with the Node runtime packed beside this
# file (no Node, no npm needed). Settings as for \`npm start\`: PORT, HOST, CHAIR_TOKEN, and
# DATABASE_URL (default: data/debrief.db beside this file; relative paths start here too).
#
#   ./debrief-console                          the server
#   ./debrief-console backup <file>            a consistent copy of the database while it runs
#   ./debrief-console verify-record <file>     checks an exported 会议纪实 (record.json)
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
# The tools take file names from where they are run, so they do not change folder; the
# database is found from this folder as the server finds it.
case "\${1:-}" in
  backup|verify-record)
    tool=$1
    shift
    exec "$here/runtime/node" "$here/dist/server/records/$tool.js" "$@"
    ;;
esac
cd "$here" || exit 1
exec "$here/runtime/node" "$here/server.mjs" "$@"
`;

/**
 * The shell launcher's twin for cmd.exe. ASCII only: cmd reads a batch file in the console's
 * code page, and a multi-byte character can swallow the next line. No ( ) blocks: a ")" in
 * the folder's name (C:\\Program Files (x86)\\...) would end one. Every path is quoted (spaces,
 * Chinese names). No percent sign in a rem line (cmd expands those too), nor < > | & ^.
 * setlocal keeps the variables to this run.
 */
const WINDOWS_LAUNCHER = [
  "@echo off",
  "rem Debrief Console for a hall with no network: runs with the Node runtime packed beside this",
  "rem file (no Node, no npm needed). Settings as for npm start: PORT, HOST, CHAIR_TOKEN, and",
  "rem DATABASE_URL (default: data\\debrief.db beside this file; relative paths start here too).",
  "rem",
  "rem   debrief-console.cmd                          the server",
  "rem   debrief-console.cmd backup FILE              a consistent copy of the database while it runs",
  "rem   debrief-console.cmd verify-record FILE       checks an exported record (record.json)",
  "setlocal EnableExtensions DisableDelayedExpansion",
  "rem Taken before anything changes folder: cmd works out the script's folder again from the current one.",
  'set "here=%~dp0"',
  'if not defined DATABASE_URL set "DATABASE_URL=file:%here%data\\debrief.db"',
  "rem UTF-8 for the Chinese the server prints, when it goes through a pipe or into a file; the",
  "rem console's own code page is put back at the end.",
  'set "codepage="',
  `for /f "tokens=2 delims=:." %%c in ('chcp') do set "codepage=%%c"`,
  "chcp 65001 >nul",
  "rem The tools take file names from where they are run, so they do not change folder; tool.mjs",
  "rem takes the tool's name off the arguments (cmd's shift does not change the arguments passed on).",
  'if "%~1"=="backup" goto tool',
  'if "%~1"=="verify-record" goto tool',
  "rem The server runs in this folder (pushd works on a \\\\server\\share path too, cd does not).",
  'pushd "%here%" || goto nofolder',
  '"%here%runtime\\node.exe" "%here%server.mjs" %*',
  'set "code=%ERRORLEVEL%"',
  "popd",
  "goto end",
  ":nofolder",
  'set "code=1"',
  "goto end",
  ":tool",
  '"%here%runtime\\node.exe" "%here%tool.mjs" %*',
  'set "code=%ERRORLEVEL%"',
  "goto finish",
  ":end",
  "rem Started by a double click (cmd /c): a failed start waits for a key, or its window would",
  "rem close before the reason could be read. Delayed expansion reads the command line safely.",
  'if "%code%"=="0" goto finish',
  "setlocal EnableDelayedExpansion",
  'if /i "!cmdcmdline:/c =!" neq "!cmdcmdline!" pause',
  "endlocal",
  ":finish",
  "if defined codepage chcp %codepage: =% >nul",
  "exit /b %code%",
  "",
].join("\r\n");

/** `debrief-console.cmd backup|verify-record <file>`: the tool named first, its own arguments after. */
const WINDOWS_TOOL_ENTRY = [
  "// debrief-console.cmd backup|verify-record <file>: runs the tool named first with the arguments after it.",
  "const tools = { backup: './dist/server/records/backup.js', 'verify-record': './dist/server/records/verify-record.js' };",
  "const [tool] = process.argv.splice(2, 1);",
  "if (!Object.hasOwn(tools, tool)) {",
  "  console.error('usage: debrief-console.cmd backup <file> | verify-record <file>');",
  "  process.exit(2);",
  "}",
  "await import(tools[tool]);",
  "",
].join("\n");
