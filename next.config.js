/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run pack` (server/pack/pack.ts) builds into its own folder with Next's standalone
  // file tracing, so the install for a hall with no network carries only what the server
  // needs; `npm run build` / `npm start` are untouched by it.
  ...(process.env.DEBRIEF_PACK_BUILD === "1"
    ? {
        distDir: ".next-pack",
        output: "standalone",
        // No page uses next/image: its native image library (≈ 20 MB) stays out of the pack.
        outputFileTracingExcludes: { "*": ["node_modules/sharp/**", "node_modules/@img/**"] },
      }
    : {}),
  // The custom server in server/ serves this app; nothing here may reach the internet.
  // Pages get their Content-Security-Policy from proxy.ts (a nonce per request); these go
  // on everything Next serves, built scripts and styles included.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
        ],
      },
    ];
  },
};

export default nextConfig;
