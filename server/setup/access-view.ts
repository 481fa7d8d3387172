// What the access sheets print: the 会议码 and its QR code, the projector and tellers' links and the seat
// cards, addressed to the LAN address the tablets will use.
import type { ApiRequest } from "../platform/http-api";
import type { Db } from "../platform/db";
import type { Result } from "../domain/result";
import { findMeeting } from "../live/meeting-data";
import { tellerPaths } from "../live/meeting-directory";
import { lanAddresses } from "../platform/network";
import { accessAddresses, baseUrl, chooseAddress, joinUrl, parseHostHeader, qrSvg, seatCards } from "./setup-access";
import { seatCounts, seatsInOrder } from "./setup-data";
import type { AccessView } from "./setup-schemas";
import type { SetupService } from "./setup-service";

export async function accessView(db: Db, setup: SetupService, request: ApiRequest, meetingId: string, chairToken: string): Promise<Result<AccessView>> {
  const meeting = await findMeeting(db, meetingId);
  const current = await setup.view(meetingId);
  if (!meeting || !current.ok) return { ok: false, error: { code: "not_found", message: "没有这个会议。" } };
  const host = parseHostHeader(request.req.headers.host);
  const addresses = accessAddresses(lanAddresses(), host?.host ?? null);
  const address = chooseAddress(addresses, request.url.searchParams.get("address"), host?.host ?? null);
  const base = baseUrl(address, host?.port ?? null);
  const join = joinUrl(base, meeting.attendeeCode);
  const tellers = tellerPaths(meeting, chairToken);
  const [seats, counts] = await Promise.all([seatsInOrder(db, meetingId), seatCounts(db, meetingId)]);
  return {
    ok: true,
    data: {
      attendeeCode: meeting.attendeeCode,
      joinUrl: join,
      joinQrSvg: await qrSvg(join),
      displayUrl: `${base}/display/${meeting.id}#token=${meeting.displayToken}`,
      tellerUrls: { A: `${base}${tellers.A}`, B: `${base}${tellers.B}` },
      address,
      addresses,
      seats: await seatCards(base, meeting.attendeeCode, seats),
      seatsUsed: counts.used,
      locks: current.data.locks,
    },
  };
}
