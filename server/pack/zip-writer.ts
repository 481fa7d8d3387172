// The Windows pack's .zip, written as a stream (fflate): each file is read in chunks,
// deflated and written out before the next is opened, so neither the ≈ 200 MB of files nor
// the archive is ever held in memory whole. Windows' own unzippers (Explorer, PowerShell's
// Expand-Archive) read it; names are UTF-8 and flagged so (fflate sets the flag on any
// non-ASCII name), and entries carry Unix permissions, which Windows ignores and unzip on
// Linux, macOS or WSL keeps (the runtime and the launcher stay runnable there).
import { once } from "node:events";
import { createReadStream, createWriteStream, rmSync, statSync } from "node:fs";
import { finished } from "node:stream/promises";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

export interface ZipEntry {
  /** The name in the archive, with "/" between folders. */
  name: string;
  /** The file on disk. */
  file: string;
  executable: boolean;
}

/** fflate writes no ZIP64: at most 65 535 entries and 4 GiB per file. */
const MAX_ENTRIES = 0xffff;
const MAX_FILE_BYTES = 0xffffffff;
/** Already compressed: stored as they are. */
const STORED = /\.(png|jpe?g|gif|webp|woff2?|gz|br|zip)$/i;
/** The earliest time a zip entry can carry (MS-DOS dates start in 1980). */
const EARLIEST_MTIME = new Date(1980, 0, 2).getTime();
const UNIX = 3;
const REGULAR_FILE = 0o100000;

/** Writes `entries` to `archive`; on any failure nothing is left at `archive`, and the error is thrown. */
export async function writeZip(archive: string, entries: ZipEntry[]): Promise<void> {
  if (entries.length > MAX_ENTRIES) throw new Error(`The zip would hold ${entries.length} files; a zip without ZIP64 holds at most ${MAX_ENTRIES}.`);
  const out = createWriteStream(archive);
  let failure: Error | null = null;
  out.on("error", (error) => (failure ??= error));
  const zip = new Zip((error, chunk, final) => {
    if (error) failure ??= error;
    else {
      out.write(chunk);
      if (final) out.end();
    }
  });
  try {
    for (const entry of entries) {
      const stat = statSync(entry.file);
      if (stat.size > MAX_FILE_BYTES) throw new Error(`${entry.name} is over 4 GiB, more than a zip without ZIP64 holds.`);
      const file = STORED.test(entry.name) ? new ZipPassThrough(entry.name) : new ZipDeflate(entry.name, { level: 6 });
      file.mtime = Math.max(stat.mtimeMs, EARLIEST_MTIME);
      file.os = UNIX;
      file.attrs = (REGULAR_FILE | (entry.executable ? 0o755 : 0o644)) * 0x10000;
      zip.add(file);
      for await (const chunk of createReadStream(entry.file)) {
        file.push(chunk as Buffer);
        if (failure) throw failure;
        if (out.writableNeedDrain) await once(out, "drain");
      }
      file.push(new Uint8Array(0), true);
      if (failure) throw failure;
    }
    zip.end();
    await finished(out);
    if (failure) throw failure;
  } catch (error) {
    zip.terminate();
    out.destroy();
    rmSync(archive, { force: true });
    throw error;
  }
}
