// How the hall names things, in the script's own words. Shared by the projector and the
// attendee tablets so both screens read the same ("第一项议程", "张XX同志", "（一）").
import type { AgendaItemKey } from "@/server/domain/meeting-types";
import { AGENDA_NUMBERS } from "@/server/domain/snapshot";

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五; numbers outside 1..99 stay Arabic. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  if (tens === 0) return DIGITS[ones] ?? String(n);
  const tensText = tens === 1 ? "十" : `${DIGITS[tens]}十`;
  return ones === 0 ? tensText : `${tensText}${DIGITS[ones]}`;
}

/** "第一项议程". */
export function agendaItemLabel(key: AgendaItemKey): string {
  return `第${AGENDA_NUMBERS[key]}项议程`;
}

/** "（一）政治责任不断压实" for the point at zero-based `index`. */
export function closingPointLabel(index: number, title: string): string {
  return `（${chineseNumeral(index + 1)}）${title}`;
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
