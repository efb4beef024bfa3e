import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

// `server-only` throws outside a React Server bundle; in Node tests it is a no-op.
const alias = {
  "@/": root,
  "server-only": fileURLToPath(new URL("./lib/testing/server-only-stub.ts", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          setupFiles: ["lib/testing/fast-check-seed.ts"],
          include: ["{lib,sandbox,components,app,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: {
          name: "db",
          environment: "node",
          setupFiles: ["lib/testing/fast-check-seed.ts"],
          include: ["{lib,sandbox,app}/**/*.db.test.ts"],
          // PGlite opens in ~3 s; PostgreSQL tests share one database.
          testTimeout: 30_000,
          hookTimeout: 30_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
