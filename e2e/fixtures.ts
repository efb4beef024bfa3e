import { test as base, expect, type Page } from "@playwright/test";
import { allSecrets, E2E_USERS, type E2ERole } from "./env";

export const authFile = (role: E2ERole) => `test-results/.auth/${role}.json`;

export interface Fixtures {
  /** Who the spec is signed in as; `test.use({ role: "viewer" })`. "anonymous": nobody. */
  role: E2ERole | "anonymous";
}

/**
 * Every spec imports `test` from here. It signs the page in as `role` (sessions made once by the
 * setup project) and checks every server-action response the page received for secrets.
 */
export const test = base.extend<
  Fixtures & { actionResponsesAreClean: void; noCspViolations: void }
>({
  role: ["admin", { option: true }],
  storageState: async ({ role }, use) => {
    await use(role === "anonymous" ? { cookies: [], origins: [] } : authFile(role));
  },
  actionResponsesAreClean: [
    async ({ page }, use) => {
      const bodies: Promise<string>[] = [];
      page.on("response", (response) => {
        if (response.request().headers()["next-action"]) {
          bodies.push(response.text().catch(() => ""));
        }
      });
      await use();
      const secrets = allSecrets();
      for (const body of await Promise.all(bodies)) {
        for (const secret of secrets)
          expect(body, "a server action answered with a secret").not.toContain(secret);
      }
    },
    { auto: true },
  ],
  // Every page of every spec runs under the Content-Security-Policy without a single violation:
  // the browser's own report events and its console messages are both watched.
  noCspViolations: [
    async ({ page }, use) => {
      const violations: string[] = [];
      await page.exposeFunction("__reportCspViolation", (text: string) => violations.push(text));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          const report = (window as unknown as { __reportCspViolation: (t: string) => void })
            .__reportCspViolation;
          report(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${e.documentURI}`);
        });
      });
      page.on("console", (message) => {
        if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
      });
      await use();
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export async function signIn(page: Page, role: E2ERole) {
  const user = E2E_USERS[role];
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
}

export { expect };
