// A zod failure as the Result every caller returns: the first problem, with where it is.
import type { z } from "zod";
import { fail, type Result } from "./result";

export function invalidInput<T>(error: z.ZodError): Result<T> {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return fail("invalid", `输入无效：${where}${issue?.message ?? "格式错误"}`);
}
