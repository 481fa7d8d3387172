// Inbound payloads of the 整改 follow-up, shared by the routes and the organisers' page.
import * as z from "zod";
import { RECTIFICATION_STATUSES } from "./dossier";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD");

export const rectificationPatchSchema = z
  .object({
    measures: z.string().max(5000, "整改措施不能超过 5000 字"),
    owner: z.string().max(200, "责任人不能超过 200 字"),
    dueDate: z.union([date, z.literal("")]),
    status: z.enum(RECTIFICATION_STATUSES, { error: "状态应为 未启动 / 整改中 / 已完成 / 已销号" }),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, "没有要修改的内容");

export const progressNoteSchema = z.object({ date, text: z.string().trim().min(1, "进展不能为空").max(5000, "进展不能超过 5000 字") }).strict();

export type RectificationPatch = z.infer<typeof rectificationPatchSchema>;
