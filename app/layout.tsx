import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { OfflineShell } from "@/components/realtime/offline-shell";
import "./globals.css";

export const metadata: Metadata = {
  title: "述职评议会 · Debrief Console",
  description: "述职评议会现场控制台：主持人、投影、参会平板",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Rendered per request, every page: Next marks its scripts with the nonce of the request's
// Content-Security-Policy (proxy.ts), which a page prerendered at build time could not carry.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {children}
        <OfflineShell />
      </body>
    </html>
  );
}
