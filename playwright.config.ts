import { defineConfig, devices } from "@playwright/test";

const port = 3100;
const isCI = !!process.env.CI;

// The e2e server runs on its own ports and data directory, so a running `npm start` is untouched.
export const e2eServerEnv = {
  PORT: String(port),
  DATA_DIR: ".data/e2e",
  SANDBOX_HYBRIDBOX_PORT: "4110",
  SANDBOX_ZCOM_PORT: "4120",
  SANDBOX_ZCOM_IDENTITY_PORT: "4121",
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "info",
};

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  fullyParallel: false,
  workers: 1,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  reporter: isCI ? [["list"], ["html", { open: "never" }]] : "list",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          ...(process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH } : {}),
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "npx tsx e2e/serve.ts",
    url: `http://127.0.0.1:${port}/api/health`,
    env: e2eServerEnv,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
