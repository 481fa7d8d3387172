import { Suspense } from "react";
import { RosterEditor } from "@/components/setup/roster-editor";

export default function SetupRosterPage() {
  // Suspense: the editor reads ?imported= with useSearchParams.
  return (
    <Suspense>
      <RosterEditor />
    </Suspense>
  );
}
