"use client";
// /setup/<id>/records: the 会后 page for organisers — the downloads with their preview, and
// restoring an archive from another installation.
import { useSetup } from "@/components/setup/setup-context";
import { ArchiveImport } from "./archive-import";
import { RecordsPanel } from "./records-panel";

export function SetupRecordsPage() {
  const { meetingId, token, view } = useSetup();
  return (
    <>
      <RecordsPanel key={view.snapshot.version} meetingId={meetingId} token={token} />
      <ArchiveImport />
    </>
  );
}
