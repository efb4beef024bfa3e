import type { APIRequestContext, Page } from "@playwright/test";
import { e2eServerEnv } from "./env";
import { expect, test } from "./fixtures";

/**
 * The domain view and Export against providers that cap their page sizes (each a reading of
 * what the docs leave unpublished): every mailbox is reachable, page by page, sorted, and in the
 * export. The sandboxes switch profile for these tests and back afterwards (data is kept).
 */
const SANDBOX = {
  hybridbox: `http://127.0.0.1:${e2eServerEnv.SANDBOX_HYBRIDBOX_PORT}`,
  zcom: `http://127.0.0.1:${e2eServerEnv.SANDBOX_ZCOM_PORT}`,
} as const;
const BIG = { hybridbox: "big.example", zcom: "big.zcom.example" } as const;

async function useProfile(request: APIRequestContext, profile: string) {
  for (const url of Object.values(SANDBOX)) {
    const answer = await request.put(`${url}/__sandbox/profile`, { data: { profile } });
    expect(answer.ok(), await answer.text()).toBe(true);
  }
}

const addresses = async (page: Page) =>
  page
    .getByRole("table", { name: /^Mailboxes on / })
    .getByRole("rowheader")
    .allTextContents();

test.describe.configure({ mode: "serial" });

for (const profile of ["capped-lists", "capped-lists-honest"]) {
  test.describe(`a provider whose lists are read as ${profile}`, () => {
    test.beforeEach(async ({ request }) => useProfile(request, profile));
    test.afterEach(async ({ request }) => useProfile(request, "default"));

    for (const provider of ["hybridbox", "zcom"] as const) {
      test(`${provider}: 100 per page, sorted, and Export reach all 120 mailboxes`, async ({
        page,
      }) => {
        const domain = BIG[provider];
        const base = `/domains/${provider}/${domain}`;
        await page.goto(`${base}?pageSize=100&page=2`);
        await expect(page.getByText("101–120 of 120 mailboxes")).toBeVisible();
        const second = await addresses(page);
        expect(second).toHaveLength(20);
        await page.goto(`${base}?pageSize=100`);
        await expect(page.getByText("1–100 of 120 mailboxes")).toBeVisible();
        const first = await addresses(page);
        expect(first).toHaveLength(100);
        expect(new Set([...first, ...second]).size).toBe(120);
        await page.screenshot({
          path: `test-results/screenshots/readings-${profile}-${provider}.png`,
          fullPage: true,
        });

        // A sort covers the whole domain: the last address comes first.
        await page.goto(`${base}?pageSize=100&sort=-address`);
        await expect(page.getByText("1–100 of 120 mailboxes")).toBeVisible();
        const sorted = await addresses(page);
        expect(sorted).toHaveLength(100);
        expect(sorted[0]).toBe([...first, ...second].sort().at(-1));

        const exported = await page.request.get(`/api/domains/${provider}/${domain}/export`);
        expect(exported.ok()).toBe(true);
        const lines = (await exported.text()).slice(1).trim().split("\r\n").slice(1);
        expect(new Set(lines.map((l) => l.split(",")[0])).size).toBe(120);
        expect(lines).toHaveLength(120);
      });
    }
  });
}
