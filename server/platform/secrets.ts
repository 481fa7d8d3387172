import { createHmac, timingSafeEqual } from "node:crypto";

/** Compares a presented token with the expected one in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Shorter chair tokens are refused at start: the chair token opens every meeting, and a
 * short one could be guessed even at the rate the guessing limits allow.
 */
export const MIN_CHAIR_TOKEN_LENGTH = 16;

/** Why `token` cannot be the chair token, in words for whoever starts the server; null when it can. */
export function chairTokenProblem(token: string): string | null {
  if (token.length >= MIN_CHAIR_TOKEN_LENGTH) return null;
  return `CHAIR_TOKEN 太短（${token.length} 个字符）：至少需要 ${MIN_CHAIR_TOKEN_LENGTH} 个字符，建议用随机生成的口令（例如 openssl rand -base64 18）。不设置 CHAIR_TOKEN 时会自动生成一个。`;
}

/**
 * The token of teller 甲 ("A") or 乙 ("B") of one meeting: HMAC-SHA256 of the side under the
 * meeting's teller token (so no extra column, and one side's link never reveals the other's).
 * Which side a teller page keys is a property of the link it was opened with, not of the page.
 */
export function tellerSideToken(tellerToken: string, side: "A" | "B"): string {
  return createHmac("sha256", tellerToken).update(`debrief-teller:${side}`).digest("base64url").slice(0, 24);
}
