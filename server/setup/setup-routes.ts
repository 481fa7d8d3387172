// HTTP routes of meeting preparation (会前准备), plugged into the HTTP API as `moreRoutes`.
// Transport only: check the chair token, read a bounded body, call the setup service,
// answer JSON. Everything but reading a report file with the meeting code is chair-only.
// See docs/preparation.md for the list.
import type { ServerResponse } from "node:http";
import type { Db } from "../platform/db";
import { findAttachment, type StoredBody } from "./roster-data";
import type { ContentStore } from "../attachments/attachment-content-data";
import { findMeeting } from "../live/meeting-data";
import { seatCounts, seatsInOrder } from "./setup-data";
import type { DomainError, Result } from "../domain/result";
import type { ApiRequest, ApiRoutes } from "../platform/http-api";
import { methodNotAllowed, readBody, readJson, send, sendError, STATUS, UNAUTHORIZED } from "../platform/http-kit";
import { lanAddresses } from "../platform/network";
import { buildRosterTemplate } from "../roster-import/roster-template";
import { MAX_FILE_BYTES } from "../roster-import/import-limits";
import type { ImportSource } from "../roster-import/parse-roster";
import { accessAddresses, baseUrl, chooseAddress, joinUrl, parseHostHeader, qrSvg, seatCards } from "./setup-access";
import { importModeSchema, importTextSchema, MAX_ATTACHMENT_BYTES, type AccessView } from "./setup-schemas";
import type { SetupService } from "./setup-service";
import { sameSecret } from "../platform/secrets";
import { PDF_TYPE } from "../attachments/report-file";
import { readerDocument, readerErrorDocument, textScaleSchema } from "../attachments/reader-document";

/** Meeting texts and a roster's worth of fields; a pasted report can be long. */
const JSON_LIMIT = 1024 * 1024;
const TEMPLATE_NAME = "述职名单模板.xlsx";

function describeLimit(bytes: number): string {
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

function refused(res: ServerResponse, error: DomainError, status?: number): true {
  sendError(res, error, status);
  return true;
}

/** 405 with the allowed methods; true: the request was handled. */
function notAllowed(res: ServerResponse, allowed: string): true {
  methodNotAllowed(res, allowed);
  return true;
}

function reply<T>(res: ServerResponse, result: Result<T>, status = 200): void {
  if (result.ok) send(res, status, result.data);
  else sendError(res, result.error);
}

/** `attachment; filename="report.pdf"; filename*=UTF-8''述职材料.pdf`: an ASCII fallback for old clients, the real name for the rest. */
function contentDisposition(kind: "inline" | "attachment", fileName: string): string {
  const extension = /\.[a-z0-9]{1,8}$/i.exec(fileName)?.[0] ?? "";
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "").replace(/["\\;]/g, "").trim() || `report${extension}`;
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function createSetupRoutes(deps: { db: Db; setup: SetupService; content: ContentStore }): ApiRoutes {
  const { db, setup, content } = deps;

  /**
   * Sends a stored file (between `head` and `tail`, for the reader page) a piece at a time,
   * waiting whenever the tablet's connection is behind: 40 tablets opening a 13 MB report
   * neither hold the event loop nor fill the server's memory.
   */
  async function sendStored(res: ServerResponse, headers: Record<string, string>, body: NonNullable<StoredBody>, head = "", tail = ""): Promise<void> {
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

  async function bodyJson(request: ApiRequest, limit = JSON_LIMIT): Promise<{ ok: true; value: unknown } | { ok: false }> {
    const body = await readJson(request.req, limit);
    if (!body.ok) {
      sendError(request.res, body.error, body.status);
      return { ok: false };
    }
    return body;
  }

  /** A roster to import: the file's raw bytes (name in ?name=), or JSON `{ text }` pasted from Word/Excel. */
  async function importSource(request: ApiRequest): Promise<ImportSource | null> {
    const { req, res, url } = request;
    if ((req.headers["content-type"] ?? "").includes("application/json")) {
      const body = await bodyJson(request, MAX_FILE_BYTES * 4);
      if (!body.ok) return null;
      const parsed = importTextSchema.safeParse(body.value);
      if (!parsed.success) {
        sendError(res, { code: "invalid", message: parsed.error.issues[0]?.message ?? "没有可导入的内容" });
        return null;
      }
      return { kind: "text", text: parsed.data.text };
    }
    const body = await readBody(req, MAX_FILE_BYTES);
    if (!body.ok) {
      const message = body.status === 413 ? `文件过大，名单文件不能超过 ${describeLimit(MAX_FILE_BYTES)}` : body.error.message;
      sendError(res, { code: "invalid", message }, body.status);
      return null;
    }
    return { kind: "file", fileName: url.searchParams.get("name") ?? "", bytes: body.value };
  }

  async function accessView(request: ApiRequest, meetingId: string): Promise<Result<AccessView>> {
    const meeting = await findMeeting(db, meetingId);
    const current = await setup.view(meetingId);
    if (!meeting || !current.ok) return { ok: false, error: { code: "not_found", message: "没有这个会议。" } };
    const host = parseHostHeader(request.req.headers.host);
    const addresses = accessAddresses(lanAddresses(), host?.host ?? null);
    const address = chooseAddress(addresses, request.url.searchParams.get("address"), host?.host ?? null);
    const base = baseUrl(address, host?.port ?? null);
    const join = joinUrl(base, meeting.attendeeCode);
    const [seats, counts] = await Promise.all([seatsInOrder(db, meetingId), seatCounts(db, meetingId)]);
    return {
      ok: true,
      data: {
        attendeeCode: meeting.attendeeCode,
        joinUrl: join,
        joinQrSvg: await qrSvg(join),
        displayUrl: `${base}/display/${meeting.id}#token=${meeting.displayToken}`,
        address,
        addresses,
        seats: await seatCards(base, meeting.attendeeCode, seats),
        seatsUsed: counts.used,
        locks: current.data.locks,
      },
    };
  }

  /** The tablets read report files with the meeting code; the chair with the token. */
  async function readAttachment(request: ApiRequest, speakerId: string): Promise<void> {
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
    const file = await findAttachment(db, speakerId);
    if (!file) return refuse({ code: "not_found", message: "没有找到该述职材料。" });
    const code = url.searchParams.get("code") ?? "";
    if (!chair && !sameSecret(code, file.attendeeCode)) return refuse({ code: "unauthorized", message: "会议码不正确。" });
    if (asHtml) {
      const html = await file.html();
      if (html === null) return refuse({ code: "not_found", message: "该材料是 PDF 文件，没有网页版。" });
      const scale = textScaleSchema.safeParse(url.searchParams.get("scale") ?? undefined);
      if (!scale.success) return refuse({ code: "invalid", message: "字号比例无效：应为 1 到 2 之间的数。" });
      const page = readerDocument(scale.data, file.fileName);
      // Sanitised already; framed in a sandbox by the tablet, and sandboxed by this policy when opened on its own.
      const headers = { ...common, "content-type": "text/html; charset=utf-8", "content-security-policy": page.contentSecurityPolicy };
      return sendStored(res, headers, html, page.head, page.tail);
    }
    const body = await file.file();
    if (body === null) return refuse({ code: "not_found", message: "没有找到该述职材料。" });
    const inline = file.contentType === PDF_TYPE && url.searchParams.get("download") !== "1";
    return sendStored(res, {
      ...common,
      "content-type": file.contentType,
      "content-disposition": contentDisposition(inline ? "inline" : "attachment", file.fileName),
      // A PDF read inline is framed by the tablet's page (the browser's own viewer, which a sandbox would block).
      "content-security-policy": inline ? "frame-ancestors 'self'" : "default-src 'none'; sandbox",
    }, body);
  }

  async function uploadAttachment(request: ApiRequest, meetingId: string, speakerId: string): Promise<void> {
    const { req, res, url } = request;
    const body = await readBody(req, MAX_ATTACHMENT_BYTES);
    if (!body.ok) {
      const message = body.status === 413 ? `文件过大，述职材料不能超过 ${describeLimit(MAX_ATTACHMENT_BYTES)}` : body.error.message;
      return sendError(res, { code: "invalid", message }, body.status);
    }
    reply(res, await setup.uploadAttachment(meetingId, speakerId, url.searchParams.get("name") ?? "", body.value));
  }

  async function meetingRoutes(request: ApiRequest, meetingId: string, rest: string[]): Promise<boolean> {
    const { res, method, url } = request;
    const [section, itemId, sub] = rest;

    if (section === undefined) {
      if (method !== "PATCH") return false;
      const body = await bodyJson(request);
      if (body.ok) reply(res, await setup.updateMeeting(meetingId, body.value));
      return true;
    }
    switch (section) {
      case "setup":
        if (rest.length !== 1) return false;
        if (method !== "GET") return notAllowed(res, "GET");
        reply(res, await setup.view(meetingId));
        return true;
      case "copy": {
        if (rest.length !== 1) return false;
        if (method !== "POST") return notAllowed(res, "POST");
        const body = await bodyJson(request);
        if (body.ok) reply(res, await setup.copyMeeting(meetingId, body.value), 201);
        return true;
      }
      case "evaluation": {
        if (rest.length !== 1) return false;
        if (method !== "PUT") return notAllowed(res, "PUT");
        const body = await bodyJson(request);
        if (body.ok) reply(res, await setup.updateEvaluation(meetingId, body.value));
        return true;
      }
      case "access":
        if (rest.length !== 1) return false;
        if (method !== "GET") return notAllowed(res, "GET");
        reply(res, await accessView(request, meetingId));
        return true;
      case "seats": {
        // GET /seats is the live-console route in http-api.ts.
        if (rest.length === 1 && method === "PUT") {
          const body = await bodyJson(request);
          if (body.ok) reply(res, await setup.setSeats(meetingId, body.value));
          return true;
        }
        if (rest.length === 2 && itemId === "categories") {
          if (method !== "PUT") return notAllowed(res, "PUT");
          const body = await bodyJson(request);
          if (body.ok) reply(res, await setup.assignSeatCategories(meetingId, body.value));
          return true;
        }
        return false;
      }
      case "order": {
        if (rest.length !== 1) return false;
        if (method !== "PUT") return notAllowed(res, "PUT");
        const body = await bodyJson(request);
        if (body.ok) reply(res, await setup.reorder(meetingId, body.value));
        return true;
      }
      case "lots": {
        if (rest.length !== 1) return false;
        if (method !== "POST") return notAllowed(res, "POST");
        // An empty body draws with the default scope (the on-site units).
        const body = await readBody(request.req, JSON_LIMIT);
        if (!body.ok) return refused(res, body.error, body.status);
        let value: unknown = {};
        if (body.value.byteLength > 0) {
          try {
            value = JSON.parse(body.value.toString("utf8"));
          } catch {
            return refused(res, { code: "invalid", message: "请求体不是有效的 JSON。" });
          }
        }
        reply(res, await setup.drawLots(meetingId, value), 201);
        return true;
      }
      case "import": {
        if (method !== "POST") return notAllowed(res, "POST");
        if (rest.length === 2 && itemId === "preview") {
          const source = await importSource(request);
          if (source) reply(res, await setup.previewImport(meetingId, source));
          return true;
        }
        if (rest.length !== 1) return false;
        const mode = importModeSchema.safeParse(url.searchParams.get("mode"));
        if (!mode.success) {
          request.req.resume();
          return refused(res, { code: "invalid", message: "请选择导入方式：mode=replace（替换名单）或 mode=append（追加到名单之后）" });
        }
        const expectedParam = url.searchParams.get("expected");
        const expected = expectedParam === null ? null : Number(expectedParam);
        if (expected !== null && (!Number.isInteger(expected) || expected < 0)) {
          request.req.resume();
          return refused(res, { code: "invalid", message: "expected 应为预览中可导入的行数" });
        }
        const source = await importSource(request);
        if (source) reply(res, await setup.commitImport(meetingId, source, mode.data, expected));
        return true;
      }
      case "speakers": {
        if (rest.length === 1) {
          if (method !== "POST") return notAllowed(res, "POST");
          const body = await bodyJson(request);
          if (body.ok) reply(res, await setup.addSpeaker(meetingId, body.value), 201);
          return true;
        }
        if (!itemId) return false;
        if (rest.length === 2) {
          if (method === "PATCH") {
            const body = await bodyJson(request);
            if (body.ok) reply(res, await setup.updateSpeaker(meetingId, itemId, body.value));
            return true;
          }
          if (method === "DELETE") {
            request.req.resume();
            const confirm = ["1", "true"].includes(url.searchParams.get("confirm") ?? "");
            const result = await setup.removeSpeaker(meetingId, itemId, confirm);
            if (!result.ok && "confirmRequired" in result) {
              send(res, 409, { error: "confirm_required", message: result.error.message });
            } else reply(res, result);
            return true;
          }
          return notAllowed(res, "PATCH, DELETE");
        }
        if (rest.length === 3 && sub === "attachment") {
          if (method === "PUT" || method === "POST") {
            await uploadAttachment(request, meetingId, itemId);
            return true;
          }
          if (method === "DELETE") {
            request.req.resume();
            reply(res, await setup.removeAttachment(meetingId, itemId));
            return true;
          }
          if (method === "GET") {
            const file = await findAttachment(db, itemId);
            if (!file || file.meetingId !== meetingId) return refused(res, { code: "not_found", message: "没有找到该述职材料。" });
            await readAttachment(request, itemId);
            return true;
          }
          return notAllowed(res, "GET, PUT, DELETE");
        }
        return false;
      }
      default:
        return false;
    }
  }

  return async function setupRoutes(request: ApiRequest): Promise<boolean> {
    const { req, res, method, parts, chair } = request;
    const [resource, second, ...rest] = parts;

    // The one route that is not the chair's: tablets read report files with the meeting code.
    if (resource === "attachments" && second && parts.length === 2) {
      if (method !== "GET") return notAllowed(res, "GET");
      await readAttachment(request, second);
      return true;
    }

    const ours =
      (resource === "setup" && (second === "meetings" || second === "roster-template") && parts.length === 2) ||
      (resource === "meetings" && parts.length === 1 && method === "POST") ||
      (resource === "meetings" && second !== undefined && (rest.length > 0 || method === "PATCH"));
    if (!ours) return false;
    if (!chair) {
      req.resume();
      sendError(res, UNAUTHORIZED);
      return true;
    }

    if (resource === "setup") {
      if (method !== "GET") return notAllowed(res, "GET");
      if (second === "meetings") {
        send(res, 200, await setup.meetings());
        return true;
      }
      const template = await buildRosterTemplate();
      res.writeHead(200, {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": contentDisposition("attachment", TEMPLATE_NAME),
        "content-length": template.byteLength,
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      });
      res.end(template);
      return true;
    }
    if (parts.length === 1) {
      const body = await bodyJson(request);
      if (body.ok) reply(res, await setup.createMeeting(body.value), 201);
      return true;
    }
    if (!second) return false;
    const handled = await meetingRoutes(request, second, rest);
    if (!handled) req.resume();
    return handled;
  };
}
