import { test as base, expect } from "@playwright/test";
import { E2E_USERS } from "./env";
import { authFile, signIn } from "./fixtures";

const test = base;

test("a new installation opens on the setup screen and refuses everything else", async ({
  page,
  request,
}) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await page.goto("/users");
  await expect(page).toHaveURL(/\/setup$/);
  await page.goto("/sign-in");
  await expect(page).toHaveURL(/\/setup$/);
  // Better Auth's own sign-up is off: nobody can make an account by posting to it.
  const signUp = await request.post("/api/auth/sign-up/email", {
    data: { email: "mallory@example.test", password: "mallory-Passw0rd-1", name: "M" },
  });
  expect(signUp.ok()).toBe(false);
});

test("the setup screen checks its input and creates the first admin, signed in", async ({
  page,
}) => {
  const admin = E2E_USERS.admin;
  await page.goto("/setup");
  await page.getByRole("button", { name: "Create the admin account" }).click();
  await expect(page.getByText("Enter a name")).toBeVisible();
  await page.getByLabel("Your name").fill(admin.name);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the password").fill("different");
  await page.getByRole("button", { name: "Create the admin account" }).click();
  await expect(page.getByText("Enter an email address like it@example.com")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password", { exact: true }).fill(admin.password);
  await page.getByLabel("Repeat the password").fill(admin.password);
  await page.getByRole("button", { name: "Create the admin account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByLabel("Signed in user")).toContainText(admin.name);
  await expect(page.getByLabel("Signed in user")).toContainText("Admin");
  await page.context().storageState({ path: authFile("admin") });

  // Setup is closed for good once an admin exists.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in$|\/$/);
});

test("the admin adds an operator and a viewer, who can then sign in", async ({ browser }) => {
  const adminContext = await browser.newContext({ storageState: authFile("admin") });
  const page = await adminContext.newPage();
  await page.goto("/users");
  const form = page.getByRole("form", { name: "Add a user" });
  for (const role of ["operator", "viewer"] as const) {
    const user = E2E_USERS[role];
    await form.getByLabel("Name").fill(user.name);
    await form.getByLabel("Email").fill(user.email);
    await form.getByLabel("Role").selectOption(role);
    await form.getByLabel("Initial password").fill(user.password);
    await form.getByRole("button", { name: "Add user" }).click();
    await expect(form.getByRole("status")).toContainText(`Added ${user.email}`);
    await expect(page.getByRole("cell", { name: user.email, exact: true })).toBeVisible();
  }
  await adminContext.close();

  for (const role of ["operator", "viewer"] as const) {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const userPage = await context.newPage();
    await signIn(userPage, role);
    await context.storageState({ path: authFile(role) });
    await context.close();
  }
});
