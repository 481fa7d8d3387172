// HTTP routes of the after-meeting records (会后). Transport only: check the chair token (the
// tablets may read last year's items with the meeting code), read a bounded body, call the
// records service, answer a file or JSON. See docs/api.md.
import type { ServerResponse } from "node:http";
import type { ContentStore } from "../attachments/attachment-content-data";
import type { Result } from "../domain/result";
import type { MeetingDirectory } from "../live/meeting-directory";
import type { ApiRequest, ApiRoutes } from "../platform/http-api";
import { contentDisposition, jsonBodyOrRefuse, methodNotAllowed, readBody, reply as replyWith, sendError, UNAUTHORIZED } from "../platform/http-kit";
import type { Db } from "../platform/db";
import { sameSecret } from "../platform/secrets";
import { MAX_ARCHIVE_BYTES } from "./archive";
import type { RecordLog } from "./record-data";
import { createRecordsService, isExportName, type ExportFile } from "./records-service";

function sendFile(res: ServerResponse, file: ExportFile): void {
  res.writeHead(200, {
    "content-type": file.contentType,
    "content-disposition": contentDisposition("attachment", file.fileName),
    "content-length": file.bytes.byteLength,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  });
  res.end(file.bytes);
}

/** The kit's reply, and true: the request was handled. */
function reply<T>(res: ServerResponse, result: Result<T>, status = 200): true {
  replyWith(res, result, status);
  return true;
}

function notAllowed(res: ServerResponse, allowed: string): true {
  methodNotAllowed(res, allowed);
  return true;
}

/** A 整改事项's fields and a 进展 note: a few thousand characters at most. */
const JSON_LIMIT = 64 * 1024;

export function createRecordsRoutes(deps: { db: Db; record: RecordLog; content: ContentStore; directory: MeetingDirectory; now: () => number }): ApiRoutes {
  const records = createRecordsService(deps);

  return async function recordsRoutes(request: ApiRequest): Promise<boolean> {
    const { req, res, method, parts, chair, url } = request;
    const [resource, meetingId, section, name, sub] = parts;
    if (resource !== "meetings" || !meetingId) return false;

    // POST /api/meetings/import: an archive restored as a new meeting.
    if (meetingId === "import" && parts.length === 2) {
      if (method !== "POST") return notAllowed(res, "POST");
      if (!chair) {
        req.resume();
        sendError(res, UNAUTHORIZED);
        return true;
      }
      const body = await readBody(req, MAX_ARCHIVE_BYTES);
      if (!body.ok) {
        sendError(res, { code: "invalid", message: body.status === 413 ? `归档文件过大（上限 ${MAX_ARCHIVE_BYTES / 1024 / 1024} MB），已拒绝导入` : body.error.message }, body.status);
        return true;
      }
      return reply(res, await records.importFile(body.value), 201);
    }

    // Last year's 整改事项 beside each unit: the chair, or a tablet with the meeting code.
    if (section === "carried-over" && parts.length === 3) {
      if (method !== "GET") return notAllowed(res, "GET");
      if (!chair) {
        const keys = await deps.directory.byId(meetingId);
        if (!keys || !sameSecret(url.searchParams.get("code") ?? "", keys.attendeeCode)) {
          sendError(res, keys ? { code: "unauthorized", message: "会议码不正确。" } : UNAUTHORIZED);
          return true;
        }
      }
      return reply(res, await records.carried(meetingId));
    }

    const ours =
      (section === "exports" && parts.length === 4) ||
      ((section === "archive" || section === "records") && parts.length === 3) ||
      (section === "rectification" && parts.length >= 3 && parts.length <= 5);
    if (!ours) return false;
    if (!chair) {
      req.resume();
      sendError(res, UNAUTHORIZED);
      return true;
    }

    switch (section) {
      case "exports": {
        if (method !== "GET") return notAllowed(res, "GET");
        if (!name || !isExportName(name)) return (sendError(res, { code: "not_found", message: `没有这个导出文件：${name ?? ""}` }), true);
        const file = await records.exportFile(meetingId, name);
        if (!file.ok) return (sendError(res, file.error), true);
        sendFile(res, file.data);
        return true;
      }
      case "archive": {
        if (method !== "GET") return notAllowed(res, "GET");
        const file = await records.archive(meetingId);
        if (!file.ok) return (sendError(res, file.error), true);
        sendFile(res, file.data);
        return true;
      }
      case "records":
        if (method !== "GET") return notAllowed(res, "GET");
        return reply(res, await records.preview(meetingId));
      case "rectification": {
        if (parts.length === 3) {
          if (method !== "GET") return notAllowed(res, "GET");
          return reply(res, await records.rectification(meetingId));
        }
        if (!name) return false;
        if (parts.length === 4) {
          if (method !== "PATCH") return notAllowed(res, "PATCH");
          const body = await jsonBodyOrRefuse(req, res, JSON_LIMIT);
          return body ? reply(res, await records.updateItem(meetingId, name, body.value)) : true;
        }
        if (sub !== "notes") return false;
        if (method !== "POST") return notAllowed(res, "POST");
        const body = await jsonBodyOrRefuse(req, res, JSON_LIMIT);
        return body ? reply(res, await records.addNote(meetingId, name, body.value), 201) : true;
      }
      default:
        return false;
    }
  };
}
