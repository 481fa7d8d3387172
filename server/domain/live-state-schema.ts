// Shape check for the live state read back from the database.
import * as z from "zod";
import type { LiveState } from "./meeting-types";

const stage = z.enum(["ready", "reporting", "review"]);

const cursorSchema = z.discriminatedUnion("item", [
  z.object({ item: z.literal("pending") }),
  z.object({ item: z.literal("reports"), speakerId: z.string(), stage }),
  z.object({ item: z.literal("evaluation") }),
  z.object({ item: z.literal("closing"), point: z.number().int().min(0) }),
  z.object({ item: z.literal("closed") }),
]);

export const liveStateSchema = z.object({
  cursor: cursorSchema,
  timer: z.object({
    status: z.enum(["idle", "running", "paused"]),
    limitMs: z.number(),
    startedAt: z.number().nullable(),
    accumulatedMs: z.number(),
  }),
  records: z.record(
    z.string(),
    z.object({ status: z.enum(["done", "skipped"]), spokenMs: z.number(), overtimeMs: z.number() }),
  ),
  voting: z
    .object({ status: z.enum(["idle", "open", "closed"]), published: z.boolean() })
    .default({ status: "idle", published: false }),
  rehearsal: z
    .object({ speed: z.union([z.literal(1), z.literal(10)]), startedAt: z.number(), epoch: z.string().min(1) })
    .optional(),
}) satisfies z.ZodType<LiveState>;
