import type { Metadata } from "next";
import { Projector } from "@/components/display/projector";

export const metadata: Metadata = { title: "投影 · 述职评议会" };

export default async function DisplayPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return <Projector meetingId={meetingId} />;
}
