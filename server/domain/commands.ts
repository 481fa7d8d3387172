// The chair's commands, validated with zod. Shared by the socket handlers, the HTTP API
// and the chair console in the browser.
import * as z from "zod";

const id = z.string().min(1).max(64);
const ONE_HOUR_MS = 3_600_000;

export const commandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("agenda.next") }),
  z.object({ type: z.literal("agenda.previous") }),
  z.object({ type: z.literal("agenda.goto"), item: z.enum(["reports", "evaluation", "closing"]) }),
  z.object({ type: z.literal("speaker.open"), speakerId: id }),
  z.object({ type: z.literal("speaker.skip"), speakerId: id }),
  z.object({ type: z.literal("speaker.moveLater"), speakerId: id }),
  z.object({ type: z.literal("timer.start") }),
  z.object({ type: z.literal("timer.pause") }),
  z.object({ type: z.literal("timer.reset") }),
  z.object({ type: z.literal("timer.end") }),
  z.object({ type: z.literal("voting.open") }),
  z.object({ type: z.literal("voting.close") }),
  z.object({ type: z.literal("results.publish") }),
  z.object({ type: z.literal("results.hide") }),
  z.object({
    type: z.literal("timer.adjust"),
    deltaMs: z.number().int().min(-ONE_HOUR_MS).max(ONE_HOUR_MS).refine((n) => n !== 0, "deltaMs 不能为 0"),
  }),
]);

export type MeetingCommand = z.infer<typeof commandSchema>;
export type MeetingCommandType = MeetingCommand["type"];
