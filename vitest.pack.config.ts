import path from "node:path";
import { defineConfig } from "vitest/config";

// `npm run test:pack`: builds the offline pack and starts it cut off from the network
// (server/pack/pack.test.ts). Kept apart from `npm run test:unit`: it takes minutes.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["server/pack/pack.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 20 * 60_000,
    env: { TZ: "Asia/Shanghai" },
  },
});
