// Access for the day: the projector link, the tablets' join address and QR code, and one
// QR card per seat. QR codes are drawn here as SVG (the `qrcode` package, no network) and
// point at the server's LAN address with the port the organiser's browser used.
import type { AccessAddress, SeatCard } from "./setup-schemas";

const HOST_HEADER = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]{1,253})(?::(\d{1,5}))?$/;

function isLoopback(host: string): boolean {
  return host === "localhost" || host.startsWith("127.") || host === "[::1]";
}

/** The hostname and port of a Host header ("192.168.1.20:3000"); null when it is not a plain host. */
export function parseHostHeader(header: string | undefined): { host: string; port: string | null } | null {
  const match = HOST_HEADER.exec((header ?? "").trim());
  if (!match?.[1]) return null;
  const port = match[2] && Number(match[2]) > 0 && Number(match[2]) < 65536 ? match[2] : null;
  return { host: match[1].toLowerCase(), port };
}

/**
 * The addresses a QR code may point at: the LAN addresses (reachable by tablets on the hall's
 * Wi-Fi), and the address this browser used. Only these are accepted, so a QR code can
 * never be made to point anywhere else.
 */
export function accessAddresses(lan: string[], requestHost: string | null): AccessAddress[] {
  const options: AccessAddress[] = lan.map((address) => ({ address, label: `局域网 ${address}` }));
  if (requestHost && !lan.includes(requestHost)) {
    options.push({
      address: requestHost,
      label: isLoopback(requestHost) ? `${requestHost}（仅本机可用，平板无法访问）` : `${requestHost}（当前浏览器访问的地址）`,
    });
  }
  return options;
}

/** The requested address when allowed; else the browser's own when tablets can reach it; else the first LAN address. */
export function chooseAddress(options: AccessAddress[], requested: string | null, requestHost: string | null): string {
  if (requested && options.some((o) => o.address === requested)) return requested;
  if (requestHost && !isLoopback(requestHost)) return requestHost;
  return options[0]?.address ?? requestHost ?? "localhost";
}

export function baseUrl(address: string, port: string | null): string {
  return `http://${address}${port && port !== "80" ? `:${port}` : ""}`;
}

export function joinUrl(base: string, attendeeCode: string): string {
  return `${base}/join/${attendeeCode}`;
}

/** Exactly what the voting tablet opens: the join page with the seat's code. */
export function seatUrl(base: string, attendeeCode: string, seatCode: string): string {
  return `${base}/join/${attendeeCode}?seat=${encodeURIComponent(seatCode)}`;
}

/** A QR code as a standalone SVG document; medium error correction survives a creased card. */
export async function qrSvg(text: string): Promise<string> {
  const { default: QRCode } = await import("qrcode");
  return QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}

export async function seatCards(base: string, attendeeCode: string, seats: Array<{ code: string; label: string; categoryId: string | null }>): Promise<SeatCard[]> {
  return Promise.all(
    seats.map(async (seat) => {
      const url = seatUrl(base, attendeeCode, seat.code);
      return { ...seat, url, qrSvg: await qrSvg(url) };
    }),
  );
}
