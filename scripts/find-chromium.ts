import { existsSync } from "node:fs";

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own download; null if none. */
export async function findChromium(): Promise<string | null> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  try {
    const { chromium } = await import("@playwright/test");
    const own = chromium.executablePath();
    return own && existsSync(own) ? own : null;
  } catch {
    return null;
  }
}

export const chromiumHelp = `No Chromium found for the end-to-end tests. Get one of:
  - Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium   (lands at /usr/bin/chromium)
  - any system:     npx playwright install chromium   (needs access to Playwright's download host)
  - or point CHROMIUM_PATH at an existing Chromium or Chrome binary.`;

/** Flags that keep Chromium quiet and working on a closed network, as root, without a GPU. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
