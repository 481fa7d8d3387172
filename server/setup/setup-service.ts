// Meeting preparation (会前准备) and changes on the day, as one object for the HTTP routes.
// The work is in modules of plain functions, each taking the SetupContext: meetings and
// texts (meeting-setup.ts), the roster (roster-changes.ts), imports
// (roster-import-changes.ts), the 民主测评 and seats (voting-setup.ts) and report files
// (report-files.ts); setup-context.ts runs every change through the meeting's queue.
import { randomInt } from "node:crypto";
import type { ImportSource } from "../roster-import/parse-roster";
import type { SetupContext } from "./setup-context";
import type { ImportMode } from "./setup-schemas";
import { copyMeeting, createMeeting, meetings, updateMeeting, view } from "./meeting-setup";
import { addSpeaker, drawLots, removeSpeaker, reorder, updateSpeaker } from "./roster-changes";
import { commitImport, previewImport } from "./roster-import-changes";
import { removeAttachment, uploadAttachment } from "./report-files";
import { assignSeatCategories, setSeats, updateEvaluation } from "./voting-setup";

export type { ConfirmRequired } from "./roster-changes";
export type { ImportPreview } from "./roster-import-changes";

export type SetupDeps = Omit<SetupContext, "random"> & Partial<Pick<SetupContext, "random">>;

export type SetupService = ReturnType<typeof createSetupService>;

export function createSetupService(deps: SetupDeps) {
  const ctx: SetupContext = { ...deps, random: deps.random ?? ((n: number) => randomInt(n)) };
  return {
    view: (meetingId: string) => view(ctx, meetingId),
    meetings: () => meetings(ctx),
    createMeeting: (input: unknown) => createMeeting(ctx, input),
    copyMeeting: (sourceId: string, input: unknown) => copyMeeting(ctx, sourceId, input),
    updateMeeting: (meetingId: string, input: unknown) => updateMeeting(ctx, meetingId, input),
    addSpeaker: (meetingId: string, input: unknown) => addSpeaker(ctx, meetingId, input),
    updateSpeaker: (meetingId: string, speakerId: string, input: unknown) => updateSpeaker(ctx, meetingId, speakerId, input),
    removeSpeaker: (meetingId: string, speakerId: string, confirmed: boolean) => removeSpeaker(ctx, meetingId, speakerId, confirmed),
    reorder: (meetingId: string, input: unknown) => reorder(ctx, meetingId, input),
    drawLots: (meetingId: string, input: unknown) => drawLots(ctx, meetingId, input),
    previewImport: (meetingId: string, source: ImportSource) => previewImport(ctx, meetingId, source),
    commitImport: (meetingId: string, source: ImportSource, mode: ImportMode, expected: number | null) =>
      commitImport(ctx, meetingId, source, mode, expected),
    updateEvaluation: (meetingId: string, input: unknown) => updateEvaluation(ctx, meetingId, input),
    setSeats: (meetingId: string, input: unknown) => setSeats(ctx, meetingId, input),
    assignSeatCategories: (meetingId: string, input: unknown) => assignSeatCategories(ctx, meetingId, input),
    uploadAttachment: (meetingId: string, speakerId: string, fileName: string, bytes: Uint8Array) =>
      uploadAttachment(ctx, meetingId, speakerId, fileName, bytes),
    removeAttachment: (meetingId: string, speakerId: string) => removeAttachment(ctx, meetingId, speakerId),
  };
}
