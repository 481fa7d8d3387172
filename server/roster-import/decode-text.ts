// Turns the bytes of a .csv/.txt file into text. Excel and WPS in China save CSV in the
// system code page (GBK), newer ones in UTF-8 with a BOM, and Excel's "Unicode 文本" is
// UTF-16 with a BOM; the organiser never knows which, so it is detected here.

import iconv from "iconv-lite";
import { fail, ok, type Result } from "../domain/result";

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * BOM first; then strict UTF-8, which GBK text practically never passes; else GB18030,
 * the superset of GBK. GB18030 decodes almost any bytes, so binaries are caught afterwards
 * by their control characters.
 */
export function decodeText(bytes: Uint8Array): Result<DecodedText> {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return checked(new TextDecoder("utf-8").decode(bytes.subarray(3)), "utf-8");
  }
  if (startsWith(bytes, [0xff, 0xfe])) return checked(new TextDecoder("utf-16le").decode(bytes.subarray(2)), "utf-16le");
  if (startsWith(bytes, [0xfe, 0xff])) return checked(new TextDecoder("utf-16be").decode(bytes.subarray(2)), "utf-16be");
  try {
    return checked(new TextDecoder("utf-8", { fatal: true }).decode(bytes), "utf-8");
  } catch {
    return checked(iconv.decode(bytes, "gb18030"), "gb18030");
  }
}

const NOT_TEXT_MESSAGE = "无法读取该文件：不是文本格式的表格（请上传 .xlsx 或 .csv 文件）";
/** Control characters other than tab and line breaks, and U+FFFD from undecodable bytes. */
const BINARY_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/g;
/** A real table has none; a few stray ones (a pasted form feed) are not worth refusing the file. */
const MAX_BINARY_SHARE = 0.01;

function checked(text: string, encoding: TextEncoding): Result<DecodedText> {
  const binary = text.match(BINARY_CHARS)?.length ?? 0;
  if (text.includes("\u0000") || binary > text.length * MAX_BINARY_SHARE) return fail("invalid", NOT_TEXT_MESSAGE);
  return ok({ text, encoding });
}
