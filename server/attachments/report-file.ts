// A unit's report file (述职材料) as the organisers have it: a Word .docx, rendered to HTML
// for the tablets with mammoth, or a PDF kept as it is. The original is stored whole so it
// can be downloaded. Hostile files (not what they claim, zip bombs, script in the document)
// are refused or defused here, before anything is stored. The cheap checks run here; the
// conversion itself runs in a worker thread (report-conversion.ts).
import { fail, ok, type Result } from "../domain/result";
import { describeBytes } from "../roster-import/import-limits";
import { MAX_ATTACHMENT_BYTES } from "../setup/setup-schemas";
import type { ConvertDocx } from "./report-conversion";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const PDF_TYPE = "application/pdf";

export interface ReportFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  /** Sanitised HTML of a .docx, as UTF-8; null for a PDF. */
  html: Uint8Array | null;
}

const NOT_SUPPORTED = "只支持 Word (.docx) 或 PDF 格式的述职材料";

/** The name as the organiser's computer had it, without any path, control characters or excess length. */
export function cleanFileName(raw: string, fallbackExtension: string): string {
  const base = raw.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "").trim().slice(-120);
  return clean === "" || clean.startsWith(".") ? `述职材料.${fallbackExtension}` : clean;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Reads an uploaded report file; never throws. */
export async function readReportFile(fileName: string, bytes: Uint8Array, convertDocx: ConvertDocx): Promise<Result<ReportFile>> {
  if (bytes.byteLength === 0) return fail("invalid", "文件是空的");
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) {
    return fail("invalid", `文件过大（${describeBytes(bytes.byteLength)}），述职材料不能超过 ${describeBytes(MAX_ATTACHMENT_BYTES)}`);
  }
  // Content decides, not the name: a PDF renamed to .docx is still a PDF.
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return ok({ fileName: cleanFileName(fileName, "pdf"), contentType: PDF_TYPE, bytes, html: null });
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return fail("invalid", "暂不支持旧版 Word (.doc) 文件：请在 Word 或 WPS 中“另存为” .docx 或 PDF 后再上传");
  }
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return fail("invalid", NOT_SUPPORTED);
  const html = await convertDocx(bytes);
  if (!html.ok) return html;
  return ok({ fileName: cleanFileName(fileName, "docx"), contentType: DOCX_TYPE, bytes, html: html.data });
}
