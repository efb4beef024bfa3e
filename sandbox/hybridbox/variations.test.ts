import { describe, expect, it } from "vitest";
import { DEFAULT_VARIATIONS, SANDBOX_PROFILE_NAMES } from "../core/profile";
import { call } from "../core/test-helpers";
import { sandboxCredentials } from "../credentials";
import { createHybridboxSandbox } from "./create-hybridbox-sandbox";
import { type HybridboxHarness, item, setupHybridbox } from "./test-setup";

/* One test (or a few) per Hybridbox variation, over real HTTP. */

const profileOf = (h: HybridboxHarness) => (body: unknown) =>
  h.admin("profile", { method: "PUT", json: body });
const locals = (items: { local_part: string }[]) => items.map((m) => m.local_part);
const users = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `user${String(from + i).padStart(3, "0")}`);

describe("Hybridbox profile admin routes", () => {
  const h = setupHybridbox();
  const put = profileOf(h);

  it("describes the profile in force, default to begin with", async () => {
    const res = await h.admin("profile");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      profile: ["default"],
      overrides: {},
      variations: { hybridbox: DEFAULT_VARIATIONS.hybridbox },
      profiles: SANDBOX_PROFILE_NAMES.map((name) => ({ name, description: expect.any(String) })),
    });
  });

  it("switches profile by name, names or variations, and reset goes back to the start one", async () => {
    const set = await put({ profile: ["capped-lists", "lagging-lists"] });
    expect(set.status).toBe(200);
    expect(set.body.variations.hybridbox).toMatchObject({ pageSizeCap: 50, lagMs: 3000 });
    const tuned = await put({ profile: "lagging-lists", variations: { hybridbox: { lagMs: 5 } } });
    expect(tuned.body).toMatchObject({
      profile: ["lagging-lists"],
      overrides: { hybridbox: { lagMs: 5 } },
      variations: { hybridbox: { lagMs: 5 } },
    });
    await h.admin("reset", { method: "POST" });
    expect((await h.admin("profile")).body.profile).toEqual(["default"]);
  });

  it("refuses unknown names and fields with a 400 naming them", async () => {
    const cases: [unknown, RegExp][] = [
      [{ profile: "capped-list" }, /unknown profile "capped-list"/],
      [{ profile: ["odd-errors", "odd"] }, /unknown profile "odd"/],
      [
        { variations: { hybridbox: { pageSizeCapp: 5 } } },
        /unknown variation "hybridbox.pageSizeCapp"/,
      ],
      [
        { variations: { hybridbox: { listOrder: "random" } } },
        /hybridbox.listOrder must be one of/,
      ],
      [{ variations: { zcom: { lagMs: 1 } } }, /variations.zcom do not apply to the Hybridbox/],
      [{ profil: "default" }, /unknown field "profil"/],
      [{}, /expected/],
    ];
    for (const [body, message] of cases) {
      const res = await put(body);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(message);
    }
    expect((await h.admin("profile")).body.profile).toEqual(["default"]);
  });

  it("refuses a bad start profile loudly", () => {
    expect(() => createHybridboxSandbox({ profile: "nope" })).toThrow(/unknown profile "nope"/);
    expect(() => createHybridboxSandbox({ profile: { zcom: { idFormat: "uuid" } } })).toThrow(
      /do not apply/,
    );
  });
});

describe("Hybridbox start profile", () => {
  const h = setupHybridbox({ profile: "small-bulk" });

  it("sets the limits it names, and comes back after a reset", async () => {
    expect((await h.admin("limits")).body.bulkMax).toBe(25);
    await profileOf(h)({ profile: "default" });
    expect((await h.admin("limits")).body.bulkMax).toBe(100);
    await h.admin("reset", { method: "POST" });
    expect((await h.admin("profile")).body.profile).toEqual(["small-bulk"]);
    expect((await h.admin("limits")).body.bulkMax).toBe(25);
    expect(h.sandbox.variations().bulkOverMax).toBe("413");
  });
});

describe("Hybridbox variations: lists", () => {
  const h = setupHybridbox();
  const put = profileOf(h);
  const list = (query: string) =>
    call(`${h.api}/mailboxes?domain=big.example&${query}`, { headers: h.auth });

  it("pageSizeCap serves at most the cap, offset and echo from the requested size (capped-lists)", async () => {
    await put({ variations: { hybridbox: { pageSizeCap: 50 } } });
    const first = await list("page=1&page_size=100");
    expect(first.body).toMatchObject({ page: 1, page_size: 100, total: 120 });
    expect(locals(first.body.items)).toEqual(users(1, 50));
    const second = await list("page=2&page_size=100");
    expect(locals(second.body.items)).toEqual(users(101, 120));
    expect(locals((await list("page_size=25")).body.items)).toEqual(users(1, 25));
    expect((await list("page_size=501")).status).toBe(422);
  });

  it("pageOffset capped pages by the served size; pageSizeEcho capped echoes it", async () => {
    await put({ variations: { hybridbox: { pageSizeCap: 50, pageOffset: "capped" } } });
    const second = await list("page=2&page_size=100");
    expect(locals(second.body.items)).toEqual(users(51, 100));
    expect(second.body.page_size).toBe(100);
    await put({ profile: "capped-lists-honest" });
    expect((await list("page=2&page_size=100")).body.page_size).toBe(50);
    await put({ variations: { hybridbox: { pageSizeCap: 2 } } });
    const domains = await call(`${h.api}/domains?page_size=3`, { headers: h.auth });
    expect(domains.body).toMatchObject({ page_size: 3, total: 4 });
    expect(domains.body.items).toHaveLength(2);
  });

  it("listOrder newest-first: created_at descending, ties by address, on every list", async () => {
    await put({ variations: { hybridbox: { listOrder: "newest-first" } } });
    expect(locals((await list("page_size=12")).body.items)).toEqual([
      ...users(111, 120),
      ...users(101, 102),
    ]);
    const domains = await call(`${h.api}/domains`, { headers: h.auth });
    expect(domains.body.items.map((d: { name: string }) => d.name)).toEqual([
      "kr.example",
      "empty.example",
      "big.example",
      "acme.example",
    ]);
    const acme = await call(`${h.api}/domains/acme.example`, { headers: h.auth });
    expect(acme.body.mailboxes[0].email).toBe("former.staff@acme.example");
  });

  it("capped-lists combines the cap, the requested offset and echo, and newest first", async () => {
    await put({ profile: "capped-lists" });
    const first = await list("page=1&page_size=100");
    expect(first.body.items).toHaveLength(50);
    expect(first.body.page_size).toBe(100);
    expect(first.body.items[0].local_part).toBe("user111");
  });
});

describe("Hybridbox variations: error bodies", () => {
  const h = setupHybridbox();
  const put = profileOf(h);
  const missing = () => call(`${h.api}/mailboxes/nobody@acme.example`, { headers: h.auth });

  it("openstack: every error as {<name>: {message, code}}, injected and limits included", async () => {
    await put({ variations: { hybridbox: { errorBody: "openstack" } } });
    expect((await missing()).body).toEqual({
      itemNotFound: { message: "Mailbox not found", code: 404 },
    });
    const taken = await call(`${h.api}/mailboxes`, {
      method: "POST",
      headers: h.auth,
      json: { domain: "acme.example", ...item("jane.doe") },
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toEqual({
      conflictingRequest: { message: "jane.doe@acme.example already exists", code: 409 },
    });
    const invalid = await call(`${h.api}/mailboxes?page=0`, { headers: h.auth });
    expect(invalid.status).toBe(422);
    expect(invalid.body.unprocessableEntity.message).toMatch(/^query\.page: Input should be/);
    const anonymous = await call(`${h.api}/domains`);
    expect(anonymous.body).toEqual({ unauthorized: { message: "Not authenticated", code: 401 } });
    expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
    const forbidden = await call(`${h.api}/domains`, {
      headers: { authorization: `Bearer ${sandboxCredentials.hybridbox.forbiddenToken}` },
    });
    expect(forbidden.body).toEqual({ forbidden: { message: "Not enough permissions", code: 403 } });
    expect((await call(`${h.api}/nothing`, { headers: h.auth })).body).toEqual({
      itemNotFound: { message: "Not Found", code: 404 },
    });
    await h.admin("faults", { method: "PUT", json: { errorRate: 1, errorStatuses: [502] } });
    const injected = await call(`${h.api}/mailboxes/bulk`, {
      method: "POST",
      headers: h.auth,
      json: { domain: "empty.example", items: [item("x")] },
    });
    expect(injected.body).toEqual({ badGateway: { message: "Bad Gateway", code: 502 } });
    await h.admin("faults", { method: "PUT", json: { ratePerSecond: 1 } });
    await missing();
    const limited = await missing();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ overLimit: { message: "Too Many Requests", code: 429 } });
    expect(limited.headers.get("retry-after")).toBe("1");
  });

  it("html, text and empty: every error without JSON, the status kept", async () => {
    await put({ profile: "odd-errors-html" });
    const html = await missing();
    expect(html.status).toBe(404);
    expect(html.headers.get("content-type")).toBe("text/html");
    expect(html.text).toMatch(/^<html>.*404 Not Found/);
    await put({ profile: "odd-errors-text" });
    const text = await missing();
    expect([text.status, text.headers.get("content-type"), text.text]).toEqual([
      404,
      "text/plain",
      "Mailbox not found",
    ]);
    await put({ profile: "odd-errors-empty" });
    const empty = await call(`${h.api}/mailboxes?page=0`, { headers: h.auth });
    expect([empty.status, empty.text, empty.headers.get("content-type")]).toEqual([422, "", null]);
    // Successes keep their JSON.
    expect((await call(`${h.api}/domains`, { headers: h.auth })).body.total).toBe(4);
  });

  it("unauthorizedBody empty: a 401 without a body, other errors as before", async () => {
    await put({ variations: { hybridbox: { unauthorizedBody: "empty" } } });
    const res = await call(`${h.api}/domains`);
    expect([res.status, res.text]).toEqual([401, ""]);
    expect(res.headers.get("www-authenticate")).toBe("Bearer");
    expect((await missing()).body).toEqual({ detail: "Mailbox not found" });
  });
});

describe("Hybridbox variations: bulk", () => {
  const h = setupHybridbox({ mailboxCapPerDomain: 7 });
  const put = profileOf(h);
  const bulk = (domain: string, items: unknown[]) =>
    call(`${h.api}/mailboxes/bulk`, { method: "POST", headers: h.auth, json: { domain, items } });

  it("itemCodes upper: codes a client does not know, each with its message", async () => {
    await put({ variations: { hybridbox: { itemCodes: "upper" } } });
    // acme.example holds 5 mailboxes; the cap in this block is 7.
    const res = await bulk("acme.example", [
      item("Bad"),
      item("ok", "\u0007"),
      item("jane.doe"),
      item("n1"),
      item("n1"),
      item("n2"),
      item("n3"),
    ]);
    expect(res.status).toBe(200);
    expect(res.body.failed.map((f: { code: string }) => f.code)).toEqual([
      "E_LOCAL_PART",
      "E_NAME",
      "LOCAL_PART_TAKEN",
      "E_DUPLICATE_ITEM",
      "LIMIT_REACHED",
    ]);
    for (const f of res.body.failed) expect(f.message).toEqual(expect.any(String));
  });

  it("partialBulkStatus 207: the same body, 207 when an item failed", async () => {
    await put({ variations: { hybridbox: { partialBulkStatus: 207 } } });
    const mixed = await bulk("empty.example", [item("p1"), item("p1")]);
    expect(mixed.status).toBe(207);
    expect(mixed.body.created).toHaveLength(1);
    expect(mixed.body.failed).toEqual([
      { index: 1, code: "duplicate_in_request", message: expect.any(String) },
    ]);
    expect((await bulk("empty.example", [item("p2")])).status).toBe(200);
    expect((await bulk("empty.example", [item("p2")])).status).toBe(207);
  });

  it("small-bulk: over 25 items refused whole with 413, nothing created; 25 pass", async () => {
    await put({ profile: "small-bulk" });
    const many = Array.from({ length: 26 }, (_, i) => item(`s${i}`));
    const refused = await bulk("empty.example", many);
    expect(refused.status).toBe(413);
    expect(refused.body).toEqual({ detail: "too many items, at most 25" });
    expect((await h.admin("mailboxes")).body.total).toBe(128);
    expect((await h.admin("stats")).body.createsTotal).toBe(0);
    await h.admin("limits", { method: "PUT", json: { mailboxCapPerDomain: 1000 } });
    const ok = await bulk("empty.example", many.slice(0, 25));
    expect([ok.status, ok.body.created.length]).toEqual([200, 25]);
  });

  it("small-bulk-422 refuses with 422 and the same message; odd-errors reshapes it", async () => {
    const many = Array.from({ length: 26 }, (_, i) => item(`s${i}`));
    await put({ profile: "small-bulk-422" });
    const refused = await bulk("nowhere.example", many);
    expect([refused.status, refused.body]).toEqual([422, { detail: "too many items, at most 25" }]);
    await put({ profile: ["small-bulk", "odd-errors"] });
    expect((await bulk("empty.example", many)).body).toEqual({
      overLimit: { message: "too many items, at most 25", code: 413 },
    });
  });
});

describe("Hybridbox variations: read-after-write lag", () => {
  let clock = Date.parse("2026-03-01T00:00:00.000Z");
  const h = setupHybridbox({ profile: "lagging-lists", now: () => new Date(clock) });
  const get = (path: string) => call(`${h.api}${path}`, { headers: h.auth });
  const create = (local: string) =>
    call(`${h.api}/mailboxes`, {
      method: "POST",
      headers: h.auth,
      json: { domain: "empty.example", ...item(local) },
    });
  const countOf = async () =>
    (await get("/domains")).body.items.find((d: { name: string }) => d.name === "empty.example")
      .mailbox_count;

  it("hides a new mailbox from every read for lagMs, never from creates", async () => {
    const made = await create("lag1");
    expect(made.status).toBe(201);
    const hidden = async () => {
      expect((await get("/mailboxes?domain=empty.example")).body).toMatchObject({
        items: [],
        total: 0,
      });
      expect((await get("/mailboxes/lag1@empty.example")).status).toBe(404);
      expect((await get(`/mailboxes/${made.body.id}`)).status).toBe(404);
      expect((await get("/domains/empty.example")).body.mailboxes).toEqual([]);
      expect(await countOf()).toBe(0);
    };
    await hidden();
    expect((await create("lag1")).status).toBe(409);
    const again = await call(`${h.api}/mailboxes/bulk`, {
      method: "POST",
      headers: h.auth,
      json: { domain: "empty.example", items: [item("lag1")] },
    });
    expect(again.body.failed[0].code).toBe("mailbox_exists");
    expect((await h.admin("mailboxes")).body.total).toBe(129);
    clock += 2999;
    await hidden();
    clock += 1;
    expect((await get("/mailboxes?domain=empty.example")).body.total).toBe(1);
    expect((await get("/mailboxes/lag1@empty.example")).status).toBe(200);
    expect((await get("/domains/empty.example")).body.mailboxes).toHaveLength(1);
    expect(await countOf()).toBe(1);
  });

  it("takes another lagMs, and none under default", async () => {
    await profileOf(h)({ variations: { hybridbox: { lagMs: 10 } } });
    await create("lag2");
    expect((await get("/mailboxes/lag2@empty.example")).status).toBe(404);
    clock += 10;
    expect((await get("/mailboxes/lag2@empty.example")).status).toBe(200);
    await profileOf(h)({ profile: "default" });
    await create("lag3");
    expect((await get("/mailboxes/lag3@empty.example")).status).toBe(200);
  });
});

describe("Hybridbox variations: optional and extra fields", () => {
  const h = setupHybridbox();
  const put = profileOf(h);
  const admin = () => call(`${h.api}/mailboxes/admin@acme.example`, { headers: h.auth });

  it("sparse-fields leaves out aliases, workspace_id, workspace_name and mailbox_count", async () => {
    await put({ profile: "sparse-fields" });
    const one = (await admin()).body;
    for (const field of ["aliases", "workspace_id", "workspace_name"]) {
      expect(one).not.toHaveProperty(field);
    }
    expect(one).toMatchObject({ quota: { allowed: 10240 }, primary_email: "admin@acme.example" });
    const listed = await call(`${h.api}/mailboxes?domain=acme.example`, { headers: h.auth });
    expect(listed.body.items[0]).not.toHaveProperty("aliases");
    const made = await call(`${h.api}/mailboxes/bulk`, {
      method: "POST",
      headers: h.auth,
      json: { domain: "acme.example", items: [item("sparse")] },
    });
    expect(made.body.created[0].mailbox).not.toHaveProperty("workspace_id");
    const domains = await call(`${h.api}/domains`, { headers: h.auth });
    expect(domains.body.items[0]).not.toHaveProperty("mailbox_count");
    const detail = await call(`${h.api}/domains/acme.example`, { headers: h.auth });
    expect(detail.body).toHaveProperty("workspace_id");
  });

  it("sparse-fields-null sets the same fields to null", async () => {
    await put({ profile: "sparse-fields-null" });
    expect((await admin()).body).toMatchObject({
      aliases: null,
      workspace_id: null,
      workspace_name: null,
    });
    const domains = await call(`${h.api}/domains`, { headers: h.auth });
    expect(domains.body.items[0].mailbox_count).toBeNull();
  });

  it("extra-fields adds unknown fields to every object and envelope, errors included", async () => {
    await put({ profile: "extra-fields" });
    const extra = {
      x_sandbox_extra: expect.any(String),
      x_sandbox_extra_object: expect.any(Object),
    };
    const listed = await call(`${h.api}/mailboxes?domain=acme.example`, { headers: h.auth });
    expect(listed.body).toMatchObject({ total: 5, ...extra });
    expect(listed.body.items[0]).toMatchObject(extra);
    expect(listed.body.items[0].quota).toMatchObject({ allowed: 10240, ...extra });
    expect(listed.body.items[0].aliases[0]).toMatchObject({
      alias: "postmaster@acme.example",
      ...extra,
    });
    const missing = await call(`${h.api}/mailboxes/nobody@acme.example`, { headers: h.auth });
    expect(missing.body).toMatchObject({ detail: "Mailbox not found", ...extra });
  });
});

describe("Hybridbox variations: lookups, local parts, statuses, unpublished routes", () => {
  const h = setupHybridbox();
  const put = profileOf(h);
  const get = (path: string, headers = h.auth) => call(`${h.api}${path}`, { headers });

  it("localPartCase fold: upper case is folded and created, not refused", async () => {
    await put({ profile: "folding-local-parts" });
    const one = await call(`${h.api}/mailboxes`, {
      method: "POST",
      headers: h.auth,
      json: { domain: "empty.example", ...item("Mixed.Case") },
    });
    expect([one.status, one.body.primary_email]).toEqual([201, "mixed.case@empty.example"]);
    const bulk = await call(`${h.api}/mailboxes/bulk`, {
      method: "POST",
      headers: h.auth,
      json: { domain: "acme.example", items: [item("New.One"), item("Jane.Doe"), item("NEW.ONE")] },
    });
    expect(bulk.body.created[0].mailbox.local_part).toBe("new.one");
    expect(bulk.body.failed.map((f: { code: string }) => f.code)).toEqual([
      "mailbox_exists",
      "duplicate_in_request",
    ]);
    expect((await h.admin("stats")).body.createAttemptsOnExisting).toEqual({
      "jane.doe@acme.example": 1,
    });
  });

  it("mailboxRef id-only: a primary address is not a mailbox reference", async () => {
    await put({ profile: "id-only-lookups" });
    expect((await get("/mailboxes/jane.doe@acme.example")).status).toBe(404);
    const listed = await get("/mailboxes?domain=acme.example&search=jane");
    const id = listed.body.items[0].id;
    expect((await get(`/mailboxes/${id}`)).body.primary_email).toBe("jane.doe@acme.example");
    const patch = await call(`${h.api}/mailboxes/jane.doe@acme.example`, {
      method: "PATCH",
      headers: h.auth,
      json: { first_name: "J" },
    });
    expect(patch.status).toBe(404);
    const del = await call(`${h.api}/mailboxes/jane.doe@acme.example`, {
      method: "DELETE",
      headers: h.auth,
    });
    expect(del.status).toBe(404);
    expect(
      (await call(`${h.api}/mailboxes/${id}`, { method: "DELETE", headers: h.auth })).status,
    ).toBe(204);
  });

  it("statuses more: statuses beyond active and paused, and `active` false for them", async () => {
    await put({ profile: "odd-statuses" });
    expect((await get("/mailboxes/ichiro.suzuki@acme.example")).body.status).toBe("suspended");
    const kr = await get("/domains/kr.example");
    const seoyeon = kr.body.mailboxes.find((m: { email: string }) => m.email.startsWith("seoyeon"));
    expect(seoyeon.active).toBe(false);
    const statuses = (await get("/mailboxes?page_size=500")).body.items.map(
      (m: { status: string }) => m.status,
    );
    expect(new Set(statuses)).toEqual(
      new Set(["active", "paused", "suspended", "pending_deletion"]),
    );
  });

  it("unpublished-routes: GET /domains 404 and DELETE 405, before auth; the rest served", async () => {
    await put({ profile: "unpublished-routes" });
    const domains = await get("/domains", {});
    expect([domains.status, domains.body]).toEqual([404, { detail: "Not Found" }]);
    const del = await call(`${h.api}/mailboxes/jane.doe@acme.example`, { method: "DELETE" });
    expect([del.status, del.headers.get("allow")]).toEqual([405, "GET, PATCH"]);
    expect((await get("/domains/acme.example")).status).toBe(200);
    expect((await get("/mailboxes/jane.doe@acme.example")).status).toBe(200);
  });

  it("limitStatus 503 (read-limits-503): limits answer 503 with Retry-After", async () => {
    await put({ profile: "read-limits-503" });
    for (let i = 0; i < 5; i += 1) await get("/domains/acme.example");
    const limited = await get("/domains/acme.example");
    expect([limited.status, limited.headers.get("retry-after")]).toEqual([503, "1"]);
    expect(limited.body).toEqual({ detail: "Service Unavailable" });
  });
});
