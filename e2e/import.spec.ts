import { mkdirSync } from "node:fs";
import { utils, write } from "@e965/xlsx";
import { encodeLegacy } from "../lib/testing/legacy-encode";
import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";

/**
 * Files as Japanese and Korean admins have them (issue 13): a CSV saved by Japanese Excel
 * (Shift_JIS/CP932) and an .xlsx from HR. Fixtures are written here, byte for byte.
 */
const DOMAIN = "empty.example";

const cell = (page: Page, row: number, field: string) =>
  page.getByLabel(`${field}, row ${row}`, { exact: true });

async function openBulk(page: Page) {
  await page.goto("/bulk");
  await page.getByLabel("Provider").selectOption("hybridbox");
  await page.getByLabel("Domain").selectOption(DOMAIN);
}

test("a Shift_JIS CSV is detected, read correctly, and can be read in another encoding", async ({
  page,
}) => {
  const csv = "姓,名,ユーザー名\r\n山田,太郎,taro.yamada\r\n佐藤,花子,hanako.sato\r\n";
  const bytes = encodeLegacy(csv, "shift_jis");
  await openBulk(page);
  await page.locator('input[type="file"]').setInputFiles({
    name: "社員.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(bytes),
  });

  const file = page.getByRole("group", { name: "Opened file" });
  await expect(file).toContainText("社員.csv");
  await expect(file).toContainText("Detected Shift_JIS (CP932)");
  const encoding = file.getByLabel("Encoding");
  await expect(encoding).toHaveValue("shift_jis");
  await expect(page.getByRole("heading", { name: /^2 rows for/ })).toBeVisible();
  await expect(cell(page, 1, "Last name")).toHaveValue("山田");
  await expect(cell(page, 1, "First name")).toHaveValue("太郎");
  await expect(cell(page, 1, "Local part")).toHaveValue("taro.yamada");
  await expect(cell(page, 2, "Last name")).toHaveValue("佐藤");
  await expect(page.getByText("Every row is ready.")).toBeVisible();

  // Read as Korean CP949 instead: the preview is those bytes as the browser's EUC-KR decoder
  // (WHATWG: CP949 with its extension) reads them, at once. Not computed with Node's decoder: its
  // ICU "euc-kr" lacks the CP949 extension and reads these bytes as replacement characters.
  await encoding.selectOption({ label: "EUC-KR (CP949)" });
  const preview = page.getByLabel("People to create");
  await expect(preview).toHaveValue(/^랹밹,뫞쁚,taro\.yamada$/m);
  await expect(preview).not.toHaveValue(/山田/);
  await expect(file).toContainText("read as EUC-KR (CP949)");
  await expect(cell(page, 1, "Last name")).not.toHaveValue("山田");

  // And back.
  await encoding.selectOption("shift_jis");
  await expect(cell(page, 1, "Last name")).toHaveValue("山田");
  await expect(cell(page, 1, "Local part")).toHaveValue("taro.yamada");
});

test("an .xlsx reads as Excel displays it: leading zeros, dates, a chosen sheet", async ({
  page,
}) => {
  const staff = utils.aoa_to_sheet([["姓", "名", "ユーザー名", "入社日", "社員番号"]]);
  staff["A2"] = { t: "s", v: "山田" };
  staff["B2"] = { t: "s", v: "太郎" };
  staff["C2"] = { t: "s", v: "007123" }; // a local part with leading zeros, kept as text
  staff["D2"] = { t: "n", v: 45306, z: "yyyy/m/d" }; // 2024-01-15
  staff["E2"] = { t: "n", v: 42, z: "00000" }; // a number Excel shows as 00042
  staff["!ref"] = "A1:E2";
  const book = utils.book_new();
  utils.book_append_sheet(book, staff, "社員");
  utils.book_append_sheet(
    book,
    utils.aoa_to_sheet([
      ["성", "이름", "아이디"],
      ["김", "민준", "minjun.kim"],
    ]),
    "한국",
  );
  const buffer = Buffer.from(write(book, { type: "array", bookType: "xlsx" }) as ArrayBuffer);

  await openBulk(page);
  await page.locator('input[type="file"]').setInputFiles({
    name: "staff.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer,
  });

  const file = page.getByRole("group", { name: "Opened file" });
  await expect(file).toContainText("staff.xlsx");
  await expect(file.getByLabel("Sheet")).toHaveValue("社員");
  await expect(cell(page, 1, "Last name")).toHaveValue("山田");
  await expect(cell(page, 1, "Local part")).toHaveValue("007123");
  const preview = page.getByLabel("People to create");
  await expect(preview).toHaveValue(/\t2024\/1\/15\t00042$/m);
  await expect(preview).not.toHaveValue(/45306/);

  await file.getByLabel("Sheet").selectOption("한국");
  await expect(cell(page, 1, "Last name")).toHaveValue("김");
  await expect(cell(page, 1, "Local part")).toHaveValue("minjun.kim");
});

test("a column under a heading the page does not know is named, not dropped unseen", async ({
  page,
}) => {
  await openBulk(page);
  await page.getByLabel("People to create").fill("Name\tDept\tMail ID\nJane Doe\tSales\tjdoe");
  await page.getByRole("button", { name: "Read the list" }).click();
  await expect(page.getByRole("heading", { name: "1 row for Hybridbox" })).toBeVisible();
  // "Mail ID" is a local part now, so jdoe is not made into jane-doe from the name.
  await expect(cell(page, 1, "Local part")).toHaveValue("jdoe");
  await expect(page.getByText(/Not used: "Dept"/)).toBeVisible();
});

/**
 * A Japanese HR export as Excel saves it (Shift_JIS): kanji names with their readings, and a user
 * ID only for the one person who has a special address. The readings become suggested local parts;
 * the admin maps the ID column, picks the long-vowel style, accepts the suggestions, and gets
 * exactly the addresses they saw.
 */
const HR_EXPORT =
  "氏名,フリガナ,部署,利用者ID\r\n" +
  "山田 一郎,ヤマダ イチロウ,役員,ceo\r\n" +
  "佐藤 花子,サトウ ハナコ,営業,\r\n" +
  "大野 太郎,ｵｵﾉ ﾀﾛｳ,総務,\r\n";
const TARGET = { hybridbox: "kr.example", zcom: "jp.example" } as const;

for (const provider of ["hybridbox", "zcom"] as const) {
  test(`${provider}: a Shift_JIS list with readings becomes the addresses the admin accepted`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const sep = provider === "zcom" ? "-" : ".";
    const domain = TARGET[provider];
    await page.goto("/bulk");
    await page.getByLabel("Provider").selectOption(provider);
    await page.getByLabel("Domain").selectOption(domain);
    await page.locator('input[type="file"]').setInputFiles({
      name: "社員一覧.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(encodeLegacy(HR_EXPORT, "shift_jis")),
    });

    // Every column, what it was read as, and its values; the unknown ones are marked.
    const columns = page.getByTestId("column-mapping");
    const holds = (header: string) => columns.getByLabel(`What “${header}” holds`);
    await expect(holds("氏名")).toHaveValue("fullName");
    await expect(holds("フリガナ")).toHaveValue("reading");
    await expect(holds("部署")).toHaveValue("ignore");
    await expect(holds("利用者ID")).toHaveValue("ignore");
    await expect(columns.getByRole("row", { name: /利用者ID/ })).toContainText("Not used");
    await expect(columns.getByRole("row", { name: /部署/ })).toContainText("役員 · 営業 · 総務");

    // The readings are suggestions, held back until reviewed.
    await expect(cell(page, 2, "Local part")).toHaveValue(`hanako${sep}sato`);
    await expect(cell(page, 2, "Local part")).toHaveAttribute("data-suggested", "");
    await expect(cell(page, 3, "Local part")).toHaveValue(`taro${sep}ono`);
    await expect(page.getByTestId("plan")).toContainText("3 suggested — review");

    // The admin maps the ID column (remembered for these headings) and prefers Satou/Oono.
    await holds("利用者ID").selectOption("localPart");
    await expect(cell(page, 1, "Local part")).toHaveValue("ceo");
    await expect(cell(page, 1, "Local part")).not.toHaveAttribute("data-suggested", "");
    await columns.getByLabel("Long vowels in readings").selectOption("spelled");
    await expect(cell(page, 2, "Local part")).toHaveValue(`hanako${sep}satou`);
    await expect(cell(page, 3, "Local part")).toHaveValue(`tarou${sep}oono`);
    await expect(page.getByTestId("plan")).toHaveText(
      "Create 1 · skip 0 · blocked 0 · 2 suggested — review",
    );
    const create = page.getByRole("button", { name: /^Create \d+ mailbox(es)? on/ });
    await expect(create).toBeDisabled();

    await page.getByRole("button", { name: "Accept all suggestions" }).click();
    if (provider === "zcom") {
      await page.getByRole("button", { name: "Generate passwords for empty rows" }).click();
    }
    await expect(page.getByTestId("plan")).toHaveText("Create 3 · skip 0 · blocked 0");
    mkdirSync("test-results/screenshots", { recursive: true });
    await page.screenshot({
      path: `test-results/screenshots/import-readings-${provider}.png`,
      fullPage: true,
    });
    await page.getByRole("button", { name: `Create 3 mailboxes on ${domain}` }).click();
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/);
    await expect(page.getByText("Finished: 3 created, 0 failed, 0 skipped.")).toBeVisible({
      timeout: 60_000,
    });
    for (const local of ["ceo", `hanako${sep}satou`, `tarou${sep}oono`]) {
      await expect(
        page.getByRole("cell", { name: `${local}@${domain}`, exact: true }),
      ).toBeVisible();
    }

    // The same headings next time are read as mapped.
    await page.goto("/bulk");
    await page.getByLabel("Provider").selectOption(provider);
    await page.getByLabel("Domain").selectOption(domain);
    await page
      .getByLabel("People to create")
      .fill("氏名\tフリガナ\t部署\t利用者ID\n鈴木 次郎\tスズキ ジロウ\t営業\tjiro");
    await page.getByRole("button", { name: "Read the list" }).click();
    await expect(holds("利用者ID")).toHaveValue("localPart");
    await expect(columns).toContainText("As you chose last time for these headings.");
    await expect(cell(page, 1, "Local part")).toHaveValue("jiro");
  });
}
