// Meeting preparation (会前准备): the shape of every inbound payload of the setup API, and
// the views it answers with. No Prisma or Node imports: the setup forms in the browser use
// the same schemas to check what the organiser typed before it is sent.
import * as z from "zod";
import { rankingRuleSchema, ratingLevelsSchema, voterCategoriesSchema } from "../domain/evaluation-setup";
import type { MeetingSnapshot } from "../domain/snapshot";
import { MAX_LIMIT_MS, MAX_NAME_CHARS, MAX_REPORT_CHARS, MAX_TITLE_CHARS, MAX_UNIT_CHARS } from "../roster-import/import-limits";

/** A roster or seat sheet never needs more; the limit keeps a bad request cheap. */
export const MAX_SPEAKERS = 500;
export const MAX_SEATS = 1000;
/** Largest report file (.docx / .pdf) an organiser may upload. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

const id = z.string().min(1).max(64);
const line = (label: string, max: number) => z.string().trim().max(max, `${label}不能超过 ${max} 字`);
const required = (label: string, max: number) => line(label, max).min(1, `请填写${label}`);

/** Minutes as the organiser types them ("6", "5.5") are sent as milliseconds. */
const limitMs = z
  .number({ error: "时限应为数字" })
  .int()
  .min(30_000, "时限不能少于 30 秒")
  .max(MAX_LIMIT_MS, `时限不能超过 ${MAX_LIMIT_MS / 60_000} 分钟`);

export const closingPointSchema = z.object({
  title: required("要点标题", 200),
  body: line("要点内容", 5000),
  /** 成绩 or 要求; each part is numbered from 1. */
  section: z.enum(["achievements", "requirements"], { error: "要点类别应为“成绩”或“要求”" }).optional(),
});

const agendaTextSchema = z.object({ title: required("议程标题", 100), text: line("议程说明", 5000) });

/** Every field an organiser edits on the 会议信息 page. All optional: send only what changed. */
export const meetingPatchSchema = z
  .object({
    title: required("会议名称", 200),
    date: z
      .string()
      .trim()
      .regex(/^(\d{4}-\d{2}-\d{2})?$/, "日期格式应为 2024-01-18"),
    venue: line("会议地点", 200),
    chairName: line("主持人", 100),
    guests: line("到会指导", 500),
    agenda: z.object({ reports: agendaTextSchema, evaluation: agendaTextSchema, closing: agendaTextSchema }),
    closingPoints: z.array(closingPointSchema).max(30, "讲话要点最多 30 条"),
    limitMs,
    warningMs: z.number({ error: "提醒时间应为数字" }).int().min(0).max(10 * 60_000, "提醒时间不能超过 10 分钟"),
  })
  .partial()
  .strict()
  .refine((patch) => patch.warningMs === undefined || patch.limitMs === undefined || patch.warningMs < patch.limitMs, {
    message: "提醒时间应短于述职时限",
    path: ["warningMs"],
  });
export type MeetingPatch = z.infer<typeof meetingPatchSchema>;

export const newMeetingSchema = z
  .object({
    title: required("会议名称", 200),
    date: z
      .string()
      .trim()
      .regex(/^(\d{4}-\d{2}-\d{2})?$/, "日期格式应为 2024-01-18")
      .default(""),
    venue: line("会议地点", 200).default(""),
    expectedVoters: z.number().int().min(0).max(MAX_SEATS, `应到人数不能超过 ${MAX_SEATS}`).default(0),
  })
  .strict();
export type NewMeetingInput = z.input<typeof newMeetingSchema>;

export const copyMeetingSchema = z
  .object({
    title: required("会议名称", 200),
    date: z
      .string()
      .trim()
      .regex(/^(\d{4}-\d{2}-\d{2})?$/, "日期格式应为 2024-01-18")
      .default(""),
    /** Also copy each unit's report text and uploaded file (off by default: reports are written anew each year). */
    includeReports: z.boolean().default(false),
  })
  .strict();
export type CopyMeetingInput = z.input<typeof copyMeetingSchema>;

const speakerFields = {
  unit: required("单位", MAX_UNIT_CHARS),
  name: required("姓名", MAX_NAME_CHARS),
  title: line("职务", MAX_TITLE_CHARS),
  mode: z.enum(["onsite", "written"], { error: "述职方式应为现场述职或书面述职" }),
  /** null: the meeting's own limit. */
  limitMs: limitMs.nullable(),
  reportText: z.string().max(MAX_REPORT_CHARS, `述职材料不能超过 ${MAX_REPORT_CHARS} 字`),
  evaluated: z.boolean(),
};

export const newSpeakerSchema = z
  .object({
    ...speakerFields,
    title: speakerFields.title.default("书记"),
    mode: speakerFields.mode.default("onsite"),
    limitMs: speakerFields.limitMs.default(null),
    reportText: speakerFields.reportText.default(""),
    evaluated: speakerFields.evaluated.default(true),
  })
  .strict();
export type NewSpeakerInput = z.input<typeof newSpeakerSchema>;

export const speakerPatchSchema = z.object(speakerFields).partial().strict();
export type SpeakerPatch = z.infer<typeof speakerPatchSchema>;

export const rosterOrderSchema = z
  .object({ order: z.array(id).min(1).max(MAX_SPEAKERS) })
  .strict()
  .refine((body) => new Set(body.order).size === body.order.length, { message: "顺序中有重复的单位", path: ["order"] });

export const lotDrawSchema = z.object({ scope: z.enum(["onsite", "all"]).default("onsite") }).strict();
export type LotScope = z.infer<typeof lotDrawSchema>["scope"];

export const importModeSchema = z.enum(["replace", "append"], { error: "请选择导入方式：replace（替换名单）或 append（追加）" });
export type ImportMode = z.infer<typeof importModeSchema>;

export const importTextSchema = z
  .object({ text: z.string({ error: "请粘贴名单内容：JSON 格式为 {\"text\": \"…\"}" }).min(1, "没有可导入的内容") })
  .strict();

export const evaluationSetupSchema = z
  .object({
    ratingLevels: ratingLevelsSchema,
    voterCategories: voterCategoriesSchema,
    /** Left out (an older client), the meeting keeps its rule. */
    rankingRule: rankingRuleSchema.optional(),
    expectedVoters: z.number({ error: "应到人数应为数字" }).int().min(0, "应到人数不能为负").max(MAX_SEATS, `应到人数不能超过 ${MAX_SEATS}`),
    /** speakerId → rated on the 测评票; speakers left out keep their flag. */
    evaluated: z.record(id, z.boolean()),
  })
  .strict();
export type EvaluationSetup = z.infer<typeof evaluationSetupSchema>;

export const seatCountSchema = z
  .object({
    count: z.number({ error: "座位数应为数字" }).int().min(0).max(MAX_SEATS, `座位数不能超过 ${MAX_SEATS}`),
    /** Give every seat a new code (the printed cards become void) instead of adding or removing at the end. */
    regenerate: z.boolean().default(false),
  })
  .strict();

export const seatCategoriesSchema = z
  .object({
    assignments: z.array(z.object({ code: z.string().min(1).max(32), categoryId: z.string().max(32).nullable() }).strict()).max(MAX_SEATS),
  })
  .strict();

// ---- views (server → browser) ----------------------------------------------------------

export interface LotDrawView {
  id: string;
  /** ISO time of the draw. */
  drawnAt: string;
  units: string[];
}

/** Why a kind of change is not possible now; null when it is. Shown next to the control. */
export interface SetupLocks {
  /** Adding or removing units, changing who is evaluated (voting has opened). */
  roster: string | null;
  /** Replacing the whole roster by an import. */
  replace: string | null;
  /** Drawing lots (the meeting has started). */
  lots: string | null;
  /** Changing the speaking order (the meeting has ended: the order is the record). */
  order: string | null;
  /** Rating levels, categories, 应到人数. */
  evaluation: string | null;
  /** Regenerating or removing seat codes. */
  seats: string | null;
}

export interface SetupView {
  snapshot: MeetingSnapshot;
  lotDraws: LotDrawView[];
  /** Number of 点评 per speaker id (speakers without any are absent). */
  commentCounts: Record<string, number>;
  seatCount: number;
  locks: SetupLocks;
}

export interface SetupMeetingRow {
  id: string;
  title: string;
  date: string;
  venue: string;
  attendeeCode: string;
  speakerCount: number;
  /** 未开始 / 进行中 / 已结束. */
  status: "pending" | "live" | "closed";
  createdAt: string;
}

export interface SeatCard {
  code: string;
  label: string;
  categoryId: string | null;
  /** What the card's QR code encodes: the tablet's join page with this seat. */
  url: string;
  qrSvg: string;
}

export interface AccessAddress {
  address: string;
  label: string;
}

export interface AccessView {
  attendeeCode: string;
  /** Full URLs at the chosen address. */
  joinUrl: string;
  joinQrSvg: string;
  displayUrl: string;
  /** The links of teller 甲 (A) and 乙 (B): each keys paper ballots as its own side only. */
  tellerUrls: { A: string; B: string };
  address: string;
  addresses: AccessAddress[];
  seats: SeatCard[];
  seatsUsed: number;
  locks: SetupLocks;
}

/** The agenda a new meeting starts with, in the seed's wording; the organiser edits it afterwards. */
export const DEFAULT_AGENDA = {
  reports: {
    title: "各党(工)委书记述职",
    text: "各党(工)委书记依次述职，采取“一述一评”的方式现场点评。请大家述职时注意发言时间和内容质量，时间控制在6分钟以内，主要展示亮点特色、找出问题原因，提出下步思路。",
  },
  evaluation: {
    title: "民主测评",
    text: "对各党(工)委书记抓基层党建述职情况进行民主测评。请认真填写测评票。",
  },
  closing: { title: "书记讲话", text: "对全区基层党建工作提几点要求。" },
} as const;
