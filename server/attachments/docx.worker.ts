// Worker-thread entry: converts the one .docx it is given and posts the result back, the
// HTML as UTF-8 bytes whose buffer is handed over rather than copied (the server stores it
// as it is). Started (and, past its time limit, terminated) by report-conversion.ts;
// compiled at build like every `*.worker.ts` (platform/server-build.ts), found with workerEntry().
import { parentPort, workerData } from "node:worker_threads";
import { ok } from "../domain/result";
import { convertDocx, type ConversionResult } from "./docx-to-html";

const converted = await convertDocx(workerData as Uint8Array);
if (converted.ok) {
  // TextEncoder gives the bytes a buffer of their own (Buffer.from may share a pool).
  const html = new TextEncoder().encode(converted.data);
  parentPort?.postMessage(ok(html) satisfies ConversionResult, [html.buffer]);
} else {
  parentPort?.postMessage(converted satisfies ConversionResult);
}
