// The six-digit 会议码 attendees type on a tablet. Pure, so the join page (server) and
// the tablet (browser) agree on what counts as a code.

const CODE_PATTERN = /^\d{6}$/;

/** Full-width digits (０-９) become ASCII and spaces/dashes go, so "１２３ ４５６" → "123456". */
export function normalizeMeetingCode(input: string): string {
  return input
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-－]/g, "");
}

export function isMeetingCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}
