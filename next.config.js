/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
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
