import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { e2eServerEnv } from "./env";
import { submitJob, waitForJob } from "./server-actions";

/**
 * After creation, per provider against the real HTTP sandboxes: delete from the domain view (one
 * mailbox, then "select all N that match"), and undo a creation job; the two jobs link both ways.
 * Each test deletes what it made, so the domains stay as other specs expect them (empty). The
 * jobs stay: this file is named to run after bulk.spec, which counts the jobs on its domains.
 */
const PROVIDERS = [
  { provider: "hybridbox", domain: "empty.example" },
  { provider: "zcom", domain: "empty.zcom.example" },
] as const;

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/screenshots/after-${name}.png`, fullPage: true });

/** Local parts valid on both providers, unique to this run. */
const tagged = () => `af${randomBytes(3).toString("hex")}`;
const rows = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    localPart: `${prefix}-${String(i + 1).padStart(2, "0")}`,
    firstName: "After",
    lastName: `Person ${i + 1}`,
  }));

async function created(
  request: APIRequestContext,
  provider: "hybridbox" | "zcom",
  domain: string,
  prefix: string,
  n: number,
) {
  const jobId = await submitJob(request, { provider, domain, rows: rows(prefix, n) });
  await waitForJob(request, jobId);
  return jobId;
}

const mailboxTable = (page: Page) => page.getByRole("table", { name: /^Mailboxes on / });

async function confirmDelete(page: Page, domain: string, count: number) {
  const from = new URL(page.url()).pathname;
  const form = page.getByRole("form", { name: new RegExp(`^Delete ${count} mailbox`) });
  await expect(form).toBeVisible();
  await form.getByLabel(/^Type the domain name/).fill(`${domain}x`);
  await form.getByLabel(/^Type the number of mailboxes/).fill(String(count));
  await form.getByRole("button", { name: new RegExp(`^Delete ${count} mailbox`) }).click();
  await expect(form.getByText(`Type ${domain} exactly.`)).toBeVisible();
  await form.getByLabel(/^Type the domain name/).fill(domain.toUpperCase());
  await form.getByRole("button", { name: new RegExp(`^Delete ${count} mailbox`) }).click();
  // The new job's page (an undo starts on the creation job's page).
  await page.waitForURL(
    (url) => url.pathname !== from && /^\/jobs\/[0-9a-f-]{36}$/.test(url.pathname),
  );
  return page.url().split("/jobs/")[1]!;
}

for (const { provider, domain } of PROVIDERS) {
  test.describe(`${provider}: after creation`, () => {
    test("deletes one mailbox, then all that match a search", async ({ page, request }) => {
      const prefix = tagged();
      await created(request, provider, domain, prefix, 27);
      await page.goto(`/domains/${provider}/${domain}?search=${prefix}`);
      await expect(page.getByText(`1–25 of 27 matching “${prefix}”`)).toBeVisible();

      const first = `${prefix}-01@${domain}`;
      await mailboxTable(page)
        .getByRole("checkbox", { name: `Select ${first}` })
        .check();
      const bar = page.getByRole("region", { name: "Actions on the selected mailboxes" });
      await expect(bar).toContainText("1 mailbox selected");
      await shot(page, `${provider}-selected-one`);
      await bar.getByRole("button", { name: "Delete…" }).click();
      const one = await confirmDelete(page, domain, 1);
      await waitForJob(request, one);
      await page.reload();
      await expect(page.getByRole("row", { name: new RegExp(first) })).toContainText("Deleted");
      await shot(page, `${provider}-delete-job`);

      await page.goto(`/domains/${provider}/${domain}?search=${prefix}`);
      await expect(page.getByText(`1–25 of 26 matching “${prefix}”`)).toBeVisible();
      await expect(mailboxTable(page).getByRole("rowheader", { name: first })).toHaveCount(0);
      await mailboxTable(page)
        .getByRole("checkbox", { name: "Select every mailbox on this page" })
        .check();
      await expect(bar).toContainText("25 mailboxes selected");
      await bar.getByRole("button", { name: "Select all 26 that match" }).click();
      await expect(bar).toContainText("All 26 mailboxes that match are selected.");
      await shot(page, `${provider}-selected-all`);
      await bar.getByRole("button", { name: "Delete…" }).click();
      const all = await confirmDelete(page, domain, 26);
      await waitForJob(request, all);

      await page.goto(`/domains/${provider}/${domain}?search=${prefix}`);
      await expect(
        page.getByText(`No mailbox matches “${prefix}”`, { exact: false }),
      ).toBeVisible();
    });

    test("undoes a creation job; the two jobs link to each other", async ({ page, request }) => {
      const prefix = tagged();
      const jobId = await created(request, provider, domain, prefix, 3);
      await page.goto(`/jobs/${jobId}`);
      await page.getByRole("button", { name: "Delete the mailboxes this job created" }).click();
      await shot(page, `${provider}-undo-confirm`);
      const undo = await confirmDelete(page, domain, 3);
      await waitForJob(request, undo);
      await page.reload();
      await expect(page.getByRole("link", { name: `job ${jobId.slice(0, 8)}` })).toBeVisible();
      await expect(page.getByText("Deleted").first()).toBeVisible();
      await shot(page, `${provider}-undo-job`);

      await page.getByRole("link", { name: `job ${jobId.slice(0, 8)}` }).click();
      await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}$`));
      await expect(
        page.getByRole("link", { name: `job ${undo.slice(0, 8)}`, exact: true }),
      ).toBeVisible();
      await expect(
        page.getByRole("button", { name: "Delete the mailboxes this job created" }),
      ).toHaveCount(0);
      if (provider === "zcom") {
        // The passwords this job stored opened mailboxes that are gone: each row names the undo.
        await expect(
          page
            .getByRole("table", { name: "Job rows" })
            .getByRole("link", { name: `Job ${undo.slice(0, 8)}`, exact: true }),
        ).toHaveCount(3);
      }

      await page.goto(`/domains/${provider}/${domain}?search=${prefix}`);
      await expect(
        page.getByText(`No mailbox matches “${prefix}”`, { exact: false }),
      ).toBeVisible();

      // The jobs list, newest first: the undo (a delete) above the creation it undid.
      await page.goto("/jobs");
      const rows = page.getByRole("table").getByRole("row");
      await expect(rows.nth(1)).toContainText("Delete");
      await expect(rows.nth(2)).toContainText("Create");
      await shot(page, `${provider}-jobs-list`);
    });
  });
}

const zcomSandbox = () => `http://127.0.0.1:${e2eServerEnv.SANDBOX_ZCOM_PORT}`;

test("zcom: resets passwords; the new credentials are handed out once", async ({
  page,
  request,
}) => {
  const domain = "empty.zcom.example";
  const prefix = tagged();
  const creationJob = await created(request, "zcom", domain, prefix, 2);
  await page.goto(`/domains/zcom/${domain}?search=${prefix}`);
  await expect(page.getByText(`1–2 of 2 matching “${prefix}”`)).toBeVisible();
  await mailboxTable(page)
    .getByRole("checkbox", { name: "Select every mailbox on this page" })
    .check();
  const bar = page.getByRole("region", { name: "Actions on the selected mailboxes" });
  await bar.getByRole("button", { name: "Reset passwords…" }).click();
  const form = page.getByRole("form", { name: "New passwords for 2 mailboxes" });
  // Typing a password is for one mailbox only.
  await expect(form.getByRole("radio")).toHaveCount(1);
  await form.getByLabel(/^Type the number of mailboxes/).fill("3");
  await form.getByRole("button", { name: "Reset 2 passwords" }).click();
  await expect(
    form.getByText("Type 2: the number of mailboxes that will get a new password."),
  ).toBeVisible();
  await form.getByLabel(/^Type the number of mailboxes/).fill("2");
  await shot(page, "zcom-reset-form");
  await form.getByRole("button", { name: "Reset 2 passwords" }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  const jobId = page.url().split("/jobs/")[1]!;
  await waitForJob(request, jobId);
  await page.reload();
  await expect(page.getByText("Reset passwords", { exact: true })).toBeVisible();
  await shot(page, "zcom-reset-job");

  const credentials = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download credentials (once)" }).click();
  const lines = readFileSync(await (await credentials).path(), "utf8")
    .trim()
    .split("\r\n")
    .slice(1);
  expect(lines).toHaveLength(2);
  for (const line of lines) {
    const [email, password] = line.split(",");
    expect(email).toContain(`${prefix}-0`);
    const check = await request.post(`${zcomSandbox()}/__sandbox/check-password`, {
      data: { email, password },
    });
    expect(((await check.json()) as { match: boolean }).match, email).toBe(true);
  }
  await expect(
    page.getByText("Credentials were downloaded; they are no longer stored."),
  ).toBeVisible();

  // The creation job's passwords (never downloaded) no longer open these mailboxes: its rows
  // name the reset, and it offers nothing to download.
  await page.goto(`/jobs/${creationJob}`);
  const jobRows = page.getByRole("table", { name: "Job rows" });
  await expect(jobRows.getByText(/later reset this mailbox’s password or deleted it/)).toHaveCount(
    2,
  );
  await expect(
    jobRows.getByRole("link", { name: `Job ${jobId.slice(0, 8)}` }).first(),
  ).toHaveAttribute("href", `/jobs/${jobId}`);
  await expect(page.getByText(/^No password is stored for this job/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Download credentials (once)" })).toHaveCount(0);

  // Leave empty.zcom.example empty for other specs (bulk.spec caps it at 45 mailboxes and
  // counts on every one of them): delete what this test made, from the view.
  await page.goto(`/domains/zcom/${domain}?search=${prefix}`);
  await mailboxTable(page)
    .getByRole("checkbox", { name: "Select every mailbox on this page" })
    .check();
  await bar.getByRole("button", { name: "Delete…" }).click();
  await waitForJob(request, await confirmDelete(page, domain, 2));
});

test("hybridbox: edits names, swapping a column pasted the wrong way round", async ({
  page,
  request,
}) => {
  const domain = "empty.example";
  const prefix = tagged();
  const jobId = await submitJob(request, {
    provider: "hybridbox",
    domain,
    rows: [
      { localPart: `${prefix}-01`, firstName: "Smith", lastName: "John" },
      { localPart: `${prefix}-02`, firstName: "Doe", lastName: "Jane" },
    ],
  });
  await waitForJob(request, jobId);
  await page.goto(`/domains/hybridbox/${domain}?search=${prefix}`);
  await mailboxTable(page)
    .getByRole("checkbox", { name: "Select every mailbox on this page" })
    .check();
  const bar = page.getByRole("region", { name: "Actions on the selected mailboxes" });
  await bar.getByRole("button", { name: "Edit names…" }).click();
  const form = page.getByRole("form", { name: "Edit the names of 2 mailboxes" });
  await form.getByRole("button", { name: "Swap first and last names" }).click();
  await expect(form.getByLabel(`First name of ${prefix}-01@${domain}`)).toHaveValue("John");
  await form.getByLabel(`Last name of ${prefix}-02@${domain}`).fill("Doe-Ray");
  await shot(page, "hybridbox-edit-names");
  await form.getByRole("button", { name: "Save names" }).click();
  await page.waitForURL(/\/jobs\/[0-9a-f-]{36}$/);
  const edit = page.url().split("/jobs/")[1]!;
  await waitForJob(request, edit);
  await page.goto(`/domains/hybridbox/${domain}?search=${prefix}`);
  await expect(
    mailboxTable(page).getByRole("row", { name: new RegExp(`${prefix}-01`) }),
  ).toContainText("John Smith");
  await expect(
    mailboxTable(page).getByRole("row", { name: new RegExp(`${prefix}-02`) }),
  ).toContainText("Jane Doe-Ray");
  await shot(page, "hybridbox-names-edited");

  // Leave empty.example empty for other specs: delete what this test made, from the view.
  await mailboxTable(page)
    .getByRole("checkbox", { name: "Select every mailbox on this page" })
    .check();
  await bar.getByRole("button", { name: "Delete…" }).click();
  await waitForJob(request, await confirmDelete(page, domain, 2));
});

test.describe("an operator", () => {
  test.use({ role: "operator" });
  test("may edit names and reset passwords, but is offered no delete", async ({ page }) => {
    const bar = page.getByRole("region", { name: "Actions on the selected mailboxes" });
    await page.goto("/domains/hybridbox/big.example");
    await mailboxTable(page).getByRole("checkbox", { name: "Select user001@big.example" }).check();
    await expect(bar.getByRole("button", { name: "Edit names…" })).toBeVisible();
    await expect(bar.getByRole("button", { name: "Delete…" })).toHaveCount(0);
    await page.goto("/domains/zcom/big.zcom.example");
    await mailboxTable(page)
      .getByRole("checkbox", { name: "Select user-001@big.zcom.example" })
      .check();
    await expect(bar.getByRole("button", { name: "Reset passwords…" })).toBeVisible();
    await expect(bar.getByRole("button", { name: "Delete…" })).toHaveCount(0);
  });
});

test.describe("a viewer", () => {
  test.use({ role: "viewer" });
  test("selects nothing: no action is offered", async ({ page }) => {
    await page.goto("/domains/zcom/big.zcom.example");
    await expect(page.getByText("1–25 of 120 mailboxes")).toBeVisible();
    await expect(page.getByRole("checkbox")).toHaveCount(0);
  });
});
