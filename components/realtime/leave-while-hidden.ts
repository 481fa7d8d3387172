// A tablet that is put away — its page closed, its screen locked, another app brought to
// the front — leaves the meeting at once, so the chair's device counts (设备调试) drop within
// moments instead of after the server's ping timeout; shown again, it connects again and
// takes the meeting from the snapshot it gets on connect. Socket.IO's ping timeout remains
// for what the browser cannot tell (Wi-Fi lost, battery out).
import type { Socket } from "socket.io-client";

/**
 * Disconnects `socket` while the page is hidden or being left (pagehide, also into the
 * back/forward cache) and reconnects it when the page is shown, unless `mayReconnect` says
 * no (the server refused this device). Returns the function that stops watching.
 */
export function leaveWhileHidden(socket: Socket, options: { mayReconnect: () => boolean; onReturn: () => void }): () => void {
  const leave = () => {
    if (socket.connected || socket.active) socket.disconnect();
  };
  const comeBack = () => {
    if (document.visibilityState !== "visible" || socket.connected || socket.active || !options.mayReconnect()) return;
    options.onReturn();
    socket.connect();
  };
  const onVisibility = () => (document.visibilityState === "hidden" ? leave() : comeBack());
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("pagehide", leave);
  window.addEventListener("pageshow", comeBack);
  return () => {
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("pagehide", leave);
    window.removeEventListener("pageshow", comeBack);
  };
}
