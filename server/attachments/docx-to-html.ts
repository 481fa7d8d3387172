// The CPU-heavy half of reading a report: a .docx unzipped under guard, converted by mammoth
// and rebuilt by the sanitiser. It runs in a worker thread (convert-worker.ts), never on the
// server's event loop: a long document takes seconds, and the hall's countdown, the chair's
// keys and the ballots must not wait for it.
import mammoth from "mammoth";
import { fail, ok, type Result } from "../domain/result";
import { inflateZipEntry, readZipDirectory } from "../roster-import/zip-inspect";
import { sanitiseHtml } from "./sanitise-html";

/** One picture in a report may be a photo; a scanned 50 MB one is left out of the tablet view. */
const MAX_IMAGE_BYTES = 3 * 1024 * 1024;
const MAX_HTML_CHARS = 30 * 1024 * 1024;
const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/bmp"]);

export const NOT_DOCX = "无法读取该文件：不是有效的 Word (.docx) 文件";

/** What the worker posts back: the sanitised HTML as UTF-8 (its buffer transferred, not copied), or why there is none. */
export type ConversionResult = Result<Uint8Array>;

/** Sanitised HTML of a .docx, or a message for the organiser; never throws. */
export async function convertDocx(bytes: Uint8Array): Promise<Result<string>> {
  try {
    return await convert(bytes);
  } catch {
    return fail("invalid", NOT_DOCX);
  }
}

async function convert(bytes: Uint8Array): Promise<Result<string>> {
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
  const converted = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
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
  return ok(html);
}
