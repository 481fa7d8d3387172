// Text as the .docx and .xlsx parts can carry it. XML 1.0 has no way to write a C0 control
// character (but tab, line feed and carriage return), a lone surrogate, U+FFFE or U+FFFF: a part
// holding one is not XML, and Word and Excel refuse the whole file. docx and exceljs drop the
// control characters themselves but write U+FFFE and U+FFFF as they are, so a 点评 pasted with one
// (a byte-swapped byte-order mark, from a mis-decoded file) made every document of the meeting
// unopenable. Everything the documents print goes through here.
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

export function xmlText(text: string): string {
  return text.replace(NOT_XML, "");
}
