// Small pieces every HTTP route needs: JSON replies, errors as `{ error, message }`,
// bounded body reading, and the chair's Bearer token check.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { DomainError, ErrorCode, Result } from "../domain/result";
import { sameSecret } from "./secrets";

export const STATUS: Record<ErrorCode, number> = {
  invalid: 400,
  unauthorized: 401,
  not_found: 404,
  illegal: 409,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

export function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    // As every page (proxy.ts): no browser guesses a JSON answer to be anything else.
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "content-length": Buffer.byteLength(json),
  });
  res.end(json);
}

export function sendError(res: ServerResponse, error: DomainError, status = STATUS[error.code]): void {
  send(res, status, { error: error.code, message: error.message });
}

/** 200 (or `status`) with the data, or the error's own status. */
export function reply<T>(res: ServerResponse, result: Result<T>, status = 200): void {
  if (result.ok) send(res, status, result.data);
  else sendError(res, result.error);
}

/**
 * `attachment; filename="report.pdf"; filename*=UTF-8''述职材料.pdf` (RFC 6266): an ASCII
 * fallback for old clients, the real (Chinese) name for the rest.
 */
export function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const extension = /\.[a-z0-9]{1,8}$/i.exec(fileName)?.[0] ?? "";
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "").replace(/["\\;]/g, "").trim() || `file${extension}`;
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function methodNotAllowed(res: ServerResponse, allowed: string): void {
  res.setHeader("allow", allowed);
  send(res, 405, { error: "method_not_allowed", message: `只支持 ${allowed}。` });
}

export const UNAUTHORIZED: DomainError = {
  code: "unauthorized",
  message: "需要主持人口令：Authorization: Bearer <chair token>。",
};

export function isChair(req: IncomingMessage, chairToken: string): boolean {
  const header = req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match !== null && sameSecret(match[1] ?? "", chairToken);
}

export type BodyResult<T> = { ok: true; value: T } | { ok: false; status: number; error: DomainError };

/** Reads at most `limit` bytes; a larger body is refused with 413 before it is buffered whole. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult<Buffer>> {
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      req.resume();
      resolve({ ok: false, status: 413, error: { code: "invalid", message: `请求体过大（上限 ${limit} 字节）。` } });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyResult<Buffer>) => {
      if (!done) {
        done = true;
        resolve(result);
      }
    };
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        finish({ ok: false, status: 413, error: { code: "invalid", message: `请求体过大（上限 ${limit} 字节）。` } });
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => finish({ ok: false, status: 400, error: { code: "invalid", message: "请求读取失败。" } }));
    req.on("end", () => finish({ ok: true, value: Buffer.concat(chunks) }));
  });
}

export async function readJson(req: IncomingMessage, limit = 16 * 1024): Promise<BodyResult<unknown>> {
  const body = await readBody(req, limit);
  if (!body.ok) return body;
  const text = body.value.toString("utf8");
  if (!text.trim()) {
    return { ok: false, status: 400, error: { code: "invalid", message: "请求体为空：需要 JSON。" } };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, error: { code: "invalid", message: "请求体不是有效的 JSON。" } };
  }
}

/** The JSON body, or an error already sent (null). */
export async function jsonBodyOrRefuse(req: IncomingMessage, res: ServerResponse, limit: number): Promise<{ value: unknown } | null> {
  const body = await readJson(req, limit);
  if (body.ok) return { value: body.value };
  sendError(res, body.error, body.status);
  return null;
}
