// Expected outcomes are values: every domain call and every ack returns one of these.

export type ErrorCode = "invalid" | "illegal" | "not_found" | "unauthorized" | "conflict" | "rate_limited" | "internal";

export interface DomainError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: DomainError };

export function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

export function fail<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
