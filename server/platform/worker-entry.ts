import path from "node:path";
import { pathToFileURL } from "node:url";
import { projectRoot } from "./config";

/**
 * The compiled entry module of a worker thread, e.g. `workerEntry("attachments/docx.worker")`
 * for server/attachments/docx.worker.ts. Workers always run compiled (`npm run build`
 * compiles every `*.worker.ts`), so tests and production start the very same file.
 */
export function workerEntry(name: string): URL {
  return pathToFileURL(path.join(projectRoot, "dist", "server", `${name}.js`));
}
