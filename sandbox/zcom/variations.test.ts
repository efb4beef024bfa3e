import { describe, expect, it } from "vitest";
import { DEFAULT_VARIATIONS, SANDBOX_PROFILES } from "../core/profile";
import { call } from "../core/test-helpers";
import { createZcomSandbox } from "./create-zcom-sandbox";
import { ZCOM_SEED_PASSWORD } from "./seed";
import { credentialsBody, fetchToken, setupZcom, type ZcomHarness } from "./test-setup";

/* One test (or a few) per Z.com variation, over real HTTP. */

const PASSWORD = "ZE!Zr0vKO";
const profileOf = (z: ZcomHarness) => (body: unknown) =>
  z.admin("profile", { method: "PUT", json: body });
/** Domain ids from the store, so they cost no API request (and no token use). */
const domainIdOf = (z: ZcomHarness, name: string) =>
  z.sandbox.state.listDomains().find((d) => d.domain_name === name)!.domain_id;
const createIn = (z: ZcomHarness, local: string, password = PASSWORD, auth = z.auth) =>
  call(`${z.mailUrl}/v1/emails`, {
    method: "POST",
    headers: auth,
    json: {
      domain_id: domainIdOf(z, "empty.zcom.example"),
      email: `${local}@empty.zcom.example`,
      password,
    },
  });
const emailsOf = (z: ZcomHarness, domain: string, query = "", auth = z.auth) =>
  call(`${z.mailUrl}/v1/emails?domain_id=${domainIdOf(z, domain)}${query}`, { headers: auth });
const users = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `user-${String(from + i).padStart(3, "0")}`);
const localsOf = (emails: { email: string }[]) => emails.map((e) => e.email.split("@")[0]);

describe("Z.com profile admin routes", () => {
  const z = setupZcom();
  const put = profileOf(z);

  it("describes and switches the profile; reset goes back to the start one", async () => {
    expect((await z.admin("profile")).body).toMatchObject({
      profile: ["default"],
      variations: { zcom: DEFAULT_VARIATIONS.zcom },
    });
    const set = await put({ profile: "early-expiry-short" });
    expect(set.body.variations.zcom.tokenTtlSeconds).toBe(30);
    expect((await z.admin("limits")).body.tokenTtlSeconds).toBe(30);
    await z.admin("reset", { method: "POST" });
    expect((await z.admin("limits")).body.tokenTtlSeconds).toBe(86400);
    expect(z.sandbox.variations()).toEqual(DEFAULT_VARIATIONS.zcom);
  });

  it("refuses unknown names and fields, naming them, on every listener", async () => {
    const onIdentity = (body: unknown) =>
      call(`${z.identityUrl}/__sandbox/profile`, { method: "PUT", json: body });
    const cases: [unknown, RegExp][] = [
      [{ profile: "id-format" }, /unknown profile "id-format"/],
      [{ variations: { zcom: { idFormatt: "uuid" } } }, /unknown variation "zcom.idFormatt"/],
      [{ variations: { hybridbox: { bulkMax: 1 } } }, /variations.hybridbox do not apply/],
      [{ variation: {} }, /unknown field "variation"/],
    ];
    for (const [body, message] of cases) {
      for (const res of [await put(body), await onIdentity(body)]) {
        expect(res.status).toBe(400);
        expect(res.body.error).toMatch(message);
      }
    }
    expect(() => createZcomSandbox({ profile: ["default", "nope"] })).toThrow(/"nope"/);
  });
});

describe("Z.com variations: lists", () => {
  const z = setupZcom();
  const put = profileOf(z);

  it("limitCap serves at most the cap, whatever limit asks (default limit included)", async () => {
    await put({ variations: { zcom: { limitCap: 100 } } });
    const all = await emailsOf(z, "big.zcom.example");
    expect(all.body).toMatchObject({ total_count: 120, current_count: 100 });
    expect(localsOf(all.body.emails)).toEqual(users(1, 100));
    const rest = await emailsOf(z, "big.zcom.example", "&offset=100&limit=1000");
    expect(localsOf(rest.body.emails)).toEqual(users(101, 120));
    expect((await emailsOf(z, "big.zcom.example", "&limit=30")).body.current_count).toBe(30);
  });

  it("listOrder newest-first ignores sort_key and sort_type, on every list", async () => {
    await put({ variations: { zcom: { listOrder: "newest-first" } } });
    const asked = await emailsOf(z, "big.zcom.example", "&sort_key=email&sort_type=asc&limit=12");
    expect(localsOf(asked.body.emails)).toEqual([...users(111, 120), ...users(101, 102)]);
    expect((await emailsOf(z, "big.zcom.example", "&sort_key=nope&sort_type=up")).status).toBe(200);
    const domains = await call(`${z.mailUrl}/v1/domains?sort_key=domain_name`, { headers: z.auth });
    expect(domains.body.domains.map((d: { domain_name: string }) => d.domain_name)).toEqual([
      "jp.example",
      "empty.zcom.example",
      "big.zcom.example",
      "zcom-demo.example",
    ]);
    const services = await call(`${z.mailUrl}/v1/services`, { headers: z.auth });
    expect(services.body.services[0].service_name).toBe("sandbox-mail-jp");
    expect((await emailsOf(z, "big.zcom.example", "&limit=-1")).status).toBe(400);
  });

  it("capped-lists: 100 at most, newest first", async () => {
    await put({ profile: "capped-lists" });
    const page = await emailsOf(z, "big.zcom.example", "&sort_type=asc");
    expect(page.body.current_count).toBe(100);
    expect(page.body.emails[0].email).toBe("user-111@big.zcom.example");
  });
});

describe("Z.com variations: error bodies and labels", () => {
  const z = setupZcom({ mailboxCapPerDomain: 1 });
  const put = profileOf(z);
  const missing = () => call(`${z.mailUrl}/v1/emails/nope`, { headers: z.auth });
  const badLogin = () =>
    call(`${z.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: credentialsBody({ passwordCredentials: { username: "x", password: "y" } }),
    });

  it('message-only: {"error":{"message"}} without code, on both listeners', async () => {
    await put({ variations: { zcom: { errorBody: "message-only" } } });
    expect((await missing()).body).toEqual({ error: { message: "Not Found" } });
    const denied = await call(`${z.mailUrl}/v1/services`);
    expect([denied.status, denied.body]).toEqual([401, { error: { message: "Access Denied" } }]);
    expect((await badLogin()).body).toEqual({
      error: { message: "The request you have made requires authentication." },
    });
    await createIn(z, "one");
    expect((await createIn(z, "one")).body).toEqual({ error: { message: "Duplicate" } });
    await z.admin("faults", { method: "PUT", json: { errorRate: 1, errorStatuses: [500] } });
    expect((await createIn(z, "two")).body).toEqual({
      error: { message: "Internal Server Error" },
    });
  });

  it("html, text and empty: every error without JSON, the status kept", async () => {
    await put({ profile: "odd-errors-html" });
    const html = await missing();
    expect([html.status, html.headers.get("content-type")]).toEqual([404, "text/html"]);
    expect((await badLogin()).headers.get("content-type")).toBe("text/html");
    await put({ profile: "odd-errors-text" });
    const text = await createIn(z, "ab", "short");
    expect([text.status, text.headers.get("content-type"), text.text]).toEqual([
      400,
      "text/plain",
      "Invalid Password",
    ]);
    await put({ profile: "odd-errors-empty" });
    const empty = await missing();
    expect([empty.status, empty.text]).toEqual([404, ""]);
  });

  it("unauthorizedBody empty: empty 401s from the mail API and the identity API", async () => {
    await put({ variations: { zcom: { unauthorizedBody: "empty" } } });
    const mail = await call(`${z.mailUrl}/v1/services`, { headers: { "x-auth-token": "nope" } });
    expect([mail.status, mail.text]).toEqual([401, ""]);
    expect([(await badLogin()).status, (await badLogin()).text]).toEqual([401, ""]);
    expect((await missing()).body).toEqual({ error: { code: 404, message: "Not Found" } });
  });

  it("errorLabels reworded: the [assumed] 400 labels only", async () => {
    await put({ variations: { zcom: { errorLabels: "reworded" } } });
    const label = async (
      res: Promise<{ status: number; body: { error: { message: string } } }>,
    ) => {
      const r = await res;
      return [r.status, r.body.error.message];
    };
    expect(await label(createIn(z, "weak-one", "short"))).toEqual([
      400,
      "The password does not meet the policy",
    ]);
    expect(await label(createIn(z, "-bad"))).toEqual([400, "The email address is not valid"]);
    expect(
      await label(call(`${z.mailUrl}/v1/emails`, { method: "POST", headers: z.auth, json: [] })),
    ).toEqual([400, "The request parameters are invalid"]);
    expect(await label(emailsOf(z, "big.zcom.example", "&sort_key=nope"))).toEqual([
      400,
      "The request parameters are invalid",
    ]);
    await createIn(z, "first");
    expect(await label(createIn(z, "second"))).toEqual([
      400,
      "The number of email addresses has reached the limit",
    ]);
    // PUT password's "400 Invalid Password" is [doc]: never reworded.
    const id = z.sandbox.state.findByAddress("first@empty.zcom.example")!.email_id;
    const set = call(`${z.mailUrl}/v1/emails/${id}/password`, {
      method: "PUT",
      headers: z.auth,
      json: { password: "short" },
    });
    expect(await label(set)).toEqual([400, "Invalid Password"]);
  });

  it("unknownDomainStatus 400: a create naming an unknown domain_id is a 400", async () => {
    const create = () =>
      call(`${z.mailUrl}/v1/emails`, {
        method: "POST",
        headers: z.auth,
        json: { domain_id: "nope", email: "a-b@nowhere.example", password: PASSWORD },
      });
    expect((await create()).status).toBe(404);
    await put({ variations: { zcom: { unknownDomainStatus: 400 } } });
    expect((await create()).body).toEqual({ error: { code: 400, message: "Invalid Domain" } });
    await put({ variations: { zcom: { unknownDomainStatus: 400, errorLabels: "reworded" } } });
    expect((await create()).body.error.message).toBe("The domain does not exist");
  });

  it("odd-errors: reworded labels in the message-only shape, empty 401s", async () => {
    await put({ profile: "odd-errors" });
    expect((await createIn(z, "weak", "short")).body).toEqual({
      error: { message: "The password does not meet the policy" },
    });
    expect((await call(`${z.mailUrl}/v1/services`)).text).toBe("");
  });
});

describe("Z.com variations: lag, tokens", () => {
  let clock = Date.parse("2026-03-01T00:00:00.000Z");
  const z = setupZcom({ now: () => new Date(clock) });
  const put = profileOf(z);
  const services = (token: string) =>
    call(`${z.mailUrl}/v1/services`, { headers: { "x-auth-token": token } });

  it("lagging-lists: a new address is invisible to reads for 3 s, never to creates", async () => {
    await put({ profile: "lagging-lists" });
    const made = await createIn(z, "lagged");
    expect(made.status).toBe(200);
    const id = made.body.email.email_id;
    const hidden = async () => {
      expect((await emailsOf(z, "empty.zcom.example")).body).toEqual({
        emails: [],
        total_count: 0,
        current_count: 0,
      });
      expect((await call(`${z.mailUrl}/v1/emails/${id}`, { headers: z.auth })).status).toBe(404);
    };
    await hidden();
    expect((await createIn(z, "lagged")).status).toBe(409);
    clock += 2999;
    await hidden();
    clock += 1;
    expect((await emailsOf(z, "empty.zcom.example")).body.total_count).toBe(1);
    expect((await call(`${z.mailUrl}/v1/emails/${id}`, { headers: z.auth })).status).toBe(200);
  });

  it("early-expiry: tokens announce 24 h but die after 2 s", async () => {
    await put({ profile: "early-expiry" });
    const res = await call(`${z.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: credentialsBody(),
    });
    const { id, expires } = res.body.access.token;
    expect(Date.parse(expires) - clock).toBe(24 * 60 * 60 * 1000);
    expect((await services(id)).status).toBe(200);
    clock += 1999;
    expect((await services(id)).status).toBe(200);
    clock += 1;
    expect((await services(id)).status).toBe(401);
  });

  it("early-expiry: tokens die after 10 mail API requests", async () => {
    await put({ profile: "early-expiry" });
    const token = await fetchToken(z.identityUrl);
    const statuses = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await services(token)).status);
    expect(statuses).toEqual([...Array(10).fill(200), 401]);
    expect((await services(await fetchToken(z.identityUrl))).status).toBe(200);
    // A token issued before the profile changed keeps its own terms.
    for (let i = 0; i < 12; i += 1)
      expect((await services(z.auth["x-auth-token"]!)).status).toBe(200);
  });

  it("early-expiry-short: tokens announce and live 30 s", async () => {
    await put({ profile: "early-expiry-short" });
    const res = await call(`${z.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: credentialsBody(),
    });
    const { id, expires } = res.body.access.token;
    expect(Date.parse(expires) - clock).toBe(30_000);
    clock += 29_999;
    expect((await services(id)).status).toBe(200);
    clock += 1;
    expect((await services(id)).status).toBe(401);
  });
});

describe("Z.com variations: id formats", () => {
  const z = setupZcom();
  const put = profileOf(z);
  const formats: [string, RegExp][] = [
    ["id-formats", /^\d+$/],
    ["id-formats-uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/],
    ["id-formats-short", /^[0-9a-f]{9}$/],
  ];

  it.each(formats)(
    "%s: every id in that format, and every id-taking route works",
    async (name, format) => {
      await put({ profile: name });
      const services = await call(`${z.mailUrl}/v1/services`, { headers: z.auth });
      const domains = await call(
        `${z.mailUrl}/v1/domains?service_id=${services.body.services[0].service_id}`,
        {
          headers: z.auth,
        },
      );
      expect(domains.status).toBe(200);
      const listed = await emailsOf(z, "zcom-demo.example");
      const ids = [
        ...services.body.services.map((s: { service_id: string }) => s.service_id),
        ...domains.body.domains.map((d: { domain_id: string }) => d.domain_id),
        ...listed.body.emails.map((e: { email_id: string }) => e.email_id),
      ];
      for (const id of ids) expect(id).toMatch(format);
      const made = await createIn(z, "fresh");
      expect(made.body.email.email_id).toMatch(format);
      const id = made.body.email.email_id;
      expect((await call(`${z.mailUrl}/v1/emails/${id}`, { headers: z.auth })).status).toBe(200);
      const set = await call(`${z.mailUrl}/v1/emails/${id}/password`, {
        method: "PUT",
        headers: z.auth,
        json: { password: "New-Passw0rd" },
      });
      expect(set.status).toBe(204);
      const check = await z.admin("check-password", {
        method: "POST",
        json: { email_id: id, password: "New-Passw0rd" },
      });
      expect(check.body).toEqual({ match: true });
      expect(
        (await call(`${z.mailUrl}/v1/emails/${id}`, { method: "DELETE", headers: z.auth })).status,
      ).toBe(204);
    },
  );

  it("re-seeds the data when the id format changes (ids are fixed when data is seeded)", async () => {
    await createIn(z, "kept");
    await put({ variations: { zcom: { lagMs: 1 } } });
    expect((await z.admin("mailboxes")).body.total).toBe(127);
    await put({ profile: "id-formats-uuid" });
    expect((await z.admin("mailboxes")).body.total).toBe(126);
    await z.admin("reset", { method: "POST" });
    expect(domainIdOf(z, "jp.example")).toMatch(/^[0-9a-f]{20}$/);
  });
});

describe("Z.com variations: optional and extra fields", () => {
  const z = setupZcom();
  const put = profileOf(z);
  const info = async () =>
    (await emailsOf(z, "zcom-demo.example")).body.emails.find(
      (e: { email: string }) => e.email === "info@zcom-demo.example",
    );

  it("sparse-fields keeps only email_id, email and domain_id", async () => {
    await put({ profile: "sparse-fields" });
    expect(Object.keys(await info()).sort()).toEqual(["domain_id", "email", "email_id"]);
    const made = await createIn(z, "sparse");
    expect(Object.keys(made.body.email).sort()).toEqual(["domain_id", "email", "email_id"]);
  });

  it("sparse-fields-null sets the others to null", async () => {
    await put({ profile: "sparse-fields-null" });
    expect(await info()).toMatchObject({
      username: null,
      total_usage: null,
      virus_check: null,
      spam_filter: null,
      spam_filter_type: null,
      forwarding_copy: null,
      email: "info@zcom-demo.example",
    });
  });

  it("extra-fields in every object and envelope, identity answers and errors included", async () => {
    await put({ profile: "extra-fields" });
    const extra = {
      x_sandbox_extra: expect.any(String),
      x_sandbox_extra_object: expect.any(Object),
    };
    const listed = await emailsOf(z, "zcom-demo.example");
    expect(listed.body).toMatchObject({ total_count: 3, ...extra });
    expect(listed.body.emails[0]).toMatchObject(extra);
    const token = await call(`${z.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: credentialsBody(),
    });
    expect(token.body.access.token).toMatchObject({ id: expect.any(String), ...extra });
    expect(token.body.access.serviceCatalog[0].endpoints[0]).toMatchObject(extra);
    expect((await call(`${z.mailUrl}/v1/emails/nope`, { headers: z.auth })).body).toMatchObject({
      error: { code: 404, ...extra },
      ...extra,
    });
  });
});

describe("Z.com check-password under every profile", () => {
  const z = setupZcom();

  it.each(SANDBOX_PROFILES.map((p) => p.name))("%s", async (name) => {
    await z.admin("profile", { method: "PUT", json: { profile: name } });
    await z.admin("faults", { method: "PUT", json: { seed: 1 } });
    const token = { "x-auth-token": await fetchToken(z.identityUrl) };
    // Applied whatever the answer (html-502-after-apply answers 502 to an applied create).
    expect([200, 502]).toContain((await createIn(z, "checked", PASSWORD, token)).status);
    const found = z.sandbox.state.findByAddress("checked@empty.zcom.example")!;
    const check = (json: unknown) => z.admin("check-password", { method: "POST", json });
    expect((await check({ email: found.email, password: PASSWORD })).body).toEqual({ match: true });
    expect((await check({ email_id: found.email_id, password: PASSWORD })).body).toEqual({
      match: true,
    });
    expect((await check({ email: found.email, password: "Wrong-Passw0rd" })).body).toEqual({
      match: false,
    });
    expect(
      (await check({ email: "info@zcom-demo.example", password: ZCOM_SEED_PASSWORD })).body,
    ).toEqual({ match: true });
  });
});
