import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL, e2eServerEnv } from "./e2e/env";
import { CHROMIUM_ARGS } from "./scripts/find-chromium";

const isCI = !!process.env.CI;

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    ...(process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH } : {}),
    args: CHROMIUM_ARGS,
  },
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/output",
  fullyParallel: false,
  workers: 1,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  reporter: isCI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // First run of a new installation: the setup screen, then the users every spec signs in as.
    { name: "setup", testMatch: /first-run\.setup\.ts/, use: chromium },
    { name: "chromium", testMatch: /\.spec\.ts$/, dependencies: ["setup"], use: chromium },
    // Last: search the build, the pages and the whole server log for secrets.
    { name: "secrets", testMatch: /secrets\.check\.ts/, dependencies: ["chromium"], use: chromium },
  ],
  webServer: {
    command: "npx tsx e2e/serve.ts",
    url: `${E2E_BASE_URL}/api/health`,
    env: e2eServerEnv,
    reuseExistingServer: false,
    timeout: 120_000,
    // The whole log is in test-results/server.log (e2e/serve.ts); keep the test output readable.
    stdout: "ignore",
    stderr: "pipe",
  },
});
