import { expect, test } from "./fixtures";

test("the dashboard shows both providers and walks through the navigation", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Mailbox Console" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();

  for (const provider of ["Hybridbox", "Z.com Mail Hosting"]) {
    const card = page.getByRole("region", { name: provider });
    await expect(card).toBeVisible();
    await expect(card.getByText("Built-in sandbox")).toBeVisible();
    await expect(card.getByText(/Answers/)).toBeVisible();
  }

  const nav = page.getByRole("navigation", { name: "Main" });
  for (const [link, heading] of [
    ["Bulk create", "Bulk create"],
    ["Jobs", "Jobs"],
    ["Domains", "Domains"],
    ["Users", "Users"],
    ["Audit", "Audit trail"],
    ["Overview", "Overview"],
  ] as const) {
    await nav.getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    await expect(nav.getByRole("link", { name: link })).toHaveAttribute("aria-current", "page");
  }
});

test("an unknown address shows a helpful not-found page", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to the overview" })).toBeVisible();
});
