/**
 * `npm run test:instances`: two web servers and two runners on one PostgreSQL
 * (e2e/instances.multi.ts). Uses the production build in .next (`npm test` makes one; built
 * here when missing) and DATABASE_URL (default: this machine's postgres://…/test).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromiumHelp, findChromium } from "./find-chromium";

const chromium = await findChromium();
if (!chromium) {
  console.error(chromiumHelp);
  process.exit(1);
}
const env = {
  ...process.env,
  CHROMIUM_PATH: chromium,
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test",
};
const node = (args: string[], extra: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, args, { stdio: "inherit", env: { ...env, ...extra } });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!existsSync(".next/BUILD_ID")) {
  // Built as `npm test` builds it: the build itself needs no database.
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...env, DATABASE_URL: "" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
node([
  "node_modules/@playwright/test/cli.js",
  "test",
  "--config",
  "playwright.instances.config.ts",
  ...process.argv.slice(2),
]);
