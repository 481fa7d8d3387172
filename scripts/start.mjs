// `npm start`: builds when there is no build yet or the sources changed since the last one
// (after a `git pull`, say), then runs the compiled server in this very process — no
// TypeScript is compiled at run time, and a kill -9 of this process kills the server.
import { pathToFileURL } from "node:url";
import { ensureBuild, serverEntry } from "./ensure-build.mjs";

ensureBuild();
await import(pathToFileURL(serverEntry).href);
