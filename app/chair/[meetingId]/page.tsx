import type { Metadata } from "next";
import { ChairConsole } from "@/components/chair/chair-console";

export const metadata: Metadata = { title: "主持人控制台 · 述职评议会" };

export default async function ChairConsolePage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return <ChairConsole meetingId={meetingId} />;
}
