import { Suspense } from "react";
import { SeatSheet } from "@/components/setup/seat-sheet";

export default function SetupSeatSheetPage() {
  // Suspense: the sheet reads ?address= with useSearchParams.
  return (
    <Suspense>
      <SeatSheet />
    </Suspense>
  );
}
