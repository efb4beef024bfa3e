import { describe, expect, it } from "vitest";
import { call } from "../core/test-helpers";
import { ZCOM_SEED_PASSWORD } from "./seed";
import { setupZcom } from "./test-setup";

const z = setupZcom({ mailboxCapPerDomain: 5 });

const create = (json: unknown) =>
  call(`${z.mailUrl}/v1/emails`, { method: "POST", headers: z.auth, json });
const emailsOf = (domainId: string, query = "") =>
  call(`${z.mailUrl}/v1/emails?domain_id=${domainId}${query}`, { headers: z.auth });

describe("Z.com sandbox: lists", () => {
  it("lists services and domains with total_count/current_count and short hex ids", async () => {
    const services = await call(`${z.mailUrl}/v1/services`, { headers: z.auth });
    expect(services.body).toMatchObject({ total_count: 2, current_count: 2 });
    expect(services.body.services[0]).toMatchObject({
      status: "active",
      service_name: expect.any(String),
    });
    const domains = await call(`${z.mailUrl}/v1/domains?sort_key=domain_name&sort_type=desc`, {
      headers: z.auth,
    });
    expect(domains.headers.get("content-type")).toBe("application/json");
    expect(domains.body.domains.map((d: { domain_name: string }) => d.domain_name)).toEqual([
      "zcom-demo.example",
      "jp.example",
      "empty.zcom.example",
      "big.zcom.example",
    ]);
    expect(domains.body.domains[0].domain_id).toMatch(/^[0-9a-f]{20}$/);
    const jpService = domains.body.domains[1].service_id;
    const filtered = await call(`${z.mailUrl}/v1/domains?service_id=${jpService}`, {
      headers: z.auth,
    });
    expect(filtered.body).toMatchObject({ total_count: 1, current_count: 1 });
    expect(
      (await call(`${z.mailUrl}/v1/domains?service_id=nope`, { headers: z.auth })).status,
    ).toBe(404);
  });

  it("pages the 120 addresses of big.zcom.example with offset/limit and a stable order", async () => {
    const id = await z.domainId("big.zcom.example");
    const all = await emailsOf(id);
    expect(all.body).toMatchObject({ total_count: 120, current_count: 120 });
    const page = await emailsOf(id, "&offset=100&limit=50");
    expect(page.body).toMatchObject({ total_count: 120, current_count: 20 });
    expect(page.body.emails[0].email).toBe("user-101@big.zcom.example");
    const desc = await emailsOf(id, "&sort_key=email&sort_type=desc&limit=1");
    expect(desc.body.emails[0].email).toBe("user-120@big.zcom.example");
    expect((await emailsOf(id, "&sort_key=nope")).status).toBe(400);
    expect((await emailsOf(id, "&limit=-1")).status).toBe(400);
    expect((await call(`${z.mailUrl}/v1/emails`, { headers: z.auth })).status).toBe(400);
    expect((await emailsOf("ffffffffffffffffffff")).status).toBe(404);
    expect((await emailsOf(await z.domainId("empty.zcom.example"))).body).toEqual({
      emails: [],
      total_count: 0,
      current_count: 0,
    });
  });
});

describe("Z.com sandbox: create and manage addresses", () => {
  it("creates an address with the documented defaults and refuses a duplicate with 409", async () => {
    const domain_id = await z.domainId("jp.example");
    const res = await create({ domain_id, email: "yamada-taro@jp.example", password: "ZE!Zr0vKO" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      email: {
        domain_id,
        email_id: expect.stringMatching(/^[0-9a-f]{32}$/),
        email: "yamada-taro@jp.example",
        username: expect.stringMatching(/^paasmail_\d{8}$/),
        total_usage: 0,
        virus_check: true,
        spam_filter: true,
        spam_filter_type: "tray",
        forwarding_copy: true,
      },
    });
    const again = await create({
      domain_id,
      email: "yamada-taro@jp.example",
      password: "ZE!Zr0vKO",
    });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: { code: 409, message: "Duplicate" } });
    const got = await call(`${z.mailUrl}/v1/emails/${res.body.email.email_id}`, {
      headers: z.auth,
    });
    expect(got.body).toEqual(res.body);
  });

  it.each([
    ["UPPER@jp.example"],
    ["-lead@jp.example"],
    ["trail-@jp.example"],
    ["a@jp.example"],
    [`${"a".repeat(64)}@jp.example`],
    ["dot.ted@jp.example"],
    ["under_score@jp.example"],
    ["ok@other.example"],
    ["ok@JP.example"],
    ["no-at-sign"],
    ["a@b@jp.example"],
  ])("refuses %s with 400 Invalid Email", async (email) => {
    const res = await create({
      domain_id: await z.domainId("jp.example"),
      email,
      password: "ZE!Zr0vKO",
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 400, message: "Invalid Email" } });
  });

  it("accepts local parts of 2 and 63 characters", async () => {
    const domain_id = await z.domainId("jp.example");
    for (const local of ["ab", `a${"-".repeat(61)}b`]) {
      expect(
        (await create({ domain_id, email: `${local}@jp.example`, password: "ZE!Zr0vKO" })).status,
      ).toBe(200);
    }
  });

  it.each([
    ["Short1aA"],
    [`Aa1${"x".repeat(68)}`],
    ["alllower123"],
    ["ALLUPPER123"],
    ["NoDigitsHere"],
    ["Has space1A"],
    ["Back`tick1A"],
    ["Angle<1Aaaa"],
    ["Ünïcode1Aaa"],
    ["Curly\u201c1Aaaa"],
  ])("refuses password %j with 400 Invalid Password", async (password) => {
    const res = await create({
      domain_id: await z.domainId("jp.example"),
      email: "pw-test@jp.example",
      password,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Invalid Password");
  });

  it("accepts every listed symbol and the 9/70 length bounds", async () => {
    await z.admin("limits", { method: "PUT", json: { mailboxCapPerDomain: 100 } });
    const domain_id = await z.domainId("empty.zcom.example");
    const passwords = [
      'Aa1!#$%&?"',
      "Aa1'=+-_{}",
      "Aa1[]^~:;()",
      "Aa1.,/|\\*@",
      "Aa1aaaaaa",
      `Aa1${"b".repeat(67)}`,
    ];
    const statuses = [];
    for (const [i, password] of passwords.entries()) {
      statuses.push(
        (await create({ domain_id, email: `sym${i}@empty.zcom.example`, password })).status,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it("answers 404 for an unknown domain, 400 for a malformed body, 400 Quota Exceeded past the cap", async () => {
    expect(
      (await create({ domain_id: "nope", email: "a@b.c", password: "ZE!Zr0vKO" })).status,
    ).toBe(404);
    expect((await create({ email: "x@jp.example" })).status).toBe(400);
    const domain_id = await z.domainId("jp.example");
    const statuses = [];
    for (const local of ["q1", "q2", "q3"]) {
      const res = await create({ domain_id, email: `${local}@jp.example`, password: "ZE!Zr0vKO" });
      statuses.push(res.status === 400 ? res.body.error.message : res.status);
    }
    expect(statuses).toEqual([200, 200, "Quota Exceeded"]); // 3 seed addresses + 2 = cap 5
  });

  it("reads the body as JSON whatever the Content-Type (the docs' curl sends form-encoded)", async () => {
    const domain_id = await z.domainId("jp.example");
    const res = await call(`${z.mailUrl}/v1/emails`, {
      method: "POST",
      headers: { ...z.auth, "content-type": "application/x-www-form-urlencoded" },
      body: JSON.stringify({ domain_id, email: "form@jp.example", password: "ZE!Zr0vKO" }),
    });
    expect(res.status).toBe(200);
  });

  it("changes a password (204), keeping only a hash, and deletes (204 then 404)", async () => {
    const domain_id = await z.domainId("zcom-demo.example");
    const created = await create({
      domain_id,
      email: "pw@zcom-demo.example",
      password: "First-Passw0rd",
    });
    const id = created.body.email.email_id;
    const check = async (password: string) =>
      (await z.admin("check-password", { method: "POST", json: { email_id: id, password } })).body
        .match;
    expect(await check("First-Passw0rd")).toBe(true);

    const put = (password: unknown) =>
      call(`${z.mailUrl}/v1/emails/${id}/password`, {
        method: "PUT",
        headers: z.auth,
        json: { password },
      });
    expect((await put("bad")).status).toBe(400);
    const ok = await put("Second-Passw0rd");
    expect(ok.status).toBe(204);
    expect(ok.text).toBe("");
    expect(await check("Second-Passw0rd")).toBe(true);
    expect(await check("First-Passw0rd")).toBe(false);

    const everything = JSON.stringify([
      ...z.sandbox.state.listEmails(),
      (await z.admin("mailboxes")).body,
    ]);
    expect(everything).not.toContain("Second-Passw0rd");
    expect(everything).not.toContain("passwordHash");

    const del = () => call(`${z.mailUrl}/v1/emails/${id}`, { method: "DELETE", headers: z.auth });
    expect((await del()).status).toBe(204);
    expect((await del()).status).toBe(404);
    expect((await put("Third-Passw0rd")).status).toBe(404);
    expect((await call(`${z.mailUrl}/v1/emails/${id}`, { headers: z.auth })).status).toBe(404);
  });

  it("seed addresses carry the documented seed password; reset restores data and ids", async () => {
    const match = await z.admin("check-password", {
      method: "POST",
      json: { email: "info@zcom-demo.example", password: ZCOM_SEED_PASSWORD },
    });
    expect(match.body.match).toBe(true);
    const domain_id = await z.domainId("zcom-demo.example");
    const first = (
      await create({ domain_id, email: "again@zcom-demo.example", password: "ZE!Zr0vKO" })
    ).body.email;
    await z.admin("reset", { method: "POST" });
    expect((await emailsOf(domain_id)).body.total_count).toBe(3);
    // Issued tokens survive a reset, and the n-th create after a reset gets the same ids.
    const second = (
      await create({ domain_id, email: "again@zcom-demo.example", password: "ZE!Zr0vKO" })
    ).body.email;
    expect(second).toEqual(first);
    const all = await z.admin("mailboxes");
    expect(all.body.total).toBe(127);
    expect(all.body.mailboxes[0]).toMatchObject({
      email: "info@zcom-demo.example",
      domain_name: "zcom-demo.example",
    });
  });
});
