// What the chair sends to start a 彩排. Apart from rehearsal.ts so the hall's screens, which
// read the rehearsal clock, do not load zod.
import * as z from "zod";

export const rehearsalStartSchema = z
  .object({
    speed: z.union([z.literal(1), z.literal(10)], { error: "speed 只能是 1 或 10（彩排速度 1× 或 10×）" }),
  })
  .strict();
