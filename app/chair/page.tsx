import type { Metadata } from "next";
import { MeetingList } from "@/components/chair/meeting-list";

export const metadata: Metadata = { title: "主持人 · 会议列表" };

export default function ChairMeetingsPage() {
  return <MeetingList />;
}
