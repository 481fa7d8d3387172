import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { JoinForm } from "@/components/attendee/join-form";
import { isMeetingCode, normalizeMeetingCode } from "@/components/attendee/meeting-code";

export const metadata: Metadata = { title: "输入会议码 · 述职评议会" };

// The form submits ?code=…; a valid code goes straight to the meeting, so joining works
// even before the page's JavaScript has loaded.
export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  const typed = typeof code === "string" ? code : null;
  const normalized = typed === null ? null : normalizeMeetingCode(typed);
  if (normalized !== null && isMeetingCode(normalized)) redirect(`/join/${normalized}`);
  return <JoinForm defaultCode={typed ?? ""} error={typed === null ? null : "请输入 6 位数字会议码。"} />;
}
