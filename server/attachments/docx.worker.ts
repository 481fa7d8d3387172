// Worker-thread entry: converts the one .docx it is given and posts the result back.
// Started (and, past its time limit, terminated) by report-conversion.ts; compiled at build
// like every `*.worker.ts` (platform/server-build.ts), found with workerEntry().
import { parentPort, workerData } from "node:worker_threads";
import { convertDocx } from "./docx-to-html";

parentPort?.postMessage(await convertDocx(workerData as Uint8Array));
