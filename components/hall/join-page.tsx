// /join: the 会议码 form (a plain GET form, so it works before any script has loaded).
import { JoinForm } from "@/components/attendee/join-form";
import { OfflineShell } from "@/components/realtime/offline-shell";
import type { HallRoute } from "./routes";

export function JoinPage({ route }: { route: Extract<HallRoute, { page: "join" }> }) {
  return (
    <>
      <JoinForm defaultCode={route.typed ?? ""} error={route.typed === null ? null : "请输入 6 位数字会议码。"} />
      <OfflineShell />
    </>
  );
}
