import Link from "next/link";

export default function Home() {
  return (
    <div className="min-h-dvh bg-slate-100">
      <header className="border-b-4 border-amber-300/70 bg-banner px-6 py-10 text-center text-white">
        <h1 className="text-4xl font-bold tracking-wider">述职评议会现场控制台</h1>
        <p className="mt-3 text-lg text-red-100">书记抓基层党建工作述职评议会 · 述职、点评、民主测评</p>
      </header>
      <main className="mx-auto max-w-3xl space-y-6 px-6 py-10">
        <p className="text-lg leading-relaxed text-slate-700">
          本系统在会场局域网内运行：主持人推进议程、计时并记录点评，投影屏显示当前议程、述职人和倒计时，参会人员在平板上跟随议程、阅读书面述职材料。
        </p>
        <section className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-2xl font-bold text-slate-900">参会人员</h2>
          <p className="mt-2 text-lg text-slate-600">输入会场提供的 6 位会议码，进入会议。</p>
          <Link
            href="/join"
            className="mt-5 inline-flex min-h-16 items-center rounded-2xl bg-red-700 px-10 text-2xl font-bold text-white shadow active:bg-red-800"
          >
            输入会议码
          </Link>
        </section>
        <section className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-2xl font-bold text-slate-900">主持人</h2>
          <p className="mt-2 text-lg text-slate-600">请使用服务器启动时打印的主持人链接（含口令）。</p>
          <Link href="/chair" className="mt-3 inline-block text-lg text-red-700 underline underline-offset-4">
            前往主持人控制台
          </Link>
        </section>
        <section className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-2xl font-bold text-slate-900">会前准备</h2>
          <p className="mt-2 text-lg text-slate-600">组织部门建会、导入名单、抽签、设置测评、打印座位二维码（使用主持人口令）。</p>
          <Link href="/setup" className="mt-3 inline-block text-lg text-red-700 underline underline-offset-4">
            前往会前准备
          </Link>
        </section>
        <section className="rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <h2 className="text-2xl font-bold text-slate-900">投影</h2>
          <p className="mt-2 text-lg text-slate-600">
            请在投影电脑上打开服务器启动时打印的投影链接（<span className="font-mono text-base">/display/…#token=…</span>），然后按 F 键全屏。
          </p>
        </section>
      </main>
    </div>
  );
}
