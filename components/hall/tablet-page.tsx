// /join/<code>: an attendee's tablet.
import { Tablet } from "@/components/attendee/tablet";
import { OfflineShell } from "@/components/realtime/offline-shell";
import type { HallRoute } from "./routes";

export function TabletPage({ route }: { route: Extract<HallRoute, { page: "tablet" }> }) {
  return (
    <>
      <Tablet code={route.code} search={route.search} />
      <OfflineShell />
    </>
  );
}
