// Limits on what the roster importer accepts. A real roster has a few dozen units; these
// are far above that and exist only so a wrong or hostile upload is refused cheaply.

/** Upload size, checked before anything is decoded or unzipped. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Total uncompressed size an .xlsx may declare (and actually inflate to). */
export const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

/** An .xlsx written by Excel or WPS holds a few dozen parts. */
export const MAX_ZIP_ENTRIES = 2000;

/** Rows in one worksheet (or records in a text file), blank ones included. */
export const MAX_SHEET_ROWS = 5000;

/** Non-blank rows below the header. */
export const MAX_DATA_ROWS = 2000;

/** Per-speaker time limit accepted from the roster. */
export const MAX_LIMIT_MS = 60 * 60_000;

export const MAX_UNIT_CHARS = 100;
export const MAX_NAME_CHARS = 50;
export const MAX_TITLE_CHARS = 50;
/** A 述职报告 runs to a few thousand characters; this leaves room for a long one. */
export const MAX_REPORT_CHARS = 100_000;

/** "7.2 MB", "5 MB", "1.5 GB": sizes as an organiser reads them in an error message. */
export function describeBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, "")} ${units[unit]}`;
}
