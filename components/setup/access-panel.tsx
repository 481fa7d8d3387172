"use client";
// Step 4, 会场入口与座位卡: the projector link, the tablets' join code and QR code (at the
// server's LAN address), and one seat QR card per voter — one card, one ballot, no login.
import Link from "next/link";
import { useEffect, useState } from "react";
import type { AccessView } from "@/server/setup/setup-schemas";
import { Button, Card, ConfirmDialog, Field, INPUT, Notice } from "./form-controls";
import { svgDataUrl } from "./setup-api";
import { useSetup } from "./setup-context";
import { useAccess } from "./use-access";

export function AccessPanel() {
  const { meetingId, view } = useSetup();
  const [address, setAddress] = useState<string | null>(null);
  const { access, error, reload } = useAccess(address);

  if (error) return <Notice tone="error">{error}</Notice>;
  if (!access) return <p className="text-slate-600">正在生成二维码…</p>;

  const loopback = access.address === "localhost" || access.address.startsWith("127.") || access.address === "[::1]";

  return (
    <div className="space-y-6">
      {loopback && (
        <Notice tone="warning" testId="access-loopback">
          二维码和链接现在指向 {access.address}，只有本机能打开，平板和投影电脑无法访问。
          {access.addresses.length > 1 ? "请在下方选择会场局域网的地址。" : "本机还没有连接会场网络：连接后刷新本页。"}
        </Notice>
      )}
      {access.addresses.length > 1 && (
        <Card title="本机地址" description="平板和投影电脑通过会场无线网络访问本机。请选择会场网络中的地址（一般是 192.168.x.x 或 10.x.x.x）。">
          <Field label="二维码和链接使用的地址">
            {({ id }) => (
              <select id={id} className={`${INPUT} sm:max-w-md`} value={access.address} onChange={(e) => setAddress(e.target.value)} data-testid="access-address">
                {access.addresses.map((option) => (
                  <option key={option.address} value={option.address}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </Card>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="参会平板入口" description="平板连上会场无线网络后扫描二维码；也可以在浏览器输入下面的地址，或打开首页输入会议码。">
          <div className="flex flex-wrap items-start gap-6">
            <img
              src={svgDataUrl(access.joinQrSvg)}
              alt={`参会入口二维码：${access.joinUrl}`}
              data-testid="join-qr"
              data-qr-target={access.joinUrl}
              className="size-48 rounded-lg ring-1 ring-slate-200"
            />
            {/* Under the QR code when the card is narrow, so the code and the address keep their width. */}
            <div className="min-w-[14rem] flex-1 space-y-3">
              <div>
                <p className="text-sm text-slate-600">会议码</p>
                <p className="tabular font-mono text-4xl font-bold tracking-[0.12em] text-slate-900 xl:text-5xl" data-testid="access-code">
                  {access.attendeeCode}
                </p>
              </div>
              <div>
                <p className="text-sm text-slate-600">平板地址</p>
                <CopyableUrl url={access.joinUrl} testId="join-url" />
              </div>
            </div>
          </div>
        </Card>

        <Card title="投影屏" description="在接投影的电脑上打开此链接，按 F 键全屏。链接含投影口令，只给投影电脑使用。">
          <div className="space-y-3">
            <CopyableUrl url={access.displayUrl} testId="display-url" />
            <a
              href={access.displayUrl}
              target="_blank"
              rel="noopener"
              data-testid="open-display"
              className="inline-flex min-h-10 items-center rounded-lg bg-red-700 px-4 text-[15px] font-medium text-white shadow-sm hover:bg-red-800"
            >
              打开投影画面 ↗
            </a>
            <p className="text-sm text-slate-600">
              开会时使用
              <Link href={`/chair/${encodeURIComponent(meetingId)}`} className="mx-1 text-red-700 underline underline-offset-4">
                主持人控制台
              </Link>
              推进议程（→ 键开始第一项议程）。
            </p>
          </div>
        </Card>
      </div>

      <Card title="计票人甲、乙" description="纸质测评票由两名计票人各自录入，两人一致才计入。甲、乙各用自己的链接（链接决定身份，不能在页面上切换），请分别交给两人，不要让一人持有两个链接。">
        <div className="space-y-3">
          <p className="text-sm text-slate-600">计票人甲</p>
          <CopyableUrl url={access.tellerUrls.A} testId="teller-url-A" />
          <p className="text-sm text-slate-600">计票人乙</p>
          <CopyableUrl url={access.tellerUrls.B} testId="teller-url-B" />
        </div>
      </Card>

      <SeatsCard access={access} onChanged={reload} expected={view.snapshot.meeting.expectedVoters} />
    </div>
  );
}

function CopyableUrl({ url, testId }: { url: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex items-start gap-2">
      <output data-testid={testId} className="min-w-0 flex-1 rounded-lg bg-slate-50 px-3 py-2 font-mono text-sm break-all text-slate-900 select-all ring-1 ring-slate-200">
        {url}
      </output>
      <Button
        onClick={async () => {
          try {
            await navigator.clipboard.writeText(url);
            setCopied(true);
            setTimeout(() => setCopied(false), 2000);
          } catch {
            // Clipboard needs a secure context; the field is selectable instead.
          }
        }}
      >
        {copied ? "已复制" : "复制"}
      </Button>
    </div>
  );
}

function SeatsCard({ access, onChanged, expected }: { access: AccessView; onChanged: () => Promise<void>; expected: number }) {
  const { meetingId, request, view } = useSetup();
  const [count, setCount] = useState(String(access.seats.length));
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmRegenerate, setConfirmRegenerate] = useState(false);
  const categories = view.snapshot.meeting.voterCategories;
  const lock = access.locks.seats;

  useEffect(() => setCount(String(access.seats.length)), [access.seats.length]);

  async function save(regenerate: boolean) {
    const n = Number(count);
    if (!Number.isInteger(n) || n < 0 || n > 1000) return setMessage({ tone: "error", text: "座位数应为 0–1000 的整数。" });
    setBusy(true);
    const result = await request(`/api/meetings/${encodeURIComponent(meetingId)}/seats`, { method: "PUT", json: { count: n, regenerate } });
    setBusy(false);
    setConfirmRegenerate(false);
    if (!result.ok) return setMessage({ tone: "error", text: result.message });
    await onChanged();
    setMessage({ tone: "success", text: regenerate ? `已重新生成 ${n} 个座位码，请重新打印座位卡。` : `现在共有 ${n} 个座位。` });
  }

  const printHref = `/setup/${encodeURIComponent(meetingId)}/seats?address=${encodeURIComponent(access.address)}`;

  return (
    <Card
      title="座位二维码（民主测评）"
      description="每个座位一张卡片：参会人员用平板扫卡上的二维码即可填写测评票，无需登录；每张卡只能提交一次。打印后放在每个座位的桌面上。"
      actions={
        <Link
          href={printHref}
          data-testid="print-seats"
          className="inline-flex min-h-10 items-center rounded-lg bg-red-700 px-4 text-[15px] font-medium text-white shadow-sm hover:bg-red-800"
        >
          打印座位卡（A4）
        </Link>
      }
    >
      <div className="space-y-4">
        {lock && <Notice tone="warning">{lock}</Notice>}
        {access.seats.length !== expected && (
          <Notice tone="info">
            应到人数为 {expected} 人，目前有 {access.seats.length} 个座位码。{access.seats.length < expected ? "座位不够时，请增加座位数。" : "多出的座位卡可以备用。"}
          </Notice>
        )}
        <div className="flex flex-wrap items-end gap-3">
          <Field label="座位数" hint="增加时在后面补充新座位；减少时去掉编号最大的座位。已打印的卡片保持有效。">
            {({ id, describedBy }) => (
              <input id={id} inputMode="numeric" aria-describedby={describedBy} className={`${INPUT} !w-32`} value={count} onChange={(e) => setCount(e.target.value)} data-testid="seat-count" />
            )}
          </Field>
          <Button tone="primary" onClick={() => void save(false)} disabled={busy || count === String(access.seats.length)} className="mb-5" data-testid="seat-count-save">
            保存座位数
          </Button>
          <Button tone="danger" onClick={() => setConfirmRegenerate(true)} disabled={busy || !!lock} className="mb-5">
            全部重新生成…
          </Button>
        </div>
        {message && (
          <p role={message.tone === "error" ? "alert" : "status"} className={`text-sm ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
            {message.text}
          </p>
        )}
        {categories.length > 0 ? (
          <SeatCategories access={access} onChanged={onChanged} />
        ) : (
          <SeatList access={access} />
        )}
      </div>
      <ConfirmDialog
        open={confirmRegenerate}
        title="全部重新生成座位码？"
        confirmLabel="重新生成"
        busy={busy}
        onConfirm={() => void save(true)}
        onCancel={() => setConfirmRegenerate(false)}
      >
        所有座位将换成新的座位码，<strong>已经打印的座位卡全部作废</strong>，需要重新打印。只有还没有人投票时才能这样做。
      </ConfirmDialog>
    </Card>
  );
}

function SeatList({ access }: { access: AccessView }) {
  if (access.seats.length === 0) return <p className="text-sm text-slate-600">还没有座位码：填写座位数后保存。</p>;
  return (
    <details className="rounded-lg bg-slate-50 ring-1 ring-slate-200">
      <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-slate-700">查看全部 {access.seats.length} 个座位码</summary>
      <ul className="grid grid-cols-2 gap-x-6 gap-y-1 px-4 pb-3 text-sm sm:grid-cols-4" data-testid="seat-list">
        {access.seats.map((seat) => (
          <li key={seat.code} className="flex justify-between gap-2">
            <span className="text-slate-600">{seat.label}</span>
            <span className="font-mono text-slate-900">{seat.code}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Which voter category each seat belongs to; a range can be set at once ("1号 到 5号 → 区委常委"). */
function SeatCategories({ access, onChanged }: { access: AccessView; onChanged: () => Promise<void> }) {
  const { meetingId, request, view } = useSetup();
  const categories = view.snapshot.meeting.voterCategories;
  const initial = () => Object.fromEntries(access.seats.map((s) => [s.code, s.categoryId ?? ""]));
  const [assigned, setAssigned] = useState<Record<string, string>>(initial);
  const [from, setFrom] = useState("1");
  const [to, setTo] = useState(String(access.seats.length));
  const [category, setCategory] = useState(categories[0]?.id ?? "");
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const lock = view.locks.evaluation;

  useEffect(() => setAssigned(Object.fromEntries(access.seats.map((s) => [s.code, s.categoryId ?? ""]))), [access]);

  const applyRange = () => {
    const lo = Number(from);
    const hi = Number(to);
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) return setMessage({ tone: "error", text: "请填写座位号范围，如 1 到 5。" });
    const next = { ...assigned };
    access.seats.forEach((seat, index) => {
      if (index + 1 >= lo && index + 1 <= hi) next[seat.code] = category;
    });
    setAssigned(next);
    setMessage(null);
  };

  async function save() {
    setBusy(true);
    const assignments = access.seats.map((s) => ({ code: s.code, categoryId: assigned[s.code] || null }));
    const result = await request(`/api/meetings/${encodeURIComponent(meetingId)}/seats/categories`, { method: "PUT", json: { assignments } });
    setBusy(false);
    if (!result.ok) return setMessage({ tone: "error", text: result.message });
    await onChanged();
    setMessage({ tone: "success", text: "已保存座位类别，类别会印在座位卡上。" });
  }

  const counts = categories.map((c) => ({ ...c, n: Object.values(assigned).filter((id) => id === c.id).length }));
  const unassigned = Object.values(assigned).filter((id) => !id).length;

  return (
    <div className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
      <p className="font-medium text-slate-900">每个座位的测评人类别</p>
      <p className="text-sm text-slate-600">
        {counts.map((c) => `${c.label} ${c.n} 座`).join("，")}
        {unassigned > 0 && <span className="text-amber-800">，未指定 {unassigned} 座</span>}
      </p>
      <fieldset disabled={!!lock} className="flex flex-wrap items-center gap-2 text-[15px]">
        <span>从</span>
        <input className={`${INPUT} !w-20`} inputMode="numeric" value={from} onChange={(e) => setFrom(e.target.value)} aria-label="起始座位号" />
        <span>号 到</span>
        <input className={`${INPUT} !w-20`} inputMode="numeric" value={to} onChange={(e) => setTo(e.target.value)} aria-label="结束座位号" />
        <span>号 设为</span>
        <select className={`${INPUT} !w-auto`} value={category} onChange={(e) => setCategory(e.target.value)} aria-label="类别">
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
          <option value="">（不指定）</option>
        </select>
        <Button onClick={applyRange}>应用</Button>
      </fieldset>
      <ul className="grid grid-cols-2 gap-2 sm:grid-cols-4 lg:grid-cols-5">
        {access.seats.map((seat) => (
          <li key={seat.code} className="flex items-center gap-2 text-sm">
            <span className="tabular w-12 shrink-0 text-right text-slate-600">{seat.label}</span>
            <select
              className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-1.5 py-1 text-sm disabled:bg-slate-100"
              value={assigned[seat.code] ?? ""}
              disabled={!!lock}
              onChange={(e) => setAssigned({ ...assigned, [seat.code]: e.target.value })}
              aria-label={`${seat.label} 的类别`}
            >
              <option value="">未指定</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
      <div className="flex items-center gap-3">
        <Button tone="primary" onClick={() => void save()} disabled={busy || !!lock}>
          保存座位类别
        </Button>
        {message && (
          <span role={message.tone === "error" ? "alert" : "status"} className={`text-sm ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
            {message.text}
          </span>
        )}
      </div>
    </div>
  );
}
