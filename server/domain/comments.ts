// 点评 entries: validation shared by the chair's pad and the server.
import * as z from "zod";

export const COMMENT_TAGS = ["highlight", "problem", "suggestion"] as const;
export type CommentTag = (typeof COMMENT_TAGS)[number];

export const COMMENT_TAG_LABELS: Record<CommentTag, string> = {
  highlight: "亮点",
  problem: "问题",
  suggestion: "建议（整改要求）",
};

export const COMMENT_MAX_CHARS = 5000;

export const commentSaveSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "id 应为 8–64 位字母、数字、- 或 _"),
  speakerId: z.string().min(1).max(64),
  tag: z.enum(COMMENT_TAGS),
  text: z.string().max(COMMENT_MAX_CHARS, `点评不能超过 ${COMMENT_MAX_CHARS} 字`),
});

export const commentDeleteSchema = z.object({ id: commentSaveSchema.shape.id });

export type CommentSave = z.infer<typeof commentSaveSchema>;

export interface CommentView extends CommentSave {
  createdAt: string;
  updatedAt: string;
}
