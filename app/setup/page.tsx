import type { Metadata } from "next";
import { SetupMeetingList } from "@/components/setup/setup-meeting-list";

export const metadata: Metadata = { title: "会前准备 · 述职评议会" };

export default function SetupPage() {
  return <SetupMeetingList />;
}
