// Reads a meeting into an archive, and writes an archive back as a new meeting (new id, 会议码,
// tokens and seat codes). The import is one transaction for the rows; report files are
// written first as unnamed pieces, which the start-up clean-up removes if the rows never land.
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { strToU8 } from "fflate";
import { DOCX_TYPE, PDF_TYPE, cleanFileName } from "../attachments/report-file";
import { sanitiseHtml } from "../attachments/sanitise-html";
import type { ContentStore, StoredContent } from "../attachments/attachment-content-data";
import type { Db } from "../platform/db";
import { newSeatCode } from "../voting/seat-data";
import { findAttachment, type StoredBody } from "../setup/roster-data";
import { remapSpeakerIds, type ArchiveContent, type ArchiveMeeting } from "./archive";
import { loadDossier } from "./dossier-data";
import { insertRecordEntries } from "./record-data";
import type { RecordEntry } from "./record-chain";

async function readStored(content: ContentStore, body: StoredBody): Promise<Uint8Array | null> {
  if (!body) return null;
  if (body.kind === "whole") return body.bytes;
  const parts: Buffer[] = [];
  for await (const piece of content.read(body.contentId)) parts.push(piece);
  return Buffer.concat(parts);
}

/** Returns null when there is no such meeting. */
export async function archiveContent(db: Db, content: ContentStore, meetingId: string, record: RecordEntry[]): Promise<ArchiveContent | null> {
  const dossier = await loadDossier(db, meetingId);
  if (!dossier) return null;
  const { meeting } = dossier;
  const speakerKeys = new Map(dossier.speakers.map((s, i) => [s.id, `s${i + 1}`]));
  const rows = await db.speaker.findMany({ where: { meetingId }, select: { id: true, limitMs: true } });
  const limits = new Map(rows.map((r) => [r.id, r.limitMs]));
  const files = new Map<string, { file: Uint8Array; html: Uint8Array | null }>();
  const speakers: ArchiveMeeting["speakers"] = [];
  for (const s of dossier.speakers) {
    const key = speakerKeys.get(s.id) as string;
    const stored = await findAttachment(db, s.id);
    let attachment: ArchiveMeeting["speakers"][number]["attachment"] = null;
    if (stored) {
      const file = await readStored(content, await stored.file());
      const html = await readStored(content, await stored.html());
      if (file) {
        files.set(key, { file, html });
        attachment = { fileName: stored.fileName, contentType: stored.contentType, html: html !== null };
      }
    }
    speakers.push({ key, unit: s.unit, name: s.name, title: s.title, mode: s.mode, limitMs: limits.get(s.id) ?? null, reportText: s.reportText, evaluated: s.evaluated, removed: s.removed, attachment });
  }
  let commentNo = 0;
  const comments: ArchiveMeeting["comments"] = dossier.speakers.flatMap((s) =>
    s.comments.map((c) => ({
      key: `c${++commentNo}`,
      speaker: speakerKeys.get(s.id) as string,
      tag: c.tag,
      text: c.text,
      createdAt: c.createdAt,
      rectification: c.rectification ? { ...c.rectification, notes: c.rectification.notes.map(({ date, text }) => ({ date, text })) } : null,
    })),
  );
  const { live, tally } = remapSpeakerIds(dossier.live, dossier.tally, speakerKeys);
  const archived: ArchiveMeeting = {
    title: meeting.title,
    date: meeting.date,
    venue: meeting.venue,
    chairName: meeting.chairName,
    guests: meeting.guests,
    agenda: meeting.agenda,
    closingPoints: meeting.closingPoints,
    limitMs: meeting.limitMs,
    warningMs: meeting.warningMs,
    ratingLevels: meeting.ratingLevels,
    voterCategories: meeting.voterCategories,
    expectedVoters: meeting.expectedVoters,
    live,
    frozenTally: tally,
    speakers,
    comments,
    paperRounds: dossier.paperRounds.map((r) => ({ number: r.number, issued: r.issued, returned: r.returned, void: r.void, valid: r.valid, invalid: r.invalid })),
  };
  return { meeting: archived, record, recordId: record[0]?.meetingId ?? meetingId, files };
}

async function freshAttendeeCode(db: Db): Promise<string> {
  for (;;) {
    const code = String(randomInt(100000, 1000000));
    if (!(await db.meeting.findUnique({ where: { attendeeCode: code }, select: { id: true } }))) return code;
  }
}

/** Writes the archive as a new meeting; returns its id. The archive was checked by unpackArchive. */
export async function importArchive(db: Db, content: ContentStore, archive: ArchiveContent): Promise<{ id: string }> {
  const { meeting } = archive;
  // Report files first, as pieces nothing names yet; the HTML is sanitised again, as on upload.
  const stored = new Map<string, { file: StoredContent; html: StoredContent | null }>();
  for (const [key, files] of archive.files) {
    const html = files.html ? await content.write(strToU8(sanitiseHtml(Buffer.from(files.html).toString("utf8")))) : null;
    stored.set(key, { file: await content.write(files.file), html });
  }
  const attendeeCode = await freshAttendeeCode(db);
  return db.$transaction(async (tx) => {
    const created = await tx.meeting.create({
      data: {
        title: meeting.title,
        date: meeting.date,
        venue: meeting.venue,
        chairName: meeting.chairName,
        guests: meeting.guests,
        reportsTitle: meeting.agenda.reports.title,
        reportsText: meeting.agenda.reports.text,
        evaluationTitle: meeting.agenda.evaluation.title,
        evaluationText: meeting.agenda.evaluation.text,
        closingTitle: meeting.agenda.closing.title,
        closingText: meeting.agenda.closing.text,
        closingPoints: JSON.stringify(meeting.closingPoints),
        limitMs: meeting.limitMs,
        warningMs: meeting.warningMs,
        ratingLevels: JSON.stringify(meeting.ratingLevels),
        voterCategories: JSON.stringify(meeting.voterCategories),
        expectedVoters: meeting.expectedVoters,
        attendeeCode,
        displayToken: randomBytes(12).toString("base64url"),
        tellerToken: randomBytes(12).toString("base64url"),
        live: "{}",
      },
      select: { id: true },
    });
    const ids = new Map<string, string>();
    for (const [position, s] of meeting.speakers.entries()) {
      const speaker = await tx.speaker.create({
        data: { meetingId: created.id, position, unit: s.unit, name: s.name, title: s.title, mode: s.mode, limitMs: s.limitMs, reportText: s.reportText, evaluated: s.evaluated, removed: s.removed },
        select: { id: true },
      });
      ids.set(s.key, speaker.id);
      const files = stored.get(s.key);
      if (s.attachment && files) {
        const contentType = s.attachment.contentType === PDF_TYPE ? PDF_TYPE : DOCX_TYPE;
        await tx.attachment.create({
          data: {
            speakerId: speaker.id,
            fileName: cleanFileName(s.attachment.fileName, contentType === PDF_TYPE ? "pdf" : "docx"),
            contentType,
            bytes: Buffer.alloc(0),
            fileContentId: files.file.contentId,
            fileSize: files.file.size,
            htmlContentId: files.html?.contentId ?? null,
            htmlSize: files.html?.size ?? null,
          },
        });
      }
    }
    const { live, tally } = remapSpeakerIds(meeting.live, meeting.frozenTally, ids);
    await tx.meeting.update({ where: { id: created.id }, data: { live: JSON.stringify(live), frozenTally: tally ? JSON.stringify(tally) : null } });
    for (const c of meeting.comments) {
      const commentId = randomUUID();
      await tx.comment.create({ data: { id: commentId, meetingId: created.id, speakerId: ids.get(c.speaker) as string, tag: c.tag, text: c.text, createdAt: new Date(c.createdAt) } });
      if (c.rectification) {
        const { notes, ...fields } = c.rectification;
        await tx.rectification.create({ data: { commentId, meetingId: created.id, ...fields } });
        if (notes.length) await tx.rectificationNote.createMany({ data: notes.map((n, i) => ({ commentId, date: n.date, text: n.text, createdAt: new Date(Date.UTC(2000, 0, 1, 0, 0, i)) })) });
      }
    }
    for (const r of meeting.paperRounds) {
      const kept = r.valid !== undefined && r.invalid !== undefined ? { keptValid: r.valid, keptInvalid: r.invalid } : {};
      await tx.paperRound.create({ data: { meetingId: created.id, number: r.number, issued: r.issued, returned: r.returned, status: r.void ? "void" : "open", ...kept } });
    }
    const seats = Array.from({ length: meeting.expectedVoters }, (_, i) => ({ code: newSeatCode(), meetingId: created.id, label: `${i + 1}号`, categoryId: null }));
    if (seats.length) await tx.seat.createMany({ data: seats });
    await insertRecordEntries(tx, created.id, archive.record);
    return created;
  });
}
