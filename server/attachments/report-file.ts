// A unit's report file (述职材料) as the organisers have it: a Word .docx, rendered to HTML
// for the tablets with mammoth, or a PDF kept as it is. The original is stored whole so it
// can be downloaded. Hostile files (not what they claim, zip bombs, script in the document)
// are refused or defused here, before anything is stored.
import { fail, ok, type Result } from "../domain/result";
import { describeBytes } from "../roster-import/import-limits";
import { inflateZipEntry, readZipDirectory } from "../roster-import/zip-inspect";
import { MAX_ATTACHMENT_BYTES } from "../setup/setup-schemas";
import { sanitiseHtml } from "./sanitise-html";

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
export const PDF_TYPE = "application/pdf";

/** One picture in a report may be a photo; a scanned 50 MB one is left out of the tablet view. */
const MAX_IMAGE_BYTES = 3 * 1024 * 1024;
const MAX_HTML_CHARS = 30 * 1024 * 1024;
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"]);

export interface ReportFile {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  /** Sanitised HTML of a .docx; null for a PDF. */
  html: string | null;
}

const NOT_SUPPORTED = "只支持 Word (.docx) 或 PDF 格式的述职材料";
const NOT_DOCX = "无法读取该文件：不是有效的 Word (.docx) 文件";

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
export async function readReportFile(fileName: string, bytes: Uint8Array): Promise<Result<ReportFile>> {
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
  try {
    return await readDocx(fileName, bytes);
  } catch {
    return fail("invalid", NOT_DOCX);
  }
}

async function readDocx(fileName: string, bytes: Uint8Array): Promise<Result<ReportFile>> {
  const entries = readZipDirectory(bytes);
  if (!entries.ok) return fail("invalid", entries.error.message.replace("Excel (.xlsx)", "Word (.docx)").replace("导入", "上传"));
  if (!entries.data.some((entry) => entry.name === "word/document.xml")) {
    const isWorkbook = entries.data.some((entry) => entry.name.startsWith("xl/"));
    return fail("invalid", isWorkbook ? "这是 Excel 文件，不是 Word 文档：述职材料请上传 .docx 或 PDF" : NOT_DOCX);
  }
  // Inflate every part under the size it declares before mammoth (JSZip) sees the archive:
  // a part that lies about its size is a zip bomb, refused here.
  for (const entry of entries.data) {
    if (entry.name.endsWith("/")) continue;
    const inflated = inflateZipEntry(bytes, entry);
    if (!inflated.ok) return fail("invalid", inflated.error.message.replace("导入", "上传").replace("Excel (.xlsx)", "Word (.docx)"));
  }
  // Loaded on first use, not at every start.
  const { default: mammoth } = await import("mammoth");
  const converted = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    {
      externalFileAccess: false,
      ignoreEmptyParagraphs: true,
      convertImage: mammoth.images.imgElement(async (image) => {
        if (!IMAGE_TYPES.has(image.contentType)) return { src: "" };
        const data = await image.readAsBuffer();
        if (data.byteLength > MAX_IMAGE_BYTES) return { src: "" };
        return { src: `data:${image.contentType};base64,${data.toString("base64")}` };
      }),
    },
  );
  const html = sanitiseHtml(converted.value);
  if (html.length > MAX_HTML_CHARS) return fail("invalid", "文档内容过大（图片过多），请压缩图片或另存为 PDF 后再上传");
  return ok({ fileName: cleanFileName(fileName, "docx"), contentType: DOCX_TYPE, bytes, html });
}
