// /display/<meetingId>: the hall's projector.
import { Projector } from "@/components/display/projector";
import { OfflineShell } from "@/components/realtime/offline-shell";
import type { HallRoute } from "./routes";

export function DisplayPage({ route }: { route: Extract<HallRoute, { page: "display" }> }) {
  return (
    <>
      <Projector meetingId={route.meetingId} />
      <OfflineShell />
    </>
  );
}
