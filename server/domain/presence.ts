// 会前设备调试: how many screens follow a meeting right now. Counts only — never which seat
// or which device (docs/ballot-secrecy.md). Pure, shared by the server and the chair console.
import type { Role } from "./events";

export interface PresenceCounts {
  /** Tablets joined with the 会议码. */
  tablets: number;
  /** Of those, tablets whose seat code the server has confirmed. */
  seated: number;
  projectors: number;
  tellers: number;
}

export interface Connected {
  role: Role;
  seated: boolean;
}

export function countPresence(connected: Iterable<Connected>): PresenceCounts {
  const counts: PresenceCounts = { tablets: 0, seated: 0, projectors: 0, tellers: 0 };
  for (const { role, seated } of connected) {
    switch (role) {
      case "attendee":
        counts.tablets++;
        if (seated) counts.seated++;
        break;
      case "display":
        counts.projectors++;
        break;
      case "teller":
        counts.tellers++;
        break;
      case "chair":
        break;
      default: {
        const unknown: never = role;
        throw new Error(`unknown role ${String(unknown)}`);
      }
    }
  }
  return counts;
}

/** The counts of several instances' sockets of one meeting, added up. */
export function sumPresence(parts: PresenceCounts[]): PresenceCounts {
  const sum: PresenceCounts = { tablets: 0, seated: 0, projectors: 0, tellers: 0 };
  for (const part of parts) {
    sum.tablets += part.tablets;
    sum.seated += part.seated;
    sum.projectors += part.projectors;
    sum.tellers += part.tellers;
  }
  return sum;
}

/** How long every tablet and projector shows the 设备检查 sign. */
export const DEVICE_CHECK_MS = 10_000;

/** What a device check puts on every screen. */
export interface DeviceCheck {
  title: string;
  durationMs: number;
}
