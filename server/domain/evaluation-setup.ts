// 民主测评 setup: rating levels and voter categories. Shared by the setup form and the server.
import * as z from "zod";
import type { RankingRule, RatingLevel, VoterCategory } from "./tally";

const levelId = z.string().regex(/^[a-z0-9_-]{1,32}$/i, "档次编号只能是字母、数字、- 或 _");

export const ratingLevelsSchema = z
  .array(z.object({ id: levelId, label: z.string().trim().min(1, "档次名称不能为空").max(10), weight: z.number().min(0).max(1000) }))
  .min(2, "至少需要两个档次")
  .max(9, "最多九个档次（录入时按 1–9 键）")
  .refine((levels) => new Set(levels.map((l) => l.id)).size === levels.length, "档次编号重复") satisfies z.ZodType<RatingLevel[]>;

export const voterCategoriesSchema = z
  .array(z.object({ id: levelId, label: z.string().trim().min(1, "类别名称不能为空").max(30), weight: z.number().min(0).max(100) }))
  .max(10)
  .refine((categories) => new Set(categories.map((c) => c.id)).size === categories.length, "类别编号重复") satisfies z.ZodType<VoterCategory[]>;

export const rankingRuleSchema = z
  .object({
    abstainCounts: z.boolean({ error: "请选择弃权是否计入分母" }),
    rankBy: z.enum(["score", "goodRate"], { error: "请选择按测评得分或按好评率排名" }),
  })
  .strict() satisfies z.ZodType<RankingRule>;

export const DEFAULT_RATING_LEVELS: RatingLevel[] = [
  { id: "good", label: "好", weight: 100 },
  { id: "fair", label: "较好", weight: 80 },
  { id: "average", label: "一般", weight: 60 },
  { id: "poor", label: "差", weight: 0 },
];

/** Parses a stored JSON column; the fallback when it is missing or damaged. */
export function parseStoredJson<T>(json: string | null, schema: z.ZodType<T>, fallback: T): T {
  if (json === null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}
