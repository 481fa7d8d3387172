import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["server/**/*.test.ts", "components/**/*.test.ts", "prisma/**/*.test.ts"],
    // Builds and starts the offline pack (minutes): `npm run test:pack`, vitest.pack.config.ts.
    exclude: [...configDefaults.exclude, "server/pack/pack.test.ts"],
    // Integration tests start real servers; keep them from starving each other on 2 cores.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: "Asia/Shanghai" },
  },
});
