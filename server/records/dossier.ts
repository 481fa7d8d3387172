// Everything the after-meeting documents are made from, as plain data: the meeting's texts,
// every unit (also those taken off the agenda, with their 点评), the frozen tally as counters,
// the paper rounds' counts, the 整改 follow-up, and last year's items. Pure types and small
// derivations; dossier-data.ts reads it, the *-document modules print it.
import type { CommentTag } from "../domain/comments";
import type { LiveState, SpeakerMode, SpeakerRecord } from "../domain/meeting-types";
import type { MeetingInfo } from "../domain/snapshot";
import type { Tally } from "../domain/tally";

export const RECTIFICATION_STATUSES = ["not_started", "in_progress", "done", "closed"] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS_LABELS: Record<RectificationStatus, string> = {
  not_started: "未启动",
  in_progress: "整改中",
  done: "已完成",
  closed: "已销号",
};
/** Still to be worked on: shown beside the unit next year. */
export function isOpenStatus(status: RectificationStatus): boolean {
  return status === "not_started" || status === "in_progress";
}

export interface ProgressNote {
  id: string;
  date: string;
  text: string;
}

export interface Rectification {
  measures: string;
  owner: string;
  dueDate: string;
  status: RectificationStatus;
  notes: ProgressNote[];
}

export const EMPTY_RECTIFICATION: Rectification = { measures: "", owner: "", dueDate: "", status: "not_started", notes: [] };

export interface DossierComment {
  id: string;
  tag: CommentTag;
  text: string;
  createdAt: string;
  /** Follow-up of a 问题 / 建议 (a 亮点 has none). */
  rectification: Rectification | null;
}

export interface DossierSpeaker {
  id: string;
  unit: string;
  name: string;
  title: string;
  mode: SpeakerMode;
  evaluated: boolean;
  /** Taken off the agenda: kept here with its 点评 for the 整改清单. */
  removed: boolean;
  reportText: string;
  record: SpeakerRecord | null;
  comments: DossierComment[];
}

export interface PaperRoundCount {
  number: number;
  issued: number;
  returned: number;
  void: boolean;
  /** Ballots both tellers agreed on, valid and 废票 (counts only). */
  valid: number;
  invalid: number;
}

/** A 整改事项 from the meeting this one was copied from, shown beside the same unit. */
export interface CarriedItem {
  unit: string;
  name: string;
  tag: CommentTag;
  text: string;
  status: RectificationStatus;
  measures: string;
  dueDate: string;
  lastNote: string;
}

/** One line of the paper count's record (会议纪实 entries `paper.*`): who, when, what — never a mark. */
export interface PaperLogLine {
  /** ISO 8601, the record entry's time. */
  at: string;
  /** The entry's Chinese label (RECORD_EVENT_LABELS). */
  label: string;
  /** 甲 / 乙 / 主持人 */
  role: string;
  detail: string;
}

export interface Dossier {
  meeting: MeetingInfo;
  live: LiveState;
  speakers: DossierSpeaker[];
  tally: Tally | null;
  paperRounds: PaperRoundCount[];
  /** The paper count's disputes, resolutions and voids from the 会议纪实, oldest first. */
  paperLog?: PaperLogLine[];
  /** The meeting this one was copied from, and its items. */
  carried: { title: string; items: CarriedItem[] } | null;
}

export interface BallotCounts {
  /** 应到 */
  expected: number;
  /** 实到: ballots returned (electronic + paper, void rounds not counted). */
  present: number;
  /** 有效票 */
  valid: number;
  /** 废票 */
  invalid: number;
  electronic: number;
  paper: number;
}

export function ballotCounts(dossier: Dossier): BallotCounts {
  const electronic = dossier.tally?.ballots.electronic ?? 0;
  const counted = dossier.paperRounds.filter((r) => !r.void);
  const paperReturned = counted.reduce((n, r) => n + r.returned, 0);
  const invalid = counted.reduce((n, r) => n + r.invalid, 0);
  return {
    expected: dossier.meeting.expectedVoters,
    present: electronic + paperReturned,
    valid: dossier.tally?.validBallots ?? 0,
    invalid,
    electronic,
    paper: dossier.tally?.ballots.paper ?? 0,
  };
}

/** The 问题 and 建议 of every unit in agenda order: the rows of the 整改清单. */
export function rectificationRows(dossier: Dossier): Array<{ speaker: DossierSpeaker; comment: DossierComment; rectification: Rectification }> {
  return dossier.speakers.flatMap((speaker) =>
    speaker.comments
      .filter((c) => c.tag !== "highlight" && c.text.trim() !== "")
      .map((comment) => ({ speaker, comment, rectification: comment.rectification ?? EMPTY_RECTIFICATION })),
  );
}

export function carriedFor(dossier: Dossier, unit: string): CarriedItem[] {
  return dossier.carried?.items.filter((i) => i.unit === unit) ?? [];
}

/** "6:00" / "+0:11" */
export function formatDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

/** `2023年度…述职评议会-会议纪要.docx`: the meeting's title and what the file is, safe as a file name. */
export function exportFileName(title: string, what: string, extension: string): string {
  const safe = title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "").trim() || "述职评议会";
  return `${safe}-${what}.${extension}`;
}

/** A record time as the 纪要 prints it: HH:MM:SS on this computer's clock. */
export function formatClockTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}
