import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SetupShell } from "@/components/setup/setup-shell";

export const metadata: Metadata = { title: "会前准备 · 述职评议会" };

export default async function SetupMeetingLayout({ params, children }: { params: Promise<{ meetingId: string }>; children: ReactNode }) {
  const { meetingId } = await params;
  return <SetupShell meetingId={meetingId}>{children}</SetupShell>;
}
