// Runs .docx conversion off the event loop: each report in a worker thread of its own, one
// at a time (two cores serve the hall; a second upload waits its turn rather than taking
// the core the chair's commands need), under a time limit and a heap limit. Whatever
// happens in the worker (a slow document, a crash, memory run out) comes back as a Result.
import { Worker } from "node:worker_threads";
import { fail, type Result } from "../domain/result";
import { createSerialQueue } from "../platform/serial-queue";
import { workerEntry } from "../platform/worker-entry";
import type { ConversionResult } from "./docx-to-html";

/** A real report (dozens of pages, photos) converts in a few seconds; this is far beyond that. */
export const CONVERSION_TIME_LIMIT_MS = 30_000;
/** The worker's own heap; a document that needs more is refused, the server is untouched. */
const CONVERSION_HEAP_MB = 1024;

const SAVE_AS_PDF = "未保存任何内容。请在 Word 或 WPS 中“另存为” PDF 后再上传，平板上同样可以阅读。";

export function conversionTimeoutMessage(limitMs: number): string {
  return `该 Word 文档转换超时（超过 ${Math.round(limitMs / 1000)} 秒）：${SAVE_AS_PDF}`;
}
const TOO_COMPLEX = `该 Word 文档过于复杂，无法转换为平板阅读版：${SAVE_AS_PDF}`;

export interface ConversionLimits {
  timeLimitMs?: number;
  heapMb?: number;
}

/** .docx → its sanitised HTML as UTF-8, or a refusal for the organiser. */
export type ConvertDocx = (bytes: Uint8Array) => Promise<Result<Uint8Array>>;

export interface ReportConverter {
  convert: ConvertDocx;
  /** Stops a conversion under way (the server is closing); its upload is refused. */
  dispose(): void;
}

const CLOSING = "服务器正在关闭，材料未保存，请稍后重新上传。";

export function createReportConverter(limits: ConversionLimits = {}): ReportConverter {
  const timeLimitMs = limits.timeLimitMs ?? CONVERSION_TIME_LIMIT_MS;
  const heapMb = limits.heapMb ?? CONVERSION_HEAP_MB;
  const queue = createSerialQueue();
  const entry = workerEntry("attachments/docx.worker");
  let stopCurrent: (() => void) | null = null;
  let closed = false;
  return {
    convert: (bytes) => queue("conversion", () => (closed ? Promise.resolve(fail("internal", CLOSING)) : convertInWorker(bytes, timeLimitMs))),
    dispose() {
      closed = true;
      stopCurrent?.();
    },
  };

  function convertInWorker(bytes: Uint8Array, limitMs: number): Promise<Result<Uint8Array>> {
    return new Promise((resolve) => {
      const worker = new Worker(entry, {
        workerData: bytes,
        resourceLimits: { maxOldGenerationSizeMb: heapMb },
      });
      let settled = false;
      const settle = (result: Result<Uint8Array>) => {
        if (settled) return;
        settled = true;
        stopCurrent = null;
        clearTimeout(timer);
        // Idempotent: a worker that already exited ignores it.
        void worker.terminate();
        resolve(result);
      };
      // The limit counts from the worker's start, so it includes loading mammoth (well under a second).
      const timer = setTimeout(() => settle(fail("invalid", conversionTimeoutMessage(limitMs))), limitMs);
      worker.once("message", (result: ConversionResult) => settle(result));
      worker.once("error", (error: Error & { code?: string }) => {
        if (error.code !== "ERR_WORKER_OUT_OF_MEMORY") console.error("report conversion failed:", error.message);
        settle(fail("invalid", TOO_COMPLEX));
      });
      worker.once("exit", () => settle(fail("invalid", TOO_COMPLEX)));
      stopCurrent = () => settle(fail("internal", CLOSING));
    });
  }
}
