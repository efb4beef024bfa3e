import { readFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { e2eServerEnv } from "./env";
import { expect, test } from "./fixtures";
import { submitJob, waitForJob } from "./server-actions";
import { sandboxCredentials } from "../sandbox/credentials";

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/domains-${name}.png`, fullPage: true });

const sandboxUrl = (provider: "hybridbox" | "zcom") =>
  `http://127.0.0.1:${provider === "hybridbox" ? e2eServerEnv.SANDBOX_HYBRIDBOX_PORT : e2eServerEnv.SANDBOX_ZCOM_PORT}`;

/** Fault injection on the e2e sandbox; `{}` turns every fault off (a reset would also reseed). */
async function setFaults(
  request: APIRequestContext,
  provider: "hybridbox" | "zcom",
  faults: object,
) {
  const response = await request.put(`${sandboxUrl(provider)}/__sandbox/faults`, { data: faults });
  expect(response.ok(), await response.text()).toBe(true);
}

const mailboxTable = (page: Page) => page.getByRole("table", { name: /^Mailboxes on / });
const firstAddress = (page: Page) => mailboxTable(page).getByRole("rowheader").first();

test("the Domains page lists both providers' domains, with Hybridbox's counts", async ({
  page,
}) => {
  await page.goto("/domains");
  await expect(page.getByRole("heading", { level: 1, name: "Domains" })).toBeVisible();
  const hybridbox = page.getByRole("region", { name: "Hybridbox" });
  const zcom = page.getByRole("region", { name: "Z.com Mail Hosting" });
  for (const card of [hybridbox, zcom])
    await expect(card.getByText("Built-in sandbox")).toBeVisible();

  await expect(hybridbox.getByRole("row", { name: /big\.example/ })).toContainText("120");
  await expect(hybridbox.getByRole("row", { name: /empty\.example/ })).toContainText("0");
  for (const name of ["big.zcom.example", "jp.example", "zcom-demo.example"]) {
    await expect(zcom.getByRole("link", { name, exact: true })).toBeVisible();
  }
  await expect(zcom.getByText(/does not include mailbox counts/)).toBeVisible();
  await shot(page, "list");

  await hybridbox.getByRole("link", { name: "big.example", exact: true }).click();
  await expect(page).toHaveURL(/\/domains\/hybridbox\/big\.example$/);
  await expect(page.getByRole("heading", { level: 1, name: "big.example" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Bulk create on this domain" })).toHaveAttribute(
    "href",
    "/bulk?provider=hybridbox&domain=big.example",
  );
});

test("pages through the 120 mailboxes of big.example (Hybridbox), in the URL", async ({ page }) => {
  await page.goto("/domains/hybridbox/big.example");
  await expect(page.getByText("1–25 of 120 mailboxes")).toBeVisible();
  await expect(firstAddress(page)).toHaveText("user001@big.example");
  // Sortable headers end with an arrow (hidden from screen readers, which hear aria-sort).
  // The first column holds the admin's selection checkboxes (see mailbox-actions.spec.ts).
  await expect(mailboxTable(page).getByRole("columnheader")).toHaveText([
    /^$/,
    /^Address/,
    /^Name/,
    "Status",
    "Quota used / allowed",
    "Aliases",
    /^Created/,
    "Created by",
  ]);
  await shot(page, "hybridbox-page-1");

  const pages = page.getByRole("navigation", { name: "Pages" });
  await pages.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("26–50 of 120 mailboxes")).toBeVisible();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(firstAddress(page)).toHaveText("user026@big.example");

  await pages.getByRole("button", { name: "Last" }).click();
  await expect(page.getByText("101–120 of 120 mailboxes")).toBeVisible();
  await expect(mailboxTable(page).getByRole("row")).toHaveCount(21); // header + 20
  await expect(pages.getByRole("button", { name: "Next" })).toBeDisabled();
  await expect(pages).toContainText("Page 5 of 5");

  await pages.getByRole("button", { name: "Previous" }).click();
  await expect(page.getByText("76–100 of 120 mailboxes")).toBeVisible();
  await page.reload();
  await expect(page.getByText("76–100 of 120 mailboxes")).toBeVisible();
  await page.goBack();
  await expect(page.getByText("101–120 of 120 mailboxes")).toBeVisible();

  await page.getByLabel("Rows per page").selectOption("100");
  await expect(page.getByText("1–100 of 120 mailboxes")).toBeVisible();
  await expect(page).toHaveURL(/\?pageSize=100$/);
});

test("pages through the 120 addresses of big.zcom.example (Z.com) with its own columns", async ({
  page,
}) => {
  await page.goto("/domains/zcom/big.zcom.example");
  await expect(page.getByText("1–25 of 120 mailboxes")).toBeVisible();
  await expect(firstAddress(page)).toHaveText("user-001@big.zcom.example");
  await expect(mailboxTable(page).getByRole("columnheader")).toHaveText([
    /^$/,
    /^Address/,
    "Username",
    /^Usage/,
    "Spam filter",
    "Virus check",
    "Created by",
  ]);
  const pages = page.getByRole("navigation", { name: "Pages" });
  await pages.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("26–50 of 120 mailboxes")).toBeVisible();
  await expect(firstAddress(page)).toHaveText("user-026@big.zcom.example");
  await pages.getByRole("button", { name: "Last" }).click();
  await expect(page.getByText("101–120 of 120 mailboxes")).toBeVisible();
  await expect(firstAddress(page)).toHaveText("user-101@big.zcom.example");
  await pages.getByRole("button", { name: "First" }).click();
  await expect(page.getByText("1–25 of 120 mailboxes")).toBeVisible();
  await shot(page, "zcom-page-1");
});

test("searches: Hybridbox on its side, Z.com locally and says so", async ({ page }) => {
  await page.goto("/domains/hybridbox/big.example");
  await expect(page.getByText("Hybridbox searches addresses and names.")).toBeVisible();
  await page.getByRole("searchbox", { name: "Search mailboxes" }).fill("user11");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("1–10 of 10 matching “user11”")).toBeVisible();
  await expect(page.getByText("Searched by Hybridbox.")).toBeVisible();
  await expect(page).toHaveURL(/\?search=user11$/);
  await expect(firstAddress(page)).toHaveText("user110@big.example");

  await page.goto("/domains/zcom/big.zcom.example");
  await expect(page.getByText(/has no search of its own/)).toBeVisible();
  await page.getByRole("searchbox", { name: "Search mailboxes" }).fill("user-11");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("1–10 of 10 matching “user-11”")).toBeVisible();
  await expect(
    page.getByText(
      "Z.com Mail Hosting cannot search, so the console read all 120 addresses and filtered them here.",
    ),
  ).toBeVisible();
  await shot(page, "zcom-search");
  await page.getByRole("button", { name: "Clear search" }).click();
  await expect(page.getByText("1–25 of 120 mailboxes")).toBeVisible();
});

test("sorts the whole domain when it can read it all, and says so", async ({ page }) => {
  await page.goto("/domains/hybridbox/big.example");
  const address = mailboxTable(page).getByRole("columnheader", { name: "Address" });
  await address.getByRole("button").click();
  await expect(address).toHaveAttribute("aria-sort", "ascending");
  await address.getByRole("button").click();
  await expect(address).toHaveAttribute("aria-sort", "descending");
  await expect(
    page.getByText("Sorted by address, Z to A, across all 120 mailboxes."),
  ).toBeVisible();
  await expect(firstAddress(page)).toHaveText("user120@big.example");
  await expect(page).toHaveURL(/\?sort=-address$/);
});

test("an unknown domain or provider says so and leads back to Domains", async ({ page }) => {
  await page.goto("/domains/hybridbox/no-such.example");
  await expect(
    page.getByText("Hybridbox has no domain “no-such.example” in this account."),
  ).toBeVisible();
  await page.goto("/domains/zcom/no-such.example");
  await expect(
    page.getByText("Z.com Mail Hosting has no domain “no-such.example” in this account."),
  ).toBeVisible();
  await shot(page, "unknown-domain");
  await page.getByRole("link", { name: "Back to Domains" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Domains" })).toBeVisible();

  const response = await page.goto("/domains/nope/x.example");
  expect(response?.status()).toBe(404);
});

test.describe("when a provider fails", () => {
  test.afterEach(async ({ request }) => {
    await setFaults(request, "hybridbox", {});
    await setFaults(request, "zcom", {});
  });

  test("its card explains the failure with a Retry, and the other provider still shows", async ({
    page,
    request,
  }) => {
    await setFaults(request, "hybridbox", { errorRate: 1, errorStatuses: [500], scope: "all" });
    await page.goto("/domains");
    const hybridbox = page.getByRole("region", { name: "Hybridbox" });
    await expect(hybridbox.getByRole("alert")).toContainText("Hybridbox had an error on its side.");
    await expect(hybridbox.getByRole("alert")).toContainText("HTTP 500");
    const zcom = page.getByRole("region", { name: "Z.com Mail Hosting" });
    await expect(zcom.getByRole("link", { name: "big.zcom.example" })).toBeVisible();
    await shot(page, "provider-failure");

    await setFaults(request, "hybridbox", {});
    await hybridbox.getByRole("button", { name: "Retry" }).click();
    await expect(hybridbox.getByRole("link", { name: "big.example", exact: true })).toBeVisible();
    await expect(hybridbox.getByRole("alert")).toHaveCount(0);
  });

  test("the mailbox view explains a failing provider and Retry brings the list back", async ({
    page,
    request,
  }) => {
    await setFaults(request, "zcom", { errorRate: 1, errorStatuses: [503], scope: "all" });
    await page.goto("/domains/zcom/big.zcom.example");
    const alert = page.getByRole("alert").filter({ hasText: "Z.com Mail Hosting" });
    await expect(alert).toContainText("Z.com Mail Hosting is not available right now.");
    await expect(alert).toContainText("HTTP 503");
    await shot(page, "mailboxes-failure");
    await setFaults(request, "zcom", {});
    await alert.getByRole("button", { name: "Retry" }).click();
    await expect(page.getByText("1–25 of 120 mailboxes")).toBeVisible();
  });
});

test.describe("as a viewer", () => {
  test.use({ role: "viewer" });

  test("exports the whole domain as a CSV Excel can read", async ({ page }) => {
    await page.goto("/domains/hybridbox/big.example");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV (whole domain)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^big\.example-mailboxes-\d{4}-\d\d-\d\d\.csv$/);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines.pop()).toBe(""); // the last line ends with CRLF too
    expect(lines[0]).toBe(
      "address,first_name,last_name,status,quota_used,quota_allowed,aliases,created_at,created_by_job",
    );
    expect(lines).toHaveLength(121);
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(120);
    expect(lines[1]).toMatch(/^user001@big\.example,/);
  });

  test("exports Korean names intact, and Z.com domains with Z.com's columns", async ({ page }) => {
    const korean = await page.request.get("/api/domains/hybridbox/kr.example/export");
    expect(korean.headers()["content-disposition"]).toMatch(/^attachment; filename="kr\.example-/);
    expect(korean.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(await korean.text()).toContain("minjun.kim@kr.example,민준,김");

    const zcom = (await page.request.get("/api/domains/zcom/big.zcom.example/export")).body();
    const lines = (await zcom).toString("utf8").slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("address,username,usage,spam_filter,virus_check,created_by_job");
    expect(lines).toHaveLength(121);
  });
});

test("a mailbox our job created links to that job", async ({ page }) => {
  // Created through the app's own path: the bulk page's server action and the job runner.
  const localPart = `e2e-link-${Date.now().toString(36)}`;
  const jobId = await submitJob(page.request, {
    provider: "hybridbox",
    domain: "acme.example",
    rows: [{ firstName: "Linda", lastName: "Link", localPart }],
  });
  await waitForJob(page.request, jobId);

  try {
    await page.goto(`/domains/hybridbox/acme.example?search=${localPart}`);
    const row = mailboxTable(page).getByRole("row", { name: new RegExp(localPart) });
    const link = row.getByRole("link", { name: `Created by job ${jobId.slice(0, 8)}` });
    await expect(link).toHaveAttribute("href", `/jobs/${jobId}`);
    // Seeded mailboxes were not made by us and have no link.
    await page.goto("/domains/hybridbox/acme.example?search=jane.doe");
    await expect(mailboxTable(page).getByRole("link", { name: /Created by job/ })).toHaveCount(0);
  } finally {
    // Leave acme.example as seeded for other specs: delete through the provider's own API.
    const { accountId } = sandboxCredentials.hybridbox;
    await page.request.delete(
      `${sandboxUrl("hybridbox")}/v1/public/accounts/${accountId}/mailboxes/${localPart}@acme.example`,
      { headers: { authorization: `Bearer ${e2eServerEnv.HYBRIDBOX_TOKEN}` } },
    );
  }
});
