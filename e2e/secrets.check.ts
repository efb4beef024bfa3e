import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { allSecrets } from "./env";
import { expect, test } from "./fixtures";

/**
 * Runs after every other spec (see playwright.config.ts). The build was made and the server run
 * with distinctive provider tokens, keys and user passwords; none may appear in what a browser can
 * load or in the server's log.
 */
const secrets = allSecrets();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

test("no secret is in the browser bundle", () => {
  const files = filesUnder(".next/static");
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    const text = readFileSync(file, "latin1");
    for (const secret of secrets) expect(text, `${file} holds a secret`).not.toContain(secret);
  }
});

test("no secret is in any page as served", async ({ page }) => {
  for (const route of [
    "/",
    "/bulk",
    "/jobs",
    "/domains",
    "/users",
    "/audit",
    "/sign-in",
    "/setup",
  ]) {
    const response = await page.request.get(route);
    const html = await response.text();
    for (const secret of secrets) expect(html, `${route} holds a secret`).not.toContain(secret);
  }
});

test("no secret is in the server log of the whole run", () => {
  const log = readFileSync("test-results/server.log", "utf8");
  // The log is real: it holds the run's sign-ins and audit lines.
  expect(log).toContain('"audit":"auth.signed_in"');
  for (const secret of secrets) expect(log, "the server log holds a secret").not.toContain(secret);
});
