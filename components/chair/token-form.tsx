"use client";
// Asks for the chair token when the page was opened without a #token=… link.
import { useState, type FormEvent } from "react";

export function TokenForm({ message, onToken }: { message: string | null; onToken: (token: string) => void }) {
  const [value, setValue] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    const token = value.trim();
    if (token) onToken(token);
  }

  return (
    <main className="flex min-h-screen items-center justify-center bg-slate-100 p-6">
      <form onSubmit={submit} className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold">主持人登录</h1>
        <p className="mt-2 text-sm text-slate-600">
          {message ?? "请使用服务器启动时打印的主持人链接打开本页，或在下方粘贴主持人口令。"}
        </p>
        <label className="mt-4 block text-sm font-medium text-slate-700" htmlFor="chair-token">
          主持人口令
        </label>
        <input
          id="chair-token"
          data-testid="chair-token-input"
          autoFocus
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2 font-mono text-sm focus:border-slate-500 focus:outline-none"
          placeholder="粘贴 chair token"
        />
        <button
          type="submit"
          disabled={!value.trim()}
          className="mt-4 w-full rounded bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-40"
        >
          进入
        </button>
      </form>
    </main>
  );
}
