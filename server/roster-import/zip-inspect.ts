// Reads a ZIP archive's central directory and inflates its entries under a hard size cap,
// so an .xlsx can be checked before exceljs (which inflates everything into memory) sees it.
// Only what an .xlsx needs is supported: no ZIP64, no encryption, stored or deflated entries.

import { inflateRawSync } from "node:zlib";
import { fail, ok, type Result } from "../domain/result";
import { describeBytes, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES } from "./import-limits";

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  /** As declared by the central directory; inflation is capped at this size. */
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT_SIZE = 0xffff;
/** ZIP64 marks a field as "see the ZIP64 record" with all bits set. */
const ZIP64_U16 = 0xffff;
const ZIP64_U32 = 0xffffffff;

const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;

export const NOT_XLSX_MESSAGE = "无法读取该文件：不是有效的 Excel (.xlsx) 文件";

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Offset of the end-of-central-directory record, or null when there is none. */
function findEndOfCentralDirectory(bytes: Uint8Array): number | null {
  if (bytes.byteLength < EOCD_SIZE) return null;
  const data = view(bytes);
  const lowest = Math.max(0, bytes.byteLength - EOCD_SIZE - MAX_COMMENT_SIZE);
  for (let offset = bytes.byteLength - EOCD_SIZE; offset >= lowest; offset -= 1) {
    if (data.getUint32(offset, true) !== EOCD_SIGNATURE) continue;
    const commentLength = data.getUint16(offset + 20, true);
    if (offset + EOCD_SIZE + commentLength <= bytes.byteLength) return offset;
  }
  return null;
}

function tooLarge(declaredBytes: number | null): Result<never> {
  const declared = declaredBytes === null ? "声明超过 4 GB" : `声明 ${describeBytes(declaredBytes)}`;
  return fail(
    "invalid",
    `文件解压后过大（${declared}，上限 ${describeBytes(MAX_UNZIPPED_BYTES)}），可能是异常或恶意文件，已拒绝导入`,
  );
}

/**
 * Lists the archive's entries from its central directory and refuses it when the declared
 * uncompressed total is over MAX_UNZIPPED_BYTES. Nothing is inflated here.
 */
export function readZipDirectory(bytes: Uint8Array): Result<ZipEntry[]> {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd === null) return fail("invalid", NOT_XLSX_MESSAGE);
  const data = view(bytes);
  const entryCount = data.getUint16(eocd + 10, true);
  const directorySize = data.getUint32(eocd + 12, true);
  const directoryOffset = data.getUint32(eocd + 16, true);

  // ZIP64 is only needed past 4 GB or 65535 entries, which no roster comes near.
  if (entryCount === ZIP64_U16 || directorySize === ZIP64_U32 || directoryOffset === ZIP64_U32) {
    return tooLarge(null);
  }
  if (entryCount > MAX_ZIP_ENTRIES) {
    return fail("invalid", `文件内部条目过多（${entryCount} 个），可能是异常或恶意文件，已拒绝导入`);
  }
  if (directoryOffset + directorySize > eocd) return fail("invalid", NOT_XLSX_MESSAGE);

  const entries: ZipEntry[] = [];
  const nameDecoder = new TextDecoder("utf-8");
  let totalDeclared = 0;
  let offset = directoryOffset;
  for (let index = 0; index < entryCount; index += 1) {
    if (offset + CENTRAL_HEADER_SIZE > eocd || data.getUint32(offset, true) !== CENTRAL_SIGNATURE) {
      return fail("invalid", NOT_XLSX_MESSAGE);
    }
    const method = data.getUint16(offset + 10, true);
    const compressedSize = data.getUint32(offset + 20, true);
    const uncompressedSize = data.getUint32(offset + 24, true);
    const nameLength = data.getUint16(offset + 28, true);
    const extraLength = data.getUint16(offset + 30, true);
    const commentLength = data.getUint16(offset + 32, true);
    const localHeaderOffset = data.getUint32(offset + 42, true);
    if (compressedSize === ZIP64_U32 || uncompressedSize === ZIP64_U32 || localHeaderOffset === ZIP64_U32) {
      return tooLarge(null);
    }
    const nameStart = offset + CENTRAL_HEADER_SIZE;
    if (nameStart + nameLength > eocd) return fail("invalid", NOT_XLSX_MESSAGE);
    const name = nameDecoder.decode(bytes.subarray(nameStart, nameStart + nameLength));

    totalDeclared += uncompressedSize;
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    offset = nameStart + nameLength + extraLength + commentLength;
  }
  if (totalDeclared > MAX_UNZIPPED_BYTES) return tooLarge(totalDeclared);
  return ok(entries);
}

/**
 * Inflates one entry, refusing it the moment its output would pass the size the central
 * directory declared — a crafted archive can lie there, and this is what makes the lie harmless.
 */
export function inflateZipEntry(bytes: Uint8Array, entry: ZipEntry): Result<Buffer> {
  const data = view(bytes);
  const local = entry.localHeaderOffset;
  if (local + LOCAL_HEADER_SIZE > bytes.byteLength || data.getUint32(local, true) !== LOCAL_SIGNATURE) {
    return fail("invalid", NOT_XLSX_MESSAGE);
  }
  const start = local + LOCAL_HEADER_SIZE + data.getUint16(local + 26, true) + data.getUint16(local + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.byteLength) return fail("invalid", NOT_XLSX_MESSAGE);
  const compressed = bytes.subarray(start, end);

  if (entry.method === METHOD_STORED) {
    if (entry.compressedSize !== entry.uncompressedSize) return fail("invalid", NOT_XLSX_MESSAGE);
    return ok(Buffer.from(compressed));
  }
  if (entry.method !== METHOD_DEFLATED) return fail("invalid", NOT_XLSX_MESSAGE);

  let inflated: Buffer;
  try {
    // maxOutputLength must be at least 1; an empty entry that inflates to 1 byte fails the check below.
    inflated = inflateRawSync(compressed, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (error) {
    if (error instanceof RangeError) {
      return fail("invalid", "文件解压后的大小与其声明不符，可能是异常或恶意文件，已拒绝导入");
    }
    return fail("invalid", NOT_XLSX_MESSAGE);
  }
  if (inflated.byteLength !== entry.uncompressedSize) {
    return fail("invalid", "文件解压后的大小与其声明不符，可能是异常或恶意文件，已拒绝导入");
  }
  return ok(inflated);
}
