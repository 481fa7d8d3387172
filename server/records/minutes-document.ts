// 会议纪要 (.docx): pure, from the dossier. Title, time, venue, chair, guests, 应到 / 实到; the
// agenda; each unit in order with its secretary, 现场 / 书面, time spoken and overtime, its
// 点评 grouped 亮点 / 问题 / 建议 and last year's 整改事项; the 民主测评 summary with its rule;
// the chair's points.
import type { Paragraph, Table } from "docx";
import { COMMENT_TAGS, type CommentTag } from "../domain/comments";
import { AGENDA_ORDER, closingPointNumber, closingSectionOf } from "../domain/snapshot";
import { formatPercent, formatScore } from "../domain/tally";
import { A4_PORTRAIT, blank, body, chineseDate, document, heading, pageNumberFooter, right, subheading, table, title, toBuffer } from "./docx-kit";
import { ballotCounts, carriedFor, formatClockTime, formatDuration, RECTIFICATION_STATUS_LABELS, type Dossier, type DossierSpeaker } from "./dossier";
import { tallyRule } from "./tally-rule";

const CHINESE_NUMBERS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
export const TAG_HEADINGS: Record<CommentTag, string> = { highlight: "亮点", problem: "问题", suggestion: "建议" };

function chineseNumber(n: number): string {
  if (n <= 10) return CHINESE_NUMBERS[n - 1] ?? String(n);
  if (n < 20) return `十${CHINESE_NUMBERS[n - 11] ?? ""}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${CHINESE_NUMBERS[tens - 1] ?? ""}十${ones ? (CHINESE_NUMBERS[ones - 1] ?? "") : ""}`;
}

export function modeLabel(speaker: Pick<DossierSpeaker, "mode">): string {
  return speaker.mode === "written" ? "书面述职" : "现场述职";
}

/** "用时 6:11，超时 +0:11" / "不计时" (书面述职: the mode is said beside it) / "未述职". */
export function timeLabel(speaker: DossierSpeaker): string {
  if (speaker.mode === "written") return "不计时";
  if (!speaker.record) return "未述职";
  if (speaker.record.status === "skipped") return "未述职（跳过）";
  // Times are printed to the second: under half a second over is 未超时, never "+0:00".
  const over = Math.round(speaker.record.overtimeMs / 1000) > 0 ? `，超时 +${formatDuration(speaker.record.overtimeMs)}` : "，未超时";
  return `用时 ${formatDuration(speaker.record.spokenMs)}${over}`;
}

function unitParagraphs(dossier: Dossier, speaker: DossierSpeaker, number: number) {
  const who = [speaker.name, speaker.title].filter(Boolean).join("，");
  const out: Array<Paragraph | Table> = [subheading(`（${chineseNumber(number)}）${speaker.unit}${speaker.removed ? "（已调出议程）" : ""}`)];
  out.push(body(`${who}；${modeLabel(speaker)}；${timeLabel(speaker)}。`, { bold: "述职人：" }));
  for (const tag of COMMENT_TAGS) {
    const comments = speaker.comments.filter((c) => c.tag === tag && c.text.trim() !== "");
    if (!comments.length) continue;
    comments.forEach((c, i) => out.push(body(c.text.trim(), { bold: i === 0 ? `${TAG_HEADINGS[tag]}：` : `${TAG_HEADINGS[tag]}${i + 1}：` })));
  }
  if (!speaker.comments.some((c) => c.text.trim() !== "")) out.push(body("（无点评记录）"));
  const carried = carriedFor(dossier, speaker.unit);
  carried.forEach((item, i) =>
    out.push(body(`${item.text}（${RECTIFICATION_STATUS_LABELS[item.status]}）`, { bold: i === 0 ? "上年度整改事项：" : `上年度整改事项${i + 1}：` })),
  );
  return out;
}

function votingParagraphs(dossier: Dossier): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  const counts = ballotCounts(dossier);
  if (!dossier.tally) {
    out.push(body(dossier.live.voting.status === "open" ? "民主测评正在进行，结果尚未冻结。" : "尚未进行民主测评。"));
    return out;
  }
  out.push(
    body(
      `应到 ${counts.expected} 人，实到 ${counts.present} 人；有效票 ${counts.valid} 张（电子 ${counts.electronic} 张、纸质 ${counts.paper} 张），废票 ${counts.invalid} 张。`,
      // With the table below: the heading and the counts never end a page the table starts on the next.
      { keepNext: true },
    ),
  );
  const ranked = [...dossier.tally.speakers].sort((a, b) => a.rank - b.rank);
  out.push(
    table(
      ["名次", "单位", "书记", "好评率", "得分"],
      ranked.map((s) => [String(s.rank), s.unit, s.name, formatPercent(s.goodRate), formatScore(s.score)]),
      { widths: [10, 40, 18, 16, 16] },
    ),
  );
  out.push(body(tallyRule(dossier.meeting.ratingLevels, dossier.tally)));
  out.push(body(dossier.live.voting.published ? "测评结果已当场公布。" : "测评结果未当场公布。"));
  const log = dossier.paperLog ?? [];
  if (log.length) {
    out.push(body("纸质票计票中的不一致、核对与作废（摘自会议纪实，只记票号和张数）：", { bold: "纸质票计票记录：" }));
    for (const line of log) out.push(body(`${formatClockTime(line.at)}　${line.label}${line.role ? `（${line.role}）` : ""}${line.detail ? `：${line.detail}` : ""}`));
  }
  return out;
}

export function minutesDocument(dossier: Dossier) {
  const { meeting } = dossier;
  const counts = ballotCounts(dossier);
  const children: Array<Paragraph | Table> = [
    title(`${meeting.title}会议纪要`),
    body(chineseDate(meeting.date) || "—", { bold: "时间：" }),
    body(meeting.venue || "—", { bold: "地点：" }),
    body(meeting.chairName || "—", { bold: "主持：" }),
    body(meeting.guests || "—", { bold: "出席：" }),
    body(`应到 ${counts.expected} 人，实到 ${dossier.tally ? counts.present : "—"} 人`, { bold: "应到 / 实到：" }),
    heading("一、会议议程"),
    // Numbered 1. 2. 3. under the 一、 heading (GB/T 9704's third level), not 一、 again.
    ...AGENDA_ORDER.map((key, i) => body(`${i + 1}. ${meeting.agenda[key].title}`)),
    heading(`二、${meeting.agenda.reports.title}`),
    ...(meeting.agenda.reports.text ? [body(meeting.agenda.reports.text)] : []),
  ];
  const onAgenda = dossier.speakers.filter((s) => !s.removed);
  const removed = dossier.speakers.filter((s) => s.removed);
  [...onAgenda, ...removed].forEach((speaker, i) => children.push(...unitParagraphs(dossier, speaker, i + 1)));
  children.push(heading(`三、${meeting.agenda.evaluation.title}`), ...votingParagraphs(dossier));
  children.push(heading(`四、${meeting.agenda.closing.title}`));
  // The last paragraph keeps the signature block below on its page.
  if (!meeting.closingPoints.length) children.push(body("（无讲话要点记录）", { keepNext: true }));
  meeting.closingPoints.forEach((point, i) => {
    const section = closingSectionOf(point) === "achievements" ? "成绩" : "要求";
    const label = `${section}${closingPointNumber(meeting.closingPoints, i)}. ${point.title}`;
    children.push(body(point.body, { bold: `${label}${point.body ? "：" : ""}`, keepNext: i === meeting.closingPoints.length - 1 }));
  });
  children.push(blank({ keepNext: true }), right("记录整理：____________", { keepNext: true }), right(meeting.date ? chineseDate(meeting.date) : "______年____月____日"));
  return document({ title: `${meeting.title}会议纪要`, description: "会议纪要" }, [{ properties: { page: A4_PORTRAIT }, footers: pageNumberFooter(), children }]);
}

export function minutesDocx(dossier: Dossier): Promise<Buffer> {
  return toBuffer(minutesDocument(dossier));
}
