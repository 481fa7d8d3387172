"use client";
// The seat cards, eight to an A4 page, printed with the browser's own print dialog: each
// card has the meeting's title, the seat, its QR code (the tablet's join page with this
// seat's code) and the code in text for typing it in when a camera fails.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import type { SeatCard } from "@/server/setup/setup-schemas";
import { Button, Notice } from "./form-controls";
import { svgDataUrl } from "./setup-api";
import { useSetup } from "./setup-context";
import { useAccess } from "./use-access";

const CARDS_PER_PAGE = 8;

/** A4 with 10 mm margins; cards of 95 × 68 mm, two across, four down. */
const PRINT_CSS = `
@page { size: A4 portrait; margin: 10mm; }
@media print {
  html, body { background: #fff !important; }
  .seat-page { break-after: page; box-shadow: none !important; margin: 0 !important; padding: 0 !important; }
  .seat-page:last-child { break-after: auto; }
}
`;

export function SeatSheet() {
  const { meetingId, view } = useSetup();
  const address = useSearchParams().get("address");
  const { access, error } = useAccess(address);
  const meeting = view.snapshot.meeting;
  const categoryLabel = new Map(meeting.voterCategories.map((c) => [c.id, c.label]));

  if (error) return <Notice tone="error">{error}</Notice>;
  if (!access) return <p className="text-slate-600">正在生成座位卡…</p>;

  const pages: SeatCard[][] = [];
  for (let i = 0; i < access.seats.length; i += CARDS_PER_PAGE) pages.push(access.seats.slice(i, i + CARDS_PER_PAGE));

  return (
    <div>
      <style>{PRINT_CSS}</style>
      <div className="mb-6 flex flex-wrap items-center gap-3 print:hidden">
        <Link href={`/setup/${encodeURIComponent(meetingId)}/access`} className="text-sm text-slate-600 hover:text-slate-900">
          ‹ 返回会场入口
        </Link>
        <span className="flex-1" />
        <p className="text-sm text-slate-600">
          共 {access.seats.length} 张，{pages.length} 页 A4。二维码指向 <span className="font-mono">{access.address}</span>。打印时纸张选 A4、缩放选“100%/实际大小”，沿虚线裁开。
        </p>
        <Button tone="primary" onClick={() => window.print()} data-testid="print-now" disabled={access.seats.length === 0}>
          打印
        </Button>
      </div>
      {access.seats.length === 0 && <Notice tone="info">还没有座位码：请在“会场入口与座位卡”中填写座位数。</Notice>}
      {/* A4 is wider than a phone: the preview scrolls in its own box, never the whole page. */}
      <div tabIndex={0} role="region" aria-label="座位卡预览" className="space-y-8 overflow-x-auto pb-2 print:space-y-0 print:overflow-visible print:pb-0">
        {pages.map((cards, page) => (
          <section
            key={page}
            aria-label={`第 ${page + 1} 页`}
            className="seat-page mx-auto grid w-[210mm] grid-cols-[95mm_95mm] content-start justify-center bg-white p-[10mm] shadow-lg ring-1 ring-slate-200 print:w-auto print:ring-0"
          >
            {cards.map((seat) => (
              <article
                key={seat.code}
                data-testid="seat-card"
                data-seat-url={seat.url}
                data-seat-code={seat.code}
                className="flex h-[68mm] break-inside-avoid items-center gap-[4mm] border border-dashed border-slate-400 p-[4mm]"
              >
                <img src={svgDataUrl(seat.qrSvg)} alt={`${seat.label}座位二维码`} className="size-[44mm] shrink-0" />
                <div className="flex h-full min-w-0 flex-1 flex-col">
                  <p className="line-clamp-3 text-[8.5pt] leading-snug text-slate-600">{meeting.title}</p>
                  <p className="mt-[2mm] text-[9pt] text-slate-600">民主测评 · 座位</p>
                  <p className="text-[26pt] leading-none font-bold text-slate-900">{seat.label}</p>
                  {seat.categoryId && <p className="mt-[1mm] text-[9pt] font-medium text-red-800">{categoryLabel.get(seat.categoryId) ?? ""}</p>}
                  <p className="mt-auto text-[8pt] text-slate-600">座位码</p>
                  <p className="font-mono text-[13pt] font-bold tracking-wider text-slate-900">{seat.code}</p>
                  <p className="mt-[1mm] text-[7.5pt] leading-snug text-slate-600">用平板扫码填写测评票，每张卡限提交一次。会议码 {access.attendeeCode}</p>
                </div>
              </article>
            ))}
          </section>
        ))}
      </div>
    </div>
  );
}
