// How the hall names things, in the script's own words. Shared by the chair console, the
// projector and the attendee tablets so every screen reads the same ("第一项议程",
// "张XX同志", "1. 政治责任不断压实", "+0:11").
import type { AgendaItemKey } from "@/server/domain/meeting-types";
import { AGENDA_NUMBERS, closingPointNumber, type ClosingPoint, type ClosingSection } from "@/server/domain/snapshot";
import { formatDuration } from "@/server/domain/timer";

/** "第一项议程". */
export function agendaItemLabel(key: AgendaItemKey): string {
  return `第${AGENDA_NUMBERS[key]}项议程`;
}

/** The two parts of the chair's speech, as the seed orders them. */
export const CLOSING_SECTION_LABEL: Record<ClosingSection, string> = { achievements: "成绩", requirements: "要求" };

/** "1. 政治责任不断压实": the seed numbers each part of the speech 1., 2., 3. … */
export function closingPointLabel(points: ClosingPoint[], index: number): string {
  return `${closingPointNumber(points, index)}. ${points[index]?.title ?? ""}`;
}

/** Overtime always reads "+0:11", wherever it is shown. */
export function overtimeLabel(overtimeMs: number): string {
  return `+${formatDuration(overtimeMs)}`;
}

/** One place in the agenda per unit: its position in the speaking order, 1-based, on every screen. */
export function agendaNumbers(roster: Array<{ id: string }>): Map<string, number> {
  return new Map(roster.map((entry, index) => [entry.id, index + 1]));
}

/** Names are stored as "张XX"; the hall says "张XX同志". Idempotent for names that already end in it. */
export function comradeName(name: string): string {
  return name.endsWith("同志") ? name : `${name}同志`;
}

/** "2024-01-18" → "2024年1月18日"; anything else is shown as typed. */
export function formatMeetingDate(date: string): string {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(date.trim());
  if (!match) return date;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** "城东街道党工委 书记 张XX同志". */
export function speakerLabel(speaker: { unit: string; title: string; name: string }): string {
  return [speaker.unit, speaker.title, comradeName(speaker.name)].filter((part) => part.trim() !== "").join(" ");
}
