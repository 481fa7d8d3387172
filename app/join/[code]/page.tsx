import type { Metadata } from "next";
import { Suspense } from "react";
import { Tablet } from "@/components/attendee/tablet";

export const metadata: Metadata = { title: "参会 · 述职评议会" };

export default async function TabletPage({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  // Suspense: the tablet reads ?report= with useSearchParams.
  return (
    <Suspense>
      <Tablet code={code} />
    </Suspense>
  );
}
