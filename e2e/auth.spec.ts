import { E2E_USERS, e2eServerEnv } from "./env";
import { expect, signIn, test } from "./fixtures";
import { postFrom } from "./from-address";

test.describe("signed out", () => {
  test.use({ role: "anonymous" });

  test("every page sends a stranger to sign-in; a wrong password says so", async ({ page }) => {
    for (const path of ["/", "/bulk", "/jobs", "/domains", "/users", "/audit"]) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/sign-in$/);
    }
    await page.getByLabel("Email").fill(E2E_USERS.operator.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
  });

  test("sign in, then sign out ends the session", async ({ page }) => {
    await signIn(page, "operator");
    await expect(page.getByLabel("Signed in user")).toContainText("Operator");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/jobs");
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("sign-in attempts are limited per client address, and per account at an address", async () => {
    const attempt = (from: string, email: string, password = "wrong-password-attempt", xff = "") =>
      postFrom(
        from,
        "/api/auth/sign-in/email",
        { email, password },
        xff ? { "x-forwarded-for": xff } : {},
      );
    // Per client, by the socket's address: a forged X-Forwarded-For changes nothing.
    const limit = Number(e2eServerEnv.SIGN_IN_ATTEMPTS_PER_MINUTE);
    const statuses: number[] = [];
    for (let i = 0; i <= limit; i++) {
      statuses.push(
        (await attempt("127.0.0.20", `nobody${i}@example.test`, "x", `198.18.0.${i}`)).status,
      );
    }
    expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(401));
    expect(statuses[limit]).toBe(429);

    // Behind a trusted proxy (TRUSTED_PROXY=127.0.0.9 here), its X-Forwarded-For names the client.
    for (let i = 0; i < limit; i++)
      await attempt("127.0.0.9", `p${i}@example.test`, "x", "198.51.100.9");
    expect((await attempt("127.0.0.9", "p@example.test", "x", "198.51.100.9")).status).toBe(429);
    expect((await attempt("127.0.0.9", "p@example.test", "x", "198.51.100.10")).status).toBe(401);

    // Per account at one address: ten attempts, then that address waits 15 minutes …
    const admin = E2E_USERS.admin;
    for (let i = 0; i < 10; i++)
      expect((await attempt("127.0.0.21", admin.email)).status).toBe(401);
    const locked = await attempt("127.0.0.21", admin.email, admin.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers["x-retry-after"])).toBeGreaterThan(890);
    // … while the admin, from their own address, still signs in.
    expect((await attempt("127.0.0.22", admin.email, admin.password)).status).toBe(200);
  });
});

test.describe("as a viewer", () => {
  test.use({ role: "viewer" });

  test("reads pages but gets no user management", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByLabel("Signed in user")).toContainText("Viewer");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Audit" })).toHaveCount(0);
    const response = await page.goto("/users");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Not allowed" })).toBeVisible();
  });
});

test.describe("as an admin", () => {
  test("manages users: role change and disabling take effect at once, and are audited", async ({
    page,
    browser,
  }) => {
    const temp = {
      name: "Tess Temp",
      email: "tess@example.test",
      password: "tess-e2e-Passw0rd-94",
    };
    await page.goto("/users");
    const form = page.getByRole("form", { name: "Add a user" });
    await form.getByLabel("Name").fill(temp.name);
    await form.getByLabel("Email").fill(temp.email);
    await form.getByLabel("Role").selectOption("viewer");
    await form.getByLabel("Initial password").fill(temp.password);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByRole("status")).toContainText(`Added ${temp.email}`);

    // A second account with the same address is refused on the field.
    await form.getByLabel("Name").fill("Again");
    await form.getByLabel("Email").fill(temp.email);
    await form.getByLabel("Initial password").fill(temp.password);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByText("Someone already has this email address")).toBeVisible();

    // Tess signs in as a viewer.
    const tessContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const tess = await tessContext.newPage();
    await tess.goto("/sign-in");
    await tess.getByLabel("Email").fill(temp.email);
    await tess.getByLabel("Password").fill(temp.password);
    await tess.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(tess.getByLabel("Signed in user")).toContainText("Viewer");

    // Promote her: her next page shows the new role without signing in again.
    const row = page.getByRole("row", { name: new RegExp(temp.email) });
    await row.getByLabel(`Role of ${temp.email}`).selectOption("operator");
    await row.getByRole("button", { name: "Save role" }).click();
    await expect(row.getByText("Role changed to Operator.")).toBeVisible();
    await tess.reload();
    await expect(tess.getByLabel("Signed in user")).toContainText("Operator");

    // Disable her: her session ends and she cannot sign in again.
    await row.getByRole("button", { name: "Disable" }).click();
    await expect(row.getByText("Disabled", { exact: true })).toBeVisible();
    await tess.reload();
    await expect(tess).toHaveURL(/\/sign-in$/);
    await tess.getByLabel("Email").fill(temp.email);
    await tess.getByLabel("Password").fill(temp.password);
    await tess.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(tess.getByRole("main").getByRole("alert")).toContainText("disabled");
    await tessContext.close();

    // An admin cannot lock themself out.
    const me = page.getByRole("row", { name: new RegExp(E2E_USERS.admin.email) });
    await expect(me.getByText("This is you.")).toBeVisible();

    // Every change is in the audit trail, which filters by action.
    await page.goto("/audit");
    await page.getByLabel("Action").selectOption("user.role_changed");
    await page.getByRole("button", { name: "Filter" }).click();
    const changed = page.getByRole("row", { name: new RegExp(temp.email) });
    await expect(changed).toContainText('"to":"operator"');
    await expect(changed).toContainText(E2E_USERS.admin.email);
    await page.getByLabel("Action").selectOption("user.disabled");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByRole("row", { name: new RegExp(temp.email) })).toHaveCount(1);
    await page.getByLabel("Action").selectOption("auth.signed_in");
    await page.getByLabel("Who").fill(E2E_USERS.viewer.email);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(
      page.getByRole("row", { name: new RegExp(E2E_USERS.viewer.email) }).first(),
    ).toBeVisible();
  });
});
