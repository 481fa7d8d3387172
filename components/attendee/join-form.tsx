// The 会议码 form on /join. A plain GET form: the join page turns ?code=123456 into
// /join/123456, so no client code is needed here. Plain <form> and <a> rather than next/form
// and next/link: their client code (≈ 4 KB gzip) would only spare one page load, and the
// tablet view's files load either way.
import { TextSizeButton } from "./text-size";

export function JoinForm({ defaultCode, error }: { defaultCode: string; error: string | null }) {
  return (
    <div className="min-h-dvh bg-slate-100">
      <div className="h-2 bg-banner" />
      <div className="flex justify-end px-4 pt-3">
        <TextSizeButton tone="light" />
      </div>
      <main className="mx-auto flex max-w-xl flex-col gap-8 px-6 py-16">
        <header className="space-y-3 text-center">
          <p className="text-lg text-slate-600">述职评议会 · 参会人员</p>
          <h1 className="text-4xl font-bold text-slate-900">输入会议码</h1>
          <p className="text-xl text-slate-600">会议码为 6 位数字，由会务工作人员提供。</p>
        </header>
        <form action="/join" className="flex flex-col gap-6">
          <label htmlFor="meeting-code" className="sr-only">
            会议码
          </label>
          <input
            id="meeting-code"
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            enterKeyHint="go"
            maxLength={12}
            required
            autoFocus
            defaultValue={defaultCode}
            placeholder="000000"
            aria-invalid={error !== null}
            aria-describedby={error ? "meeting-code-error" : undefined}
            className={`tabular h-24 w-full rounded-2xl bg-white pl-[0.3em] text-center text-6xl font-bold tracking-[0.3em] text-slate-900 shadow-sm ring-2 outline-none placeholder:text-slate-200 focus:ring-4 ${
              error ? "ring-red-500 focus:ring-red-500" : "ring-slate-300 focus:ring-red-700"
            }`}
          />
          {error && (
            <p id="meeting-code-error" role="alert" className="text-center text-xl text-red-700">
              {error}
            </p>
          )}
          <button
            type="submit"
            className="min-h-20 rounded-2xl bg-red-700 text-3xl font-bold tracking-widest text-white shadow active:bg-red-800"
          >
            进入会议
          </button>
        </form>
        <p className="text-center text-lg">
          <a href="/" className="inline-flex min-h-12 items-center text-slate-700 underline underline-offset-4">
            返回首页
          </a>
        </p>
      </main>
    </div>
  );
}
