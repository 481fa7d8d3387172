// Roster import over HTTP: a file's raw bytes (name in ?name=) or a table pasted from
// Word/Excel as JSON `{ text }`; preview first, then commit with the mode the organiser chose.
import type { ApiRequest } from "../platform/http-api";
import { jsonBodyOrRefuse, readBody, reply, sendError } from "../platform/http-kit";
import { MAX_FILE_BYTES } from "../roster-import/import-limits";
import type { ImportSource } from "../roster-import/parse-roster";
import { describeLimit } from "./attachment-routes";
import { importModeSchema, importTextSchema } from "./setup-schemas";
import type { SetupService } from "./setup-service";

/** The roster to import, or null when a refusal was sent. */
async function importSource(request: ApiRequest): Promise<ImportSource | null> {
  const { req, res, url } = request;
  if ((req.headers["content-type"] ?? "").includes("application/json")) {
    const body = await jsonBodyOrRefuse(req, res, MAX_FILE_BYTES * 4);
    if (!body) return null;
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

/** POST …/import/preview: every row with its problems; nothing changes. */
export async function previewImport(setup: SetupService, request: ApiRequest, meetingId: string): Promise<void> {
  const source = await importSource(request);
  if (source) reply(request.res, await setup.previewImport(meetingId, source));
}

/** POST …/import?mode=replace|append&expected=n: the rows the organiser saw in the preview. */
export async function commitImport(setup: SetupService, request: ApiRequest, meetingId: string): Promise<void> {
  const { req, res, url } = request;
  const mode = importModeSchema.safeParse(url.searchParams.get("mode"));
  if (!mode.success) {
    req.resume();
    return sendError(res, { code: "invalid", message: "请选择导入方式：mode=replace（替换名单）或 mode=append（追加到名单之后）" });
  }
  const expectedParam = url.searchParams.get("expected");
  const expected = expectedParam === null ? null : Number(expectedParam);
  if (expected !== null && (!Number.isInteger(expected) || expected < 0)) {
    req.resume();
    return sendError(res, { code: "invalid", message: "expected 应为预览中可导入的行数" });
  }
  const source = await importSource(request);
  if (source) reply(res, await setup.commitImport(meetingId, source, mode.data, expected));
}
