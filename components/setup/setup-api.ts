"use client";
// The setup pages' calls to the HTTP API, with the organiser's (chair) token. Every outcome
// is a value: the server's Chinese message on refusal, a plain one when the network failed.

export type ApiResult<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; code: string; message: string; confirmRequired: boolean };

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  json?: unknown;
  /** A file sent as it is (report files, rosters). */
  file?: Blob;
}

const OFFLINE = "无法连接服务器，操作未生效。请检查网络后重试。";

function messageOf(body: unknown, status: number): { code: string; message: string } {
  if (body && typeof body === "object" && "message" in body && typeof body.message === "string") {
    const code = "error" in body && typeof body.error === "string" ? body.error : "error";
    return { code, message: body.message };
  }
  return { code: "error", message: status === 413 ? "文件过大，未上传。" : `操作失败（HTTP ${status}），请重试。` };
}

export async function setupRequest<T>(token: string, path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.file) {
    headers["content-type"] = "application/octet-stream";
    body = options.file;
  }
  let res: Response;
  try {
    res = await fetch(path, { method: options.method ?? "GET", headers, body, cache: "no-store" });
  } catch {
    return { ok: false, status: 0, code: "offline", message: OFFLINE, confirmRequired: false };
  }
  const parsed: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: parsed as T };
  const { code, message } = messageOf(parsed, res.status);
  return { ok: false, status: res.status, code, message, confirmRequired: code === "confirm_required" };
}

/** "attachment; filename*=UTF-8''%E8%BF%B0…" → the real file name. */
function fileNameFrom(disposition: string | null, fallback: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? "")?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      return fallback;
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? "")?.[1] ?? fallback;
}

/** Downloads a chair-only file (links can't carry the Authorization header); returns an error message or null. */
export async function downloadWithToken(token: string, path: string, fallbackName: string): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
  } catch {
    return OFFLINE;
  }
  if (!res.ok) return messageOf(await res.json().catch(() => null), res.status).message;
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = fileNameFrom(res.headers.get("content-disposition"), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return null;
}

/** An SVG document as an <img> source: the QR code is drawn, never injected as markup. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
