// Report files over HTTP: tablets read them with the meeting code (the .docx as a sandboxed
// HTML page for their report frame), the chair uploads and downloads them with the token.
import type { ServerResponse } from "node:http";
import type { Db } from "../platform/db";
import type { ContentStore } from "../attachments/attachment-content-data";
import { PDF_TYPE } from "../attachments/report-file";
import { readerDocument, readerErrorDocument, textScaleSchema } from "../attachments/reader-document";
import type { DomainError } from "../domain/result";
import type { ApiRequest } from "../platform/http-api";
import { contentDisposition, readBody, reply, sendError, STATUS } from "../platform/http-kit";
import { sameSecret } from "../platform/secrets";
import { ANY_MEETING, tooManyGuesses, type GuessLimiter } from "../platform/guess-limiter";
import { findAttachment, type StoredBody } from "./roster-data";
import { MAX_ATTACHMENT_BYTES } from "./setup-schemas";
import type { SetupService } from "./setup-service";

export interface AttachmentRouteDeps {
  db: Db;
  setup: SetupService;
  content: ContentStore;
  guesses: GuessLimiter;
}

export function describeLimit(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
}

/** Resolves when the response can take more, or the tablet went away; leaves no listener behind. */
function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.once("drain", done);
    res.once("close", done);
  });
}

/**
 * Sends a stored file (between `head` and `tail`, for the reader page) a piece at a time,
 * waiting whenever the tablet's connection is behind: 40 tablets opening a 13 MB report
 * neither hold the event loop nor fill the server's memory.
 */
async function sendStored(
  content: ContentStore,
  res: ServerResponse,
  headers: Record<string, string>,
  body: NonNullable<StoredBody>,
  head = "",
  tail = "",
): Promise<void> {
  const before = Buffer.from(head, "utf8");
  const after = Buffer.from(tail, "utf8");
  const size = body.kind === "pieces" ? body.size : body.bytes.byteLength;
  res.writeHead(200, { ...headers, "content-length": String(before.byteLength + size + after.byteLength) });
  res.write(before);
  if (body.kind === "whole") res.write(body.bytes);
  else {
    for await (const piece of content.read(body.contentId)) {
      if (res.destroyed) return;
      if (!res.write(piece)) await drainedOrClosed(res);
    }
  }
  res.end(after);
}

/** The tablets read report files with the meeting code; the chair with the token. */
export async function readAttachment(deps: AttachmentRouteDeps, request: ApiRequest, speakerId: string): Promise<void> {
  const { res, url, chair } = request;
  const common = { "x-content-type-options": "nosniff", "cache-control": "private, no-store", "referrer-policy": "no-referrer" };
  // ?as=html is what the tablet's report frame loads: its refusals are pages the frame can show.
  const asHtml = url.searchParams.get("as") === "html";
  const refuse = (error: DomainError) => {
    if (!asHtml) return sendError(res, error);
    const page = readerErrorDocument(error.message);
    res.writeHead(STATUS[error.code], { ...common, "content-type": "text/html; charset=utf-8", "content-security-policy": page.contentSecurityPolicy });
    res.end(page.html);
  };
  const file = await findAttachment(deps.db, speakerId);
  if (!file) return refuse({ code: "not_found", message: "没有找到该述职材料。" });
  const code = url.searchParams.get("code") ?? "";
  if (!chair) {
    // The 会议码 is guessed here as on the handshake: wrong ones count, a waiting address is refused unseen.
    const address = deps.guesses.addressOf(request.req.socket.remoteAddress, request.req.headers["x-forwarded-for"]);
    const allowed = deps.guesses.check("code", address);
    if (!allowed.ok) return refuse(tooManyGuesses(allowed.retryAfterMs));
    if (!sameSecret(code, file.attendeeCode)) {
      deps.guesses.failed("code", address, ANY_MEETING);
      return refuse({ code: "unauthorized", message: "会议码不正确。" });
    }
  }
  if (asHtml) {
    const html = await file.html();
    if (html === null) return refuse({ code: "not_found", message: "该材料是 PDF 文件，没有网页版。" });
    const scale = textScaleSchema.safeParse(url.searchParams.get("scale") ?? undefined);
    if (!scale.success) return refuse({ code: "invalid", message: "字号比例无效：应为 1 到 2 之间的数。" });
    const page = readerDocument(scale.data, file.fileName);
    // Sanitised already; framed in a sandbox by the tablet, and sandboxed by this policy when opened on its own.
    const headers = { ...common, "content-type": "text/html; charset=utf-8", "content-security-policy": page.contentSecurityPolicy };
    return sendStored(deps.content, res, headers, html, page.head, page.tail);
  }
  const body = await file.file();
  if (body === null) return refuse({ code: "not_found", message: "没有找到该述职材料。" });
  const inline = file.contentType === PDF_TYPE && url.searchParams.get("download") !== "1";
  return sendStored(deps.content, res, {
    ...common,
    "content-type": file.contentType,
    "content-disposition": contentDisposition(inline ? "inline" : "attachment", file.fileName),
    // A PDF read inline is framed by the tablet's page (the browser's own viewer, which a sandbox would block).
    "content-security-policy": inline ? "frame-ancestors 'self'" : "default-src 'none'; sandbox",
  }, body);
}

export async function uploadAttachment(deps: AttachmentRouteDeps, request: ApiRequest, meetingId: string, speakerId: string): Promise<void> {
  const { req, res, url } = request;
  const body = await readBody(req, MAX_ATTACHMENT_BYTES);
  if (!body.ok) {
    const message = body.status === 413 ? `文件过大，述职材料不能超过 ${describeLimit(MAX_ATTACHMENT_BYTES)}` : body.error.message;
    return sendError(res, { code: "invalid", message }, body.status);
  }
  reply(res, await deps.setup.uploadAttachment(meetingId, speakerId, url.searchParams.get("name") ?? "", body.value));
}
