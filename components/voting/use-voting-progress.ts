"use client";
// 应到 / 已提交 / 纸质 counts: from the snapshot on connect and on every meeting change, and
// from the throttled `voting:progressed` broadcast in between (ballots don't change the
// snapshot's version, so no `meeting:updated` follows them). The newest arrival wins: both
// are computed by the server at the time they are sent.
import { useEffect, useState } from "react";
import type { MeetingSocket } from "@/components/realtime/use-meeting";
import type { MeetingSnapshot, VotingProgress } from "@/server/domain/snapshot";

export function useVotingProgress(snapshot: MeetingSnapshot | null, socket: MeetingSocket | null): VotingProgress | null {
  const [progress, setProgress] = useState<VotingProgress | null>(snapshot?.progress ?? null);

  useEffect(() => {
    if (snapshot) setProgress(snapshot.progress);
  }, [snapshot]);

  useEffect(() => {
    if (!socket) return;
    const onProgress = (next: VotingProgress) => setProgress(next);
    socket.on("voting:progressed", onProgress);
    return () => {
      socket.off("voting:progressed", onProgress);
    };
  }, [socket]);

  return progress;
}
