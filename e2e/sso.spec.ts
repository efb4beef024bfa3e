import type { BrowserContext, Page } from "@playwright/test";
import { E2E_IDP_ISSUER, E2E_IDP_NAME } from "./env";
import { authFile, expect, test } from "./fixtures";
import { IDP_ACCOUNTS, SHORT_CODE_TTL_SECONDS, type IdpLogin } from "./idp/accounts";

// Single sign-on end to end: the console, a browser and a real OpenID Provider
// (oidc-provider, e2e/idp/test-op.ts) with its own login and consent pages.
test.use({ role: "anonymous" });

/**
 * From the console's sign-in page through the provider's login and consent pages. `onCallback`
 * gets the provider's redirect back to the console before the browser follows it, and may change
 * it or take its time. (Playwright does not route the later hops of a redirect chain, so the
 * consent POST is routed and the provider's own hops are followed with the context's cookies.)
 */
async function throughProvider(
  page: Page,
  login: IdpLogin,
  consent: "accept" | "deny" = "accept",
  onCallback?: (callback: URL) => Promise<URL>,
) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: `Sign in with ${E2E_IDP_NAME}` }).click();
  await page.waitForURL((url) => url.origin === E2E_IDP_ISSUER);
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("anything-the-test-idp-accepts");
  await page.getByRole("button", { name: "Sign-in" }).click();
  if (onCallback) {
    await page.route(`${E2E_IDP_ISSUER}/interaction/**`, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      let response = await route.fetch({ maxRedirects: 0 });
      let next = new URL(response.headers()["location"] ?? "", E2E_IDP_ISSUER);
      while (next.origin === E2E_IDP_ISSUER) {
        response = await page.request.get(next.toString(), { maxRedirects: 0 });
        next = new URL(response.headers()["location"] ?? "", E2E_IDP_ISSUER);
      }
      const callback = await onCallback(next);
      await route.fulfill({ status: 303, headers: { location: callback.toString() } });
    });
  }
  if (consent === "deny") await page.getByRole("link", { name: "[ Cancel ]" }).click();
  else await page.getByRole("button", { name: "Continue" }).click();
}

async function expectSignedIn(page: Page, login: IdpLogin, role: string) {
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const who = page.getByLabel("Signed in user");
  await expect(who).toContainText(IDP_ACCOUNTS[login].name);
  await expect(who).toContainText(role);
}

/** Back on the sign-in page with `message`, and no session: no cookie, every page refuses. */
async function expectRefused(page: Page, context: BrowserContext, message: RegExp) {
  await expect(page).toHaveURL(/\/sign-in\?error=/);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(message);
  expect((await context.cookies()).map((c) => c.name)).not.toContain("mbc.session_token");
  await page.goto("/jobs");
  await expect(page).toHaveURL(/\/sign-in$/);
}

/** The Users page as the admin: the row of `login`'s email, if any. */
async function userRow(context: BrowserContext, login: IdpLogin) {
  const admin = await context.browser()!.newContext({ storageState: authFile("admin") });
  const page = await admin.newPage();
  await page.goto("/users");
  const rows = page.getByRole("row", { name: new RegExp(IDP_ACCOUNTS[login].email) });
  return { page, rows, close: () => admin.close() };
}

test("first sign-in makes the account with the default role; a returning one finds it; sign-out ends it", async ({
  page,
  context,
  browser,
}) => {
  await throughProvider(page, "sam");
  await expectSignedIn(page, "sam", "Viewer");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await context.cookies()).map((c) => c.name)).not.toContain("mbc.session_token");
  await page.goto("/jobs");
  await expect(page).toHaveURL(/\/sign-in$/);

  // Returning, from another browser: the same account, not a second one.
  const again = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page2 = await again.newPage();
  await throughProvider(page2, "sam");
  await expectSignedIn(page2, "sam", "Viewer");
  await again.close();

  const users = await userRow(context, "sam");
  await expect(users.rows).toHaveCount(1);
  await expect(users.rows.getByLabel(`Role of ${IDP_ACCOUNTS.sam.email}`)).toHaveValue("viewer");
  await users.page.goto("/audit?action=user.created");
  await expect(
    users.page.getByRole("row", { name: new RegExp(IDP_ACCOUNTS.sam.email) }),
  ).toContainText('"via":"single-sign-on"');
  await users.close();
});

test("the role comes from the groups claim, and the audit trail says from where", async ({
  page,
  context,
}) => {
  await throughProvider(page, "olga");
  await expectSignedIn(page, "olga", "Operator");
  const users = await userRow(context, "olga");
  await users.page.goto("/audit?action=user.role_changed");
  const row = users.page.getByRole("row", { name: new RegExp(IDP_ACCOUNTS.olga.email) });
  await expect(row).toContainText('"to":"operator"');
  await expect(row).toContainText('"claim":"groups"');
  await expect(row).toContainText('"values":["mail-operators"]');
  await expect(row).toContainText(E2E_IDP_ISSUER);
  await users.close();
});

test("consent denied at the provider: a clear message, no session, no account", async ({
  page,
  context,
}) => {
  await throughProvider(page, "dana", "deny");
  await expectRefused(page, context, /cancelled or refused there\. You are not signed in\./);
  const users = await userRow(context, "dana");
  await expect(users.rows).toHaveCount(0);
  await users.close();
});

test("a callback whose state is not this browser's sign-in is refused", async ({
  page,
  context,
}) => {
  await throughProvider(page, "sam", "accept", async (callback) => {
    expect(callback.pathname).toBe("/api/auth/callback/oidc");
    callback.searchParams.set("state", "forged-state-0123456789abcdefghijklmnopqrstuv");
    return callback;
  });
  await expectRefused(page, context, /did not belong to a sign-in started in this browser/);
});

test("an authorization code that expired before the callback is refused", async ({
  page,
  context,
}) => {
  // The provider gives lena's codes one second; the callback reaches the console later.
  await throughProvider(page, "lena", "accept", async (callback) => {
    expect(callback.searchParams.get("code")).toBeTruthy();
    await new Promise((r) => setTimeout(r, SHORT_CODE_TTL_SECONDS * 1000 + 1500));
    return callback;
  });
  await expectRefused(page, context, /did not accept the sign-in code \(it may have expired/);
  const users = await userRow(context, "lena");
  await expect(users.rows).toHaveCount(0);
  await users.close();
});

for (const [login, what] of [
  ["ivan", "another issuer"],
  ["aude", "another audience"],
] as const) {
  test(`an ID token for ${what} is refused, though its signature is good`, async ({
    page,
    context,
  }) => {
    await throughProvider(page, login);
    await expectRefused(page, context, /identity token from .* could not be verified/);
    const users = await userRow(context, login);
    await expect(users.rows).toHaveCount(0);
    await users.close();
  });
}
