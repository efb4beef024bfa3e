import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS } from "./scripts/find-chromium";

/**
 * `npm run test:instances`: the multi-instance test (e2e/instances.multi.ts) on PostgreSQL. It
 * starts its own servers, runners and sandboxes; it needs the production build in .next.
 */
export default defineConfig({
  testDir: "./e2e",
  testMatch: /instances\.multi\.ts$/,
  outputDir: "./test-results/instances",
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 300_000,
  expect: { timeout: 10_000 },
  use: {
    ...devices["Desktop Chrome"],
    launchOptions: {
      ...(process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH } : {}),
      args: CHROMIUM_ARGS,
    },
    trace: "retain-on-failure",
  },
});
