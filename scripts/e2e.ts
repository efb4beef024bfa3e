/**
 * `npm run test:e2e`: find a browser (or say how to get one), build the app for production, then
 * run the Playwright suite; Playwright's webServer serves the build (see playwright.config.ts).
 * Extra arguments go to `playwright test`.
 */
import { spawnSync } from "node:child_process";
import { e2eServerEnv } from "../e2e/env";
import { recordBuild } from "./build-fingerprint";
import { chromiumHelp, findChromium } from "./find-chromium";

const chromium = await findChromium();
if (!chromium) {
  console.error(
    process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist.\n` : "",
  );
  console.error(chromiumHelp);
  process.exit(1);
}

const env = { ...process.env, CHROMIUM_PATH: chromium, NEXT_TELEMETRY_DISABLED: "1" };
const run = (cmd: string, args: string[]) => {
  const result = spawnSync(process.execPath, [cmd, ...args], { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (!process.argv.includes("--no-build")) {
  // Built with the e2e server's distinctive secrets, so the leak checks can search the bundle.
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...env, ...e2eServerEnv },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  recordBuild();
}
run("node_modules/@playwright/test/cli.js", [
  "test",
  ...process.argv.slice(2).filter((a) => a !== "--no-build"),
]);
