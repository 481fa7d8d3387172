import type { Metadata } from "next";
import { TellersDesk } from "@/components/tellers/tellers-desk";

export const metadata: Metadata = { title: "计票 · 民主测评 · 述职评议会" };

export default async function TellersPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const { meetingId } = await params;
  return <TellersDesk meetingId={meetingId} />;
}
