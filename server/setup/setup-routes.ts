// HTTP routes of meeting preparation (会前准备), plugged into the HTTP API as `moreRoutes`.
// Transport only: check the chair token, read a bounded body, call the setup service,
// answer JSON. Everything but reading a report file with the meeting code is chair-only.
// Report files: attachment-routes.ts; roster import: import-routes.ts; the access sheets:
// access-view.ts. See docs/preparation.md for the list.
import type { ServerResponse } from "node:http";
import type { Result } from "../domain/result";
import type { ApiRequest, ApiRoutes } from "../platform/http-api";
import { contentDisposition, jsonBodyOrRefuse, methodNotAllowed, readBody, reply, send, sendError, UNAUTHORIZED } from "../platform/http-kit";
import { buildRosterTemplate } from "../roster-import/roster-template";
import { findAttachment } from "./roster-data";
import { accessView } from "./access-view";
import { readAttachment, uploadAttachment, type AttachmentRouteDeps } from "./attachment-routes";
import { commitImport, previewImport } from "./import-routes";
import type { SetupService } from "./setup-service";

/** Meeting texts and a roster's worth of fields; a pasted report can be long. */
const JSON_LIMIT = 1024 * 1024;
const TEMPLATE_NAME = "述职名单模板.xlsx";

/** `chairToken`: the tellers' 甲/乙 links of a meeting without its own teller token derive from it. */
type SetupRouteDeps = AttachmentRouteDeps & { chairToken: string };

/** 405 with the allowed methods; true: the request was handled. */
function notAllowed(res: ServerResponse, allowed: string): true {
  methodNotAllowed(res, allowed);
  return true;
}

/** A JSON-body route: reads the body, hands it to `run`, replies with its result. */
async function withJson<T>(request: ApiRequest, run: (body: unknown) => Promise<Result<T>>, status = 200): Promise<true> {
  const body = await jsonBodyOrRefuse(request.req, request.res, JSON_LIMIT);
  if (body) reply(request.res, await run(body.value), status);
  return true;
}

/** POST …/lots: an empty body draws with the default scope (the on-site units). */
async function drawLots(setup: SetupService, request: ApiRequest, meetingId: string): Promise<true> {
  const { res } = request;
  const body = await readBody(request.req, JSON_LIMIT);
  if (!body.ok) {
    sendError(res, body.error, body.status);
    return true;
  }
  let value: unknown = {};
  if (body.value.byteLength > 0) {
    try {
      value = JSON.parse(body.value.toString("utf8"));
    } catch {
      sendError(res, { code: "invalid", message: "请求体不是有效的 JSON。" });
      return true;
    }
  }
  reply(res, await setup.drawLots(meetingId, value), 201);
  return true;
}

/** …/speakers, …/speakers/:id and …/speakers/:id/attachment. */
async function speakerRoutes(deps: SetupRouteDeps, request: ApiRequest, meetingId: string, speakerId: string | undefined, sub: string | undefined, depth: number): Promise<boolean> {
  const { setup, db } = deps;
  const { req, res, method, url } = request;
  if (depth === 1) {
    if (method !== "POST") return notAllowed(res, "POST");
    return withJson(request, (body) => setup.addSpeaker(meetingId, body), 201);
  }
  if (!speakerId) return false;
  if (depth === 2) {
    if (method === "PATCH") return withJson(request, (body) => setup.updateSpeaker(meetingId, speakerId, body));
    if (method !== "DELETE") return notAllowed(res, "PATCH, DELETE");
    req.resume();
    const confirm = ["1", "true"].includes(url.searchParams.get("confirm") ?? "");
    const result = await setup.removeSpeaker(meetingId, speakerId, confirm);
    if (!result.ok && "confirmRequired" in result) send(res, 409, { error: "confirm_required", message: result.error.message });
    else reply(res, result);
    return true;
  }
  if (depth !== 3 || sub !== "attachment") return false;
  if (method === "PUT" || method === "POST") {
    await uploadAttachment(deps, request, meetingId, speakerId);
    return true;
  }
  if (method === "DELETE") {
    req.resume();
    reply(res, await setup.removeAttachment(meetingId, speakerId));
    return true;
  }
  if (method !== "GET") return notAllowed(res, "GET, PUT, DELETE");
  const file = await findAttachment(db, speakerId);
  if (!file || file.meetingId !== meetingId) {
    sendError(res, { code: "not_found", message: "没有找到该述职材料。" });
    return true;
  }
  await readAttachment(deps, request, speakerId);
  return true;
}

/** Everything under /api/meetings/:id that belongs to preparation. */
async function meetingRoutes(deps: SetupRouteDeps, request: ApiRequest, meetingId: string, rest: string[]): Promise<boolean> {
  const { setup, db } = deps;
  const { res, method } = request;
  const [section, itemId, sub] = rest;
  const single = rest.length === 1;

  if (section === undefined) {
    if (method !== "PATCH") return false;
    return withJson(request, (body) => setup.updateMeeting(meetingId, body));
  }
  switch (section) {
    case "setup":
      if (!single) return false;
      if (method !== "GET") return notAllowed(res, "GET");
      reply(res, await setup.view(meetingId));
      return true;
    case "copy":
      if (!single) return false;
      if (method !== "POST") return notAllowed(res, "POST");
      return withJson(request, (body) => setup.copyMeeting(meetingId, body), 201);
    case "evaluation":
      if (!single) return false;
      if (method !== "PUT") return notAllowed(res, "PUT");
      return withJson(request, (body) => setup.updateEvaluation(meetingId, body));
    case "access":
      if (!single) return false;
      if (method !== "GET") return notAllowed(res, "GET");
      reply(res, await accessView(db, setup, request, meetingId, deps.chairToken));
      return true;
    case "seats":
      // GET /seats is the live-console route in http-api.ts.
      if (single && method === "PUT") return withJson(request, (body) => setup.setSeats(meetingId, body));
      if (rest.length !== 2 || itemId !== "categories") return false;
      if (method !== "PUT") return notAllowed(res, "PUT");
      return withJson(request, (body) => setup.assignSeatCategories(meetingId, body));
    case "order":
      if (!single) return false;
      if (method !== "PUT") return notAllowed(res, "PUT");
      return withJson(request, (body) => setup.reorder(meetingId, body));
    case "lots":
      if (!single) return false;
      if (method !== "POST") return notAllowed(res, "POST");
      return drawLots(setup, request, meetingId);
    case "import":
      if (method !== "POST") return notAllowed(res, "POST");
      if (rest.length === 2 && itemId === "preview") await previewImport(setup, request, meetingId);
      else if (single) await commitImport(setup, request, meetingId);
      else return false;
      return true;
    case "speakers":
      return speakerRoutes(deps, request, meetingId, itemId, sub, rest.length);
    default:
      return false;
  }
}

/** GET /api/setup/roster-template: the .xlsx organisers fill in. */
async function sendRosterTemplate(res: ServerResponse): Promise<void> {
  const template = await buildRosterTemplate();
  res.writeHead(200, {
    "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "content-disposition": contentDisposition("attachment", TEMPLATE_NAME),
    "content-length": template.byteLength,
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
  });
  res.end(template);
}

export function createSetupRoutes(deps: SetupRouteDeps): ApiRoutes {
  return async function setupRoutes(request: ApiRequest): Promise<boolean> {
    const { req, res, method, parts, chair } = request;
    const [resource, second, ...rest] = parts;

    // The one route that is not the chair's: tablets read report files with the meeting code.
    if (resource === "attachments" && second && parts.length === 2) {
      if (method !== "GET") return notAllowed(res, "GET");
      await readAttachment(deps, request, second);
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
      if (second === "meetings") send(res, 200, await deps.setup.meetings());
      else await sendRosterTemplate(res);
      return true;
    }
    if (parts.length === 1) return withJson(request, (body) => deps.setup.createMeeting(body), 201);
    if (!second) return false;
    const handled = await meetingRoutes(deps, request, second, rest);
    if (!handled) req.resume();
    return handled;
  };
}
