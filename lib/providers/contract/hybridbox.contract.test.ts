import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ProviderError } from "../errors";
import { createHybridboxClient } from "../hybridbox/client";
import type { CreateItem, CreateOutcome } from "../types";
import {
  HBX,
  HBX_PREFIX,
  offlineTransport,
  passwordLikeKeys,
  raw,
  startWireTap,
  type TappedRequest,
  startHybridboxRig,
  type WireTap,
} from "@/lib/testing/provider-harness";

// Every [doc] fact of shared/providers/hybridbox.md, one `it` each, named after the contract
// line, checked against the real sandbox through our client (createHybridboxClient /
// createHybridboxProvider) over real HTTP, and with raw fetch where the client hides the fact.
// The two [assumed] routes (GET /domains, DELETE /mailboxes/{mailbox}) are covered too, marked.

const rig = startHybridboxRig();

let tap: WireTap | undefined;
afterEach(async () => {
  await tap?.close();
  tap = undefined;
});

async function tapped() {
  tap = await startWireTap(rig.origin);
  return { tap, provider: rig.provider({ baseUrl: tap.url }) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = z.string().regex(UUID);

/** MailboxDTO exactly as documented; strict, so an extra field (a password) fails. */
const documentedMailbox = z.strictObject({
  created_at: z.string(),
  domain_id: uuid,
  domain_name: z.string(),
  first_name: z.string(),
  id: uuid,
  last_name: z.string(),
  local_part: z.string(),
  primary_email: z.string(),
  quota: z.strictObject({ allowed: z.int(), used: z.int() }),
  status: z.string(),
  updated_at: z.string(),
  aliases: z
    .array(z.strictObject({ alias: z.string(), is_catch_all: z.boolean().optional() }))
    .optional(),
  workspace_id: uuid.nullable().optional(),
  workspace_name: z.string().nullable().optional(),
});

const documentedDomain = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  workspace_id: uuid.nullable(),
  outbound_routing_ready: z.boolean(),
  mailboxes: z.array(
    z.strictObject({
      active: z.boolean(),
      email: z.string(),
      first_name: z.string(),
      id: uuid,
      last_name: z.string(),
    }),
  ),
});

const documentedPage = z.strictObject({
  items: z.array(documentedMailbox),
  page: z.int(),
  page_size: z.int(),
  total: z.int(),
});

const row = (localPart: string, firstName = "Test", lastName = "User"): CreateItem => ({
  localPart,
  firstName,
  lastName,
});

const routeOf = (r: TappedRequest) =>
  `${r.method} ${r.path
    .replace(HBX.accountId, "{account_id}")
    .replace(/\/mailboxes\/(?!bulk$)[^/]+$/, "/mailboxes/{mailbox}")
    .replace(/\/domains\/[^/]+$/, "/domains/{domain}")}`;

/** Calls every client function once (the 8 routes of the contract's endpoint table). */
async function callEveryRoute(provider: ReturnType<typeof rig.provider>) {
  const { client } = provider;
  await client.bulkCreate("acme.example", [row("tap.bulk")]);
  await client.listMailboxes({ domain: "acme.example", page: 1, pageSize: 5, search: "jane" });
  const one = await client.createMailbox({
    domain: "acme.example",
    localPart: "tap.one",
    firstName: "Tap",
  });
  await client.getMailbox(one.id);
  await client.updateMailbox(one.id, { firstName: "Tapped" });
  await client.getDomain("acme.example");
  await client.listDomains({ page: 1, pageSize: 10 });
  await client.deleteMailbox(one.id);
}

const ALL_ROUTES = [
  "POST /v1/public/accounts/{account_id}/mailboxes/bulk",
  "GET /v1/public/accounts/{account_id}/mailboxes",
  "POST /v1/public/accounts/{account_id}/mailboxes",
  "GET /v1/public/accounts/{account_id}/mailboxes/{mailbox}",
  "PATCH /v1/public/accounts/{account_id}/mailboxes/{mailbox}",
  "GET /v1/public/accounts/{account_id}/domains/{domain}",
  "GET /v1/public/accounts/{account_id}/domains",
  "DELETE /v1/public/accounts/{account_id}/mailboxes/{mailbox}",
];

describe("Hybridbox — Transport [doc]", () => {
  it("base URL https://api.hybridbox.io (offline: the request is recorded, never sent)", async () => {
    const { http, requests } = offlineTransport(() => ({
      status: 200,
      json: { items: [], page: 1, page_size: 25, total: 0 },
    }));
    const client = createHybridboxClient({
      baseUrl: "https://api.hybridbox.io",
      accountId: HBX.accountId,
      token: HBX.token,
      http,
    });
    await client.listDomains();
    expect(requests[0]?.url.href).toBe(`https://api.hybridbox.io${HBX_PREFIX}/domains`);
  });

  it("every route is under /v1/public/accounts/{account_id}, and account_id is a UUID", async () => {
    const { tap, provider } = await tapped();
    await callEveryRoute(provider);

    expect(tap.requests).toHaveLength(8);
    for (const r of tap.requests) {
      expect(r.path.startsWith(`${HBX_PREFIX}/`)).toBe(true);
      const accountId = r.path.split("/")[4] ?? "";
      expect(accountId).toMatch(UUID);
    }
    expect(tap.requests.map(routeOf).sort()).toEqual([...ALL_ROUTES].sort());
    // The sandbox matched every one of them to a real route (its stats key is the pattern).
    const stats = await rig.stats();
    expect(Object.keys(stats.requests).sort()).toEqual([...ALL_ROUTES].sort());
    // The same route without the account prefix does not exist.
    const bare = await raw(`${rig.origin}/mailboxes`, {
      headers: { authorization: `Bearer ${HBX.token}` },
    });
    expect(bare.status).toBe(404);
  });

  it("auth header is `Authorization: Bearer <token>` (a service-account token, sent as given)", async () => {
    const { tap, provider } = await tapped();
    await callEveryRoute(provider);
    for (const r of tap.requests) expect(r.headers.authorization).toBe(`Bearer ${HBX.token}`);
    // The client never asks anyone for a token: every request went to an API route.
    expect(tap.requests.every((r) => r.path.startsWith(HBX_PREFIX))).toBe(true);

    // Without it, or with another scheme, the API refuses.
    const none = await raw(`${rig.api}/domains`);
    expect(none.status).toBe(401);
    const basic = await raw(`${rig.api}/domains`, {
      headers: { authorization: `Basic ${HBX.token}` },
    });
    expect(basic.status).toBe(401);
    const ok = await rig.get("/domains");
    expect(ok.status).toBe(200);
  });

  it("JSON bodies, `Content-Type: application/json`", async () => {
    const { tap, provider } = await tapped();
    await callEveryRoute(provider);
    const withBody = tap.requests.filter((r) => ["POST", "PATCH"].includes(r.method));
    expect(withBody.map((r) => r.method)).toEqual(["POST", "POST", "PATCH"]);
    for (const r of withBody) {
      expect(r.headers["content-type"]).toBe("application/json");
      expect(() => JSON.parse(r.body) as unknown).not.toThrow();
    }
    for (const r of tap.requests) expect(r.headers.accept).toBe("application/json");
    // And the API answers JSON.
    const answer = await rig.get("/mailboxes?domain=acme.example");
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("Hybridbox — MailboxDTO [doc]", () => {
  it("has exactly the documented fields and types (uuid ids, quota ints, optional aliases/workspace)", async () => {
    const listed = await rig.get("/mailboxes?domain=acme.example&page_size=100");
    expect(listed.status).toBe(200);
    for (const item of listed.body.items) expect(documentedMailbox.parse(item)).toBeTruthy();
    const admin = await rig.get("/mailboxes/admin@acme.example");
    const dto = documentedMailbox.parse(admin.body);
    expect(dto.aliases).toEqual([{ alias: "postmaster@acme.example", is_catch_all: false }]);

    // And our client reads it into a Mailbox without losing any documented field.
    const mailbox = await rig.provider().findMailbox("acme.example", "admin");
    expect(mailbox).toEqual({
      id: dto.id,
      address: "admin@acme.example",
      localPart: "admin",
      domain: "acme.example",
      domainId: dto.domain_id,
      firstName: dto.first_name,
      lastName: dto.last_name,
      status: dto.status,
      quota: dto.quota,
      aliases: ["postmaster@acme.example"],
      createdAt: dto.created_at,
    });
  });

  it('status "paused" exists (cannot log in or send, still receives)', async () => {
    const mailbox = await rig.provider().client.getMailbox("former.staff@acme.example");
    expect(mailbox?.status).toBe("paused");
  });

  it("there is no password field anywhere in it", async () => {
    const created = await rig.get("/mailboxes/bulk", {
      method: "POST",
      json: {
        domain: "acme.example",
        items: [{ first_name: "No", last_name: "Pass", local_part: "no.pass" }],
      },
    });
    const created1 = await rig.get("/mailboxes", {
      method: "POST",
      json: { domain: "acme.example", first_name: "One", last_name: "", local_part: "one.pass" },
    });
    const patched = await rig.get("/mailboxes/one.pass@acme.example", {
      method: "PATCH",
      json: { first_name: "Uno" },
    });
    const answers = [
      created.body,
      created1.body,
      patched.body,
      (await rig.get("/mailboxes?page_size=500")).body,
      (await rig.get("/mailboxes/jane.doe@acme.example")).body,
      (await rig.get("/domains/acme.example")).body,
      (await rig.get("/domains")).body,
    ];
    expect(answers.map(passwordLikeKeys)).toEqual(answers.map(() => []));
    for (const { mailbox } of created.body.created) documentedMailbox.parse(mailbox);
    documentedMailbox.parse(created1.body);
    documentedMailbox.parse(patched.body);
  });
});

describe("Hybridbox — Endpoints [doc]", () => {
  it("POST /mailboxes/bulk — bulk create, no passwords returned", async () => {
    const outcomes = await rig
      .provider()
      .create("acme.example", [row("bulk.a", "Bulk", "A"), row("bulk.b", "Bulk", "B")]);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "created"]);
    for (const o of outcomes) expect(passwordLikeKeys(o)).toEqual([]);
    const all = await rig.admin("mailboxes");
    const addresses = all.body.mailboxes.map((m: { primary_email: string }) => m.primary_email);
    expect(addresses).toEqual(
      expect.arrayContaining(["bulk.a@acme.example", "bulk.b@acme.example"]),
    );
  });

  it("GET /mailboxes?domain=&workspace_id=&page=&page_size=&search= — list mailboxes", async () => {
    const { tap, provider } = await tapped();
    const page = await provider.client.listMailboxes({
      domain: "kr.example",
      workspaceId: (await rig.get("/domains/kr.example")).body.workspace_id,
      page: 1,
      pageSize: 2,
      search: "e",
    });
    const sent = new URL(tap.requests[0]?.url ?? "", "http://x").searchParams;
    expect([...sent.keys()].sort()).toEqual([
      "domain",
      "page",
      "page_size",
      "search",
      "workspace_id",
    ]);
    expect(page).toMatchObject({ page: 1, page_size: 2 });
    expect(page.items.every((m) => m.domain_name === "kr.example")).toBe(true);
  });

  it("POST /mailboxes — create one: {domain, first_name, last_name, local_part}, domain = UUID or name", async () => {
    const { tap, provider } = await tapped();
    const byName = await provider.client.createMailbox({
      domain: "acme.example",
      localPart: "by.name",
      firstName: "By",
      lastName: "Name",
    });
    const domainId = (await rig.get("/domains/acme.example")).body.id as string;
    const byId = await provider.client.createMailbox({
      domain: domainId,
      localPart: "by.id",
      firstName: "By",
    });
    expect(Object.keys(tap.requests[0]?.json as object).sort()).toEqual([
      "domain",
      "first_name",
      "last_name",
      "local_part",
    ]);
    expect(byName).toMatchObject({ primary_email: "by.name@acme.example", first_name: "By" });
    expect(byId).toMatchObject({ primary_email: "by.id@acme.example", domain_id: domainId });
    expect((await rig.get("/mailboxes/by.id@acme.example")).status).toBe(200);
  });

  it("GET /mailboxes/{mailbox} — one mailbox, by id and by address", async () => {
    const { client } = rig.provider();
    const byAddress = await client.getMailbox("jane.doe@acme.example");
    expect(byAddress?.local_part).toBe("jane.doe");
    const byId = await client.getMailbox(byAddress?.id ?? "");
    expect(byId).toEqual(byAddress);
    expect(await client.getMailbox("nobody@acme.example")).toBeNull();
  });

  it("PATCH /mailboxes/{mailbox} — update {first_name, last_name} → MailboxDTO", async () => {
    const { client } = rig.provider();
    const updated = await client.updateMailbox("jane.doe@acme.example", {
      firstName: "Janet",
      lastName: "Doe-Smith",
    });
    expect(updated).toMatchObject({ first_name: "Janet", last_name: "Doe-Smith" });
    documentedMailbox.parse((await rig.get("/mailboxes/jane.doe@acme.example")).body);
    expect((await client.getMailbox("jane.doe@acme.example"))?.first_name).toBe("Janet");
  });

  it("GET /domains/{domain} — id, name, status, workspace_id, outbound_routing_ready, mailboxes[{active,email,first_name,id,last_name}]", async () => {
    const { client } = rig.provider();
    const byName = await client.getDomain("acme.example");
    const rawDomain = documentedDomain.parse((await rig.get("/domains/acme.example")).body);
    expect(byName?.id).toBe(rawDomain.id);
    expect(await client.getDomain(rawDomain.id)).toEqual(byName);
    expect(byName?.mailboxes?.map((m) => m.email).sort()).toEqual([
      "admin@acme.example",
      "former.staff@acme.example",
      "hanako.sato@acme.example",
      "ichiro.suzuki@acme.example",
      "jane.doe@acme.example",
    ]);
    expect(byName?.mailboxes?.find((m) => m.email === "former.staff@acme.example")?.active).toBe(
      false,
    );
    expect(await client.getDomain("nope.example")).toBeNull();
  });

  it("[assumed] GET /domains?page=&page_size= — list domains, items/page/page_size/total", async () => {
    const provider = rig.provider();
    const page = await provider.client.listDomains({ page: 2, pageSize: 3 });
    expect(page).toMatchObject({ page: 2, page_size: 3, total: 4 });
    expect(page.items).toHaveLength(1);
    const all = await provider.listDomains();
    expect(all.map((d) => d.name).sort()).toEqual([
      "acme.example",
      "big.example",
      "empty.example",
      "kr.example",
    ]);
  });

  it("[assumed] DELETE /mailboxes/{mailbox} — delete", async () => {
    const { client } = rig.provider();
    await client.deleteMailbox("jane.doe@acme.example");
    expect(await client.getMailbox("jane.doe@acme.example")).toBeNull();
    const again = await client.deleteMailbox("jane.doe@acme.example").catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ProviderError);
    expect((again as ProviderError).failure).toMatchObject({ code: "not_found", status: 404 });
  });
});

describe("Hybridbox — Bulk create [doc]", () => {
  it("request is {domain, items:[{first_name, last_name, local_part}]}", async () => {
    const { tap, provider } = await tapped();
    await provider.create("acme.example", [row("req.shape", "Req", "Shape")]);
    expect(tap.requests[0]?.json).toEqual({
      domain: "acme.example",
      items: [{ first_name: "Req", last_name: "Shape", local_part: "req.shape" }],
    });
  });

  it("response is {created:[{index, mailbox}], failed:[{index, code, message}]}", async () => {
    const answer = await rig.get("/mailboxes/bulk", {
      method: "POST",
      json: {
        domain: "acme.example",
        items: [
          { first_name: "Ok", last_name: "", local_part: "shape.ok" },
          { first_name: "Bad", last_name: "", local_part: "Bad..Part" },
        ],
      },
    });
    expect(answer.status).toBe(200);
    z.strictObject({
      created: z.array(z.strictObject({ index: z.int(), mailbox: documentedMailbox })),
      failed: z.array(z.strictObject({ index: z.int(), code: z.string(), message: z.string() })),
    }).parse(answer.body);
    expect(answer.body.created.map((c: { index: number }) => c.index)).toEqual([0]);
    expect(answer.body.failed.map((f: { index: number }) => f.index)).toEqual([1]);
  });

  it("each item succeeds or fails on its own", async () => {
    const outcomes = await rig
      .provider()
      .create("acme.example", [
        row("own.one"),
        row("jane.doe"),
        row("own..two"),
        row("own.three", ""),
        row("own.four"),
      ]);
    expect(
      outcomes.map((o) => (o.status === "failed" ? o.failure.providerCode : o.status)),
    ).toEqual(["created", "mailbox_exists", "invalid_local_part", "invalid_name", "created"]);
    for (const o of outcomes.filter((o) => o.status === "failed")) {
      expect(o.status === "failed" && o.failure.errorClass).toBe("final");
    }
    expect((await rig.get("/mailboxes/own.four@acme.example")).status).toBe(200);
  });

  it("index maps back to the row of the whole list across chunks (250 rows, bulkMax 100)", async () => {
    const rows: CreateItem[] = Array.from({ length: 250 }, (_, i) => row(`row${i}`, "Row", `${i}`));
    const expected = new Map<number, string>([
      [7, "invalid_local_part"],
      [42, "invalid_name"],
      [55, "duplicate_in_request"], // same local part as row 10, same chunk
      [101, "mailbox_exists"], // a seed mailbox
      [120, "invalid_local_part"],
      [150, "mailbox_exists"], // same local part as row 20, created by the first chunk
      [199, "invalid_local_part"],
      [230, "invalid_name"],
      [249, "mailbox_exists"], // an alias of a seed mailbox
    ]);
    rows[7] = row("bad..dots");
    rows[42] = row("row42", "");
    rows[55] = row("row10");
    rows[101] = row("admin");
    rows[120] = row("-lead");
    rows[150] = row("row20");
    rows[199] = row("x".repeat(65));
    rows[230] = row("row230", "Tab\tName");
    rows[249] = row("postmaster");

    const { tap, provider } = await tapped();
    const outcomes: CreateOutcome[] = await provider.client.bulkCreate("acme.example", rows);

    expect(tap.requests.map((r) => (r.json as { items: unknown[] }).items.length)).toEqual([
      100, 100, 50,
    ]);
    expect(outcomes).toHaveLength(250);
    outcomes.forEach((outcome, i) => {
      const code = expected.get(i);
      if (code) {
        expect({
          i,
          outcome: outcome.status,
          code: outcome.status === "failed" && outcome.failure.providerCode,
        }).toEqual({
          i,
          outcome: "failed",
          code,
        });
      } else {
        expect(outcome.status === "created" && outcome.mailbox.address).toBe(
          `${rows[i]?.localPart}@acme.example`,
        );
      }
    });
    // And exactly those 241 exist now.
    const created = (await rig.admin("mailboxes")).body.mailboxes
      .map((m: { local_part: string }) => m.local_part)
      .filter((l: string) => /^row\d+$/.test(l));
    expect(created).toHaveLength(241);
    expect((await rig.stats()).createsTotal).toBe(241);
  });

  it("no password is returned: no password in any MailboxDTO of the answer", async () => {
    const { tap, provider } = await tapped();
    await provider.create("acme.example", [row("np.one"), row("np.two")]);
    expect(tap.requests).toHaveLength(1);
    const answer = await rig.get("/mailboxes/bulk", {
      method: "POST",
      json: {
        domain: "acme.example",
        items: [{ first_name: "A", last_name: "", local_part: "np.three" }],
      },
    });
    expect(passwordLikeKeys(answer.body)).toEqual([]);
  });

  it("[assumed] more items than the bulk max (100) → 422 for the whole request, nothing created", async () => {
    const items = Array.from({ length: 101 }, (_, i) => ({
      first_name: "Over",
      last_name: "",
      local_part: `over${i}`,
    }));
    const answer = await rig.get("/mailboxes/bulk", {
      method: "POST",
      json: { domain: "acme.example", items },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.detail[0]).toMatchObject({ type: "too_long", loc: ["body", "items"] });
    expect((await rig.stats()).createsTotal).toBe(0);
    // Which is why the provider refuses more than bulkMax per call, and the client splits.
    const provider = rig.provider();
    await expect(
      provider.create(
        "acme.example",
        items.map((i) => row(i.local_part)),
      ),
    ).rejects.toBeInstanceOf(RangeError);
  });
});

describe("Hybridbox — List mailboxes [doc]", () => {
  it("response {items: MailboxDTO[], page, page_size, total}; page 1-based (default 1), page_size default 25", async () => {
    const answer = await rig.get("/mailboxes?domain=big.example");
    const page = documentedPage.parse(answer.body);
    expect(page).toMatchObject({ page: 1, page_size: 25, total: 120 });
    expect(page.items).toHaveLength(25);
    expect(page.items[0]?.local_part).toBe("user001");
  });

  it("page-number pagination with a total: pages never overlap and add up to the total", async () => {
    const { client } = rig.provider();
    const seen: string[] = [];
    const sizes: number[] = [];
    for (let page = 1; page <= 3; page++) {
      const answer = await client.listMailboxes({ domain: "big.example", page, pageSize: 50 });
      expect(answer).toMatchObject({ page, page_size: 50, total: 120 });
      sizes.push(answer.items.length);
      seen.push(...answer.items.map((m) => m.local_part));
    }
    expect(sizes).toEqual([50, 50, 20]);
    expect(new Set(seen).size).toBe(120);
    const provider = rig.provider();
    const second = await provider.listMailboxes("big.example", { page: 2, pageSize: 50 });
    expect(second.items.map((m) => m.localPart)).toEqual(seen.slice(50, 100));
    expect(second.total).toBe(120);
  });

  it("search (string|null) filters on the provider's side", async () => {
    const provider = rig.provider();
    const answer = await provider.client.listMailboxes({ search: "jane" });
    expect(answer.items.map((m) => m.primary_email)).toEqual(["jane.doe@acme.example"]);
    expect(answer.total).toBe(1);
    const page = await provider.listMailboxes("acme.example", {
      page: 1,
      pageSize: 10,
      search: "suzuki",
    });
    expect(page.items.map((m) => m.address)).toEqual(["ichiro.suzuki@acme.example"]);
    expect(page.search).toEqual({ mode: "provider" });
  });

  it("domain (string|null) and workspace_id (uuid|null) filter the list", async () => {
    const { client } = rig.provider();
    const seoul = (await rig.get("/domains/kr.example")).body.workspace_id as string;
    const byWorkspace = await client.listMailboxes({ workspaceId: seoul, pageSize: 100 });
    expect(byWorkspace.items.map((m) => m.domain_name)).toEqual([
      "kr.example",
      "kr.example",
      "kr.example",
    ]);
    const everything = await client.listMailboxes({ pageSize: 500 });
    expect(everything.total).toBe(128);
  });

  it("findMailbox (the runner's verification) finds by address, and answers null when absent", async () => {
    const provider = rig.provider();
    expect((await provider.findMailbox("big.example", "user077"))?.address).toBe(
      "user077@big.example",
    );
    expect(await provider.findMailbox("big.example", "user777")).toBeNull();
  });
});
