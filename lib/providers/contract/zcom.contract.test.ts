import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ZCOM_SEED_PASSWORD } from "@/sandbox/index";
import { ProviderError } from "../errors";
import { createZcomClient } from "../zcom/client";
import type { Domain } from "../types";
import {
  classOf,
  offlineTransport,
  passwordLikeKeys,
  raw,
  startWireTap,
  tokenRequestBody,
  startZcomRig,
  type WireTap,
  ZCOM,
} from "@/lib/testing/provider-harness";

// Every [doc] fact of shared/providers/zcom.md, one `it` each, named after the contract line,
// checked against the real sandbox through our client (createZcomClient / createZcomProvider)
// over real HTTP, and with raw fetch where the client hides the fact. DELETE /v1/emails/{id} is
// tagged [client] (seen in ConoHa client code) and is covered too.

const rig = startZcomRig();

const taps: WireTap[] = [];
afterEach(async () => {
  await Promise.all(taps.splice(0).map((t) => t.close()));
});

/** A provider whose mail and identity traffic both pass through wire taps. */
async function tapped() {
  const mail = await startWireTap(rig.mailUrl);
  const identity = await startWireTap(rig.identityUrl);
  taps.push(mail, identity);
  const provider = rig.provider({ mailUrl: mail.url, identityUrl: identity.url });
  return { mail, identity, provider };
}

const PASSWORD = "ZE!Zr0vKO"; // the docs' own example
const HEX = (n: number) => new RegExp(`^[0-9a-f]{${n}}$`);

const documentedEmail = z.strictObject({
  domain_id: z.string(),
  email_id: z.string(),
  email: z.string(),
  username: z.string(),
  total_usage: z.number(),
  virus_check: z.boolean(),
  spam_filter: z.boolean(),
  spam_filter_type: z.string(),
  forwarding_copy: z.boolean(),
});

async function demo(): Promise<Domain> {
  return { id: await rig.domainId("empty.zcom.example"), name: "empty.zcom.example" };
}

describe("Z.com — Transport and auth [doc]", () => {
  it("mail API base https://mail-hosting.tyo1.cloud.z.com, identity https://identity.tyo1.cloud.z.com/v2.0/tokens (offline: recorded, never sent)", async () => {
    const { http, requests } = offlineTransport((request) =>
      request.url.pathname === "/v2.0/tokens"
        ? { status: 200, json: { access: { token: { id: "a".repeat(32) } } } }
        : { status: 200, json: { domains: [], total_count: 0, current_count: 0 } },
    );
    const client = createZcomClient({
      mailUrl: "https://mail-hosting.tyo1.cloud.z.com",
      // As printed in the docs' examples, with /v2.0: the client accepts it.
      identityUrl: "https://identity.tyo1.cloud.z.com/v2.0",
      username: ZCOM.username,
      password: ZCOM.password,
      http,
    });
    await client.listDomains();
    expect(requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([
      "POST https://identity.tyo1.cloud.z.com/v2.0/tokens",
      "GET https://mail-hosting.tyo1.cloud.z.com/v1/domains",
    ]);
  });

  it("mail API paths start /v1/", async () => {
    const { mail, provider } = await tapped();
    const domain = await demo();
    const [outcome] = await provider.create(domain, [{ localPart: "paths", password: PASSWORD }]);
    const id = outcome?.status === "created" ? outcome.mailbox.id : "";
    await provider.client.getEmail(id);
    await provider.client.changePassword(id, "New-Passw0rd");
    await provider.client.deleteEmail(id);
    await provider.listMailboxes(domain, { page: 1, pageSize: 10 });
    await provider.listDomains();
    expect(mail.requests).toHaveLength(6);
    for (const r of mail.requests) expect(r.path).toMatch(/^\/v1\//);
    expect(
      [...new Set(mail.requests.map((r) => `${r.method} ${r.path.replace(id, "{id}")}`))].sort(),
    ).toEqual([
      "DELETE /v1/emails/{id}",
      "GET /v1/domains",
      "GET /v1/emails",
      "GET /v1/emails/{id}",
      "POST /v1/emails",
      "PUT /v1/emails/{id}/password",
    ]);
  });

  it("header `X-Auth-Token: <token>`, `Accept: application/json`; `Content-Type: application/json` with bodies", async () => {
    const { mail, identity, provider } = await tapped();
    const domain = await demo();
    const [outcome] = await provider.create(domain, [{ localPart: "headers", password: PASSWORD }]);
    const id = outcome?.status === "created" ? outcome.mailbox.id : "";
    await provider.client.changePassword(id, "New-Passw0rd");
    const token = JSON.parse(identity.requests[0]?.answer?.text ?? "{}").access.token.id;
    for (const r of mail.requests) {
      expect(r.headers["x-auth-token"]).toBe(token);
      expect(r.headers.accept).toBe("application/json");
      if (r.body !== "") expect(r.headers["content-type"]).toBe("application/json");
    }
    expect(mail.requests.filter((r) => r.body !== "").map((r) => r.method)).toEqual([
      "POST",
      "PUT",
    ]);
    expect(identity.requests[0]?.headers["content-type"]).toBe("application/json");
  });

  it("token from POST /v2.0/tokens {auth:{passwordCredentials:{username,password},tenantId}} → access.token.{id,expires,tenant} + serviceCatalog mailhosting publicURL", async () => {
    const { identity, provider } = await tapped();
    await provider.listDomains();
    expect(identity.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /v2.0/tokens"]);
    expect(identity.requests[0]?.json).toEqual(tokenRequestBody());

    const answer = await raw(`${rig.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: tokenRequestBody(),
    });
    expect(answer.status).toBe(200);
    const { token, serviceCatalog } = answer.body.access;
    expect(token.id).toMatch(HEX(32));
    expect(Number.isNaN(Date.parse(token.expires))).toBe(false);
    expect(token.tenant).toMatchObject({ id: ZCOM.tenantId, name: ZCOM.tenantName });
    const mailhosting = serviceCatalog.find((s: { type: string }) => s.type === "mailhosting");
    expect(mailhosting.endpoints[0]).toMatchObject({
      region: "tyo1",
      publicURL: `${rig.mailUrl}/v1`,
    });
    // The client accepts the publicURL as is (a trailing /v1 is fine).
    const viaCatalog = rig.provider({ mailUrl: mailhosting.endpoints[0].publicURL });
    expect((await viaCatalog.listDomains()).length).toBe(4);
  });

  it("tenantId is optional", async () => {
    const answer = await raw(`${rig.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: tokenRequestBody(undefined),
    });
    expect(answer.status).toBe(200);
    const provider = rig.provider({ tenantId: undefined });
    expect((await provider.listDomains()).length).toBe(4);
    const wrongTenant = await raw(`${rig.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: tokenRequestBody("someone-else"),
    });
    expect(wrongTenant.status).toBe(401);
  });

  it("access.token.id is the X-Auth-Token", async () => {
    const { mail, identity, provider } = await tapped();
    await provider.listDomains();
    const issued = JSON.parse(identity.requests[0]?.answer?.text ?? "{}").access.token.id;
    expect(mail.requests[0]?.headers["x-auth-token"]).toBe(issued);
    const direct = await raw(`${rig.mailUrl}/v1/domains`, { headers: { "x-auth-token": issued } });
    expect(direct.status).toBe(200);
    const without = await raw(`${rig.mailUrl}/v1/domains`);
    expect(without.status).toBe(401);
  });

  it("tokens live 24 h", async () => {
    const answer = await raw(`${rig.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: tokenRequestBody(),
    });
    const { issued_at: issuedAt, expires } = answer.body.access.token;
    // Keystone v2 prints issued_at without a zone (UTC); expires ends in Z.
    const lifetime = Date.parse(expires) - Date.parse(`${issuedAt}Z`);
    expect(lifetime).toBeGreaterThan(24 * 3_600_000 - 1_000);
    expect(lifetime).toBeLessThanOrEqual(24 * 3_600_000);
  });

  it("a client holding API user credentials gets a token and caches it (one identity request for many calls)", async () => {
    const provider = rig.provider();
    const domain = await demo();
    await provider.listDomains();
    await provider.create(domain, [{ localPart: "cached-a", password: PASSWORD }]);
    await provider.create(domain, [{ localPart: "cached-b", password: PASSWORD }]);
    await provider.listMailboxes(domain, { page: 1, pageSize: 5 });
    await provider.findMailbox(domain, "cached-a");
    await Promise.all([provider.client.listDomains(), provider.client.listDomains()]);
    expect(await rig.tokenRequests()).toBe(2); // 1 for rig.domainId's raw token, 1 for the client
  });

  it("on a 401 it fetches a new token once before giving up (revoked → refetched, the call succeeds)", async () => {
    const provider = rig.provider();
    await provider.listDomains();
    expect(await rig.tokenRequests()).toBe(1);
    const revoked = await rig.admin("revoke-tokens", { method: "POST" });
    expect(revoked.body.revoked).toBe(1);

    const domains = await provider.listDomains();
    expect(domains).toHaveLength(4);
    expect(await rig.tokenRequests()).toBe(2);
    const stats = await rig.stats();
    expect(stats.responses["401"]).toBe(1);
  });

  it("…and gives up after that one refetch: a 401 on the repeat is final (unauthorized)", async () => {
    const provider = rig.provider();
    await provider.listDomains();
    await rig.faults({ unauthorizedAfter: 0 });
    const error = await provider.client.listDomains().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(classOf((error as ProviderError).failure)).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    expect(await rig.tokenRequests()).toBe(2); // the first token, and exactly one refetch
    expect((await rig.stats()).requests["GET /v1/domains"]).toBe(3);
  });

  it("a client may instead be given a ready token: it works, and its 401 is final (no refetch)", async () => {
    const ready = await rig.token();
    const provider = rig.providerWithToken(ready);
    expect(await provider.listDomains()).toHaveLength(4);
    await rig.admin("revoke-tokens", { method: "POST" });
    const error = await provider.client.listDomains().catch((e: unknown) => e);
    expect(classOf((error as ProviderError).failure)).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    expect(await rig.tokenRequests()).toBe(1); // only our own raw request
    const [outcome] = await provider.create({ id: "x", name: "empty.zcom.example" }, [
      { localPart: "ready", password: PASSWORD },
    ]);
    expect(outcome?.status === "failed" && classOf(outcome.failure)).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
  });

  it("IDs are called UUIDs but are short strings: never validated as UUIDs", async () => {
    const listed = await rig.get("/v1/domains");
    const domainId = listed.body.domains[0].domain_id as string;
    expect(domainId).toMatch(HEX(20));
    const { client } = rig.provider();
    const emails = await client.listEmails({ domainId, limit: 1 });
    const emailId = emails.emails[0]?.email_id ?? "";
    expect(emailId).toMatch(HEX(32));
    expect((await client.getEmail(emailId))?.email_id).toBe(emailId);
    // A short id like the docs' "08e16a49a" goes to the API untouched (the API says 404).
    const error = await client.listEmails({ domainId: "08e16a49a" }).catch((e: unknown) => e);
    expect((error as ProviderError).failure).toMatchObject({ code: "not_found", status: 404 });
  });

  it("booleans are JSON true/false", async () => {
    const answer = await rig.get(`/v1/emails?domain_id=${await rig.domainId("zcom-demo.example")}`);
    for (const email of answer.body.emails) {
      for (const key of ["virus_check", "spam_filter", "forwarding_copy"]) {
        expect(typeof email[key]).toBe("boolean");
      }
    }
    const { client } = rig.provider();
    const [first] = (await client.listEmails({ domainId: await rig.domainId("jp.example") }))
      .emails;
    expect(first).toMatchObject({ virus_check: true, spam_filter: true, forwarding_copy: true });
  });

  it('"Repeatable: No" (POST /v1/emails): sending it twice answers 409 the second time', async () => {
    const provider = rig.provider();
    const domain = await demo();
    const [first] = await provider.create(domain, [{ localPart: "twice", password: PASSWORD }]);
    const [second] = await provider.create(domain, [{ localPart: "twice", password: PASSWORD }]);
    expect(first?.status).toBe("created");
    expect(second?.status === "failed" && classOf(second.failure)).toEqual({
      code: "already_exists",
      errorClass: "final",
      status: 409,
    });
    expect((await rig.stats()).createsByAddress).toEqual({ "twice@empty.zcom.example": 1 });
  });

  it("lists take offset (default 0), limit (default 1000), sort_key, sort_type and answer {<plural>, total_count, current_count}", async () => {
    const big = await rig.domainId("big.zcom.example");
    const defaults = await rig.get(`/v1/emails?domain_id=${big}`);
    expect(defaults.body).toMatchObject({ total_count: 120, current_count: 120 });
    expect(defaults.body.emails).toHaveLength(120);
    expect(defaults.body.emails[0].email).toBe("user-001@big.zcom.example");

    const { client } = rig.provider();
    const seen: string[] = [];
    for (let offset = 0; offset < 120; offset += 50) {
      const page = await client.listEmails({ domainId: big, offset, limit: 50 });
      expect(page.total_count).toBe(120);
      expect(page.current_count).toBe(page.emails.length);
      seen.push(...page.emails.map((e) => e.email));
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);

    const desc = await client.listEmails({
      domainId: big,
      limit: 2,
      sortKey: "email",
      sortType: "desc",
    });
    expect(desc.emails.map((e) => e.email)).toEqual([
      "user-120@big.zcom.example",
      "user-119@big.zcom.example",
    ]);
    const names = await client.listDomains({ sortKey: "domain_name", sortType: "asc" });
    expect(names.domains.map((d) => d.domain_name)).toEqual([
      "big.zcom.example",
      "empty.zcom.example",
      "jp.example",
      "zcom-demo.example",
    ]);
    expect(names).toMatchObject({ total_count: 4, current_count: 4 });
    const all = await client.listAllEmails(big, {});
    expect(all).toHaveLength(120);
  });
});

describe("Z.com — Endpoints [doc]", () => {
  it("GET /v1/domains?service_id=… — list domains {domains:[{service_id,domain_id,domain_name}],total_count,current_count} (200, 401, 404)", async () => {
    const { client } = rig.provider();
    const all = await client.listDomains();
    for (const d of all.domains) {
      expect(Object.keys(d).sort()).toEqual(["domain_id", "domain_name", "service_id"]);
    }
    const services = (await rig.get("/v1/services")).body.services as { service_id: string }[];
    const jp = await client.listDomains({ serviceId: services[1]?.service_id });
    expect(jp.domains.map((d) => d.domain_name)).toEqual(["jp.example"]);
    const unknown = await client.listDomains({ serviceId: "nope" }).catch((e: unknown) => e);
    expect(classOf((unknown as ProviderError).failure)).toEqual({
      code: "not_found",
      errorClass: "final",
      status: 404,
    });
    expect((await raw(`${rig.mailUrl}/v1/domains`)).status).toBe(401);
  });

  it("GET /v1/emails?domain_id=… — list addresses of a domain (200, 401, 404)", async () => {
    const provider = rig.provider();
    const page = await provider.listMailboxes("zcom-demo.example", { page: 1, pageSize: 10 });
    expect(page.items.map((m) => m.address)).toEqual([
      "info@zcom-demo.example",
      "support@zcom-demo.example",
      "test-user@zcom-demo.example",
    ]);
    expect(page.total).toBe(3);
    const unknown = await provider.client
      .listEmails({ domainId: "ffffffffffffffffffff" })
      .catch((e: unknown) => e);
    expect(classOf((unknown as ProviderError).failure)).toEqual({
      code: "not_found",
      errorClass: "final",
      status: 404,
    });
    expect((await raw(`${rig.mailUrl}/v1/emails?domain_id=x`)).status).toBe(401);
  });

  it("POST /v1/emails — create one address (200, 401 Access Denied, 409 Duplicate)", async () => {
    const provider = rig.provider();
    const [created] = await provider.create("empty.zcom.example", [
      { localPart: "new-one", password: PASSWORD },
    ]);
    expect(created?.status === "created" && created.mailbox.address).toBe(
      "new-one@empty.zcom.example",
    );
    const [duplicate] = await provider.create("empty.zcom.example", [
      { localPart: "new-one", password: PASSWORD },
    ]);
    expect(duplicate?.status === "failed" && duplicate.failure).toMatchObject({
      code: "already_exists",
      status: 409,
      message: expect.stringContaining("Duplicate"),
    });
    const denied = await raw(`${rig.mailUrl}/v1/emails`, {
      method: "POST",
      headers: { "x-auth-token": "0".repeat(32) },
      json: { domain_id: (await demo()).id, email: "x1@empty.zcom.example", password: PASSWORD },
    });
    expect(denied.status).toBe(401);
    expect(denied.body).toEqual({ error: { code: 401, message: "Access Denied" } });
  });

  it("GET /v1/emails/{email_id} — one address (200, 401, 404)", async () => {
    const { client } = rig.provider();
    const [info] = (await client.listEmails({ domainId: await rig.domainId("zcom-demo.example") }))
      .emails;
    const one = await client.getEmail(info?.email_id ?? "");
    expect(one).toEqual(info);
    documentedEmail.parse((await rig.get(`/v1/emails/${info?.email_id}`)).body.email);
    expect(await client.getEmail("f".repeat(32))).toBeNull();
    expect((await raw(`${rig.mailUrl}/v1/emails/${info?.email_id}`)).status).toBe(401);
  });

  it("PUT /v1/emails/{email_id}/password {password} → 204 (400 Invalid Password, 401, 404) — the new password works", async () => {
    const { client } = rig.provider();
    const [info] = (await client.listEmails({ domainId: await rig.domainId("zcom-demo.example") }))
      .emails;
    const id = info?.email_id ?? "";
    expect(await rig.checkPassword(id, ZCOM_SEED_PASSWORD)).toBe(true);
    await client.changePassword(id, "Brand-N3w!pass");
    expect(await rig.checkPassword(id, "Brand-N3w!pass")).toBe(true);
    expect(await rig.checkPassword(id, ZCOM_SEED_PASSWORD)).toBe(false);

    const rawAnswer = await rig.get(`/v1/emails/${id}/password`, {
      method: "PUT",
      json: { password: "Another-0ne" },
    });
    expect(rawAnswer.status).toBe(204);
    expect(rawAnswer.text).toBe("");

    const weak = await client.changePassword(id, "short").catch((e: unknown) => e);
    expect(classOf((weak as ProviderError).failure)).toEqual({
      code: "invalid_password",
      errorClass: "final",
      status: 400,
    });
    expect((weak as ProviderError).message).not.toContain("short");
    const denied = await raw(`${rig.mailUrl}/v1/emails/${id}/password`, {
      method: "PUT",
      json: { password: "Another-0ne" },
    });
    expect(denied.status).toBe(401);
    const missing = await client
      .changePassword("f".repeat(32), "Brand-N3w!pass")
      .catch((e: unknown) => e);
    expect((missing as ProviderError).failure).toMatchObject({ code: "not_found", status: 404 });
  });

  it("[client] DELETE /v1/emails/{email_id} → 204 (404)", async () => {
    const provider = rig.provider();
    const [created] = await provider.create("empty.zcom.example", [
      { localPart: "to-delete", password: PASSWORD },
    ]);
    const id = created?.status === "created" ? created.mailbox.id : "";
    await provider.client.deleteEmail(id);
    expect(await provider.client.getEmail(id)).toBeNull();
    expect(await provider.findMailbox("empty.zcom.example", "to-delete")).toBeNull();
    const again = await provider.client.deleteEmail(id).catch((e: unknown) => e);
    expect((again as ProviderError).failure).toMatchObject({ code: "not_found", status: 404 });

    const rawDelete = await rig.get(
      `/v1/emails/${(await rig.get(`/v1/emails?domain_id=${await rig.domainId("jp.example")}`)).body.emails[0].email_id}`,
      { method: "DELETE" },
    );
    expect(rawDelete.status).toBe(204);
  });

  it("GET/POST /v1/services — mail services (status active/suspended/pending/creating/deleting/error); not in our client", async () => {
    const answer = await rig.get("/v1/services");
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ total_count: 2, current_count: 2 });
    for (const service of answer.body.services) {
      expect(["active", "suspended", "pending", "creating", "deleting", "error"]).toContain(
        service.status,
      );
      expect(service.service_id).toMatch(HEX(20));
    }
    // POST (order a service) is not simulated, and the product never orders services.
    const post = await rig.get("/v1/services", { method: "POST", json: {} });
    expect(post.status).toBe(405);
    expect(Object.keys(rig.provider().client)).not.toContain("listServices");
  });
});

describe("Z.com — Create an address [doc]", () => {
  it("request {domain_id, email, password}", async () => {
    const { mail, provider } = await tapped();
    const domain = await demo();
    await provider.create(domain, [{ localPart: "req-shape", password: PASSWORD }]);
    const post = mail.requests.find((r) => r.method === "POST");
    expect(post?.json).toEqual({
      domain_id: domain.id,
      email: "req-shape@empty.zcom.example",
      password: PASSWORD,
    });
  });

  it("response 200 {email:{domain_id,email_id,email,username,total_usage,virus_check,spam_filter,spam_filter_type,forwarding_copy}}", async () => {
    const domain = await demo();
    const answer = await rig.get("/v1/emails", {
      method: "POST",
      json: { domain_id: domain.id, email: "resp-shape@empty.zcom.example", password: PASSWORD },
    });
    expect(answer.status).toBe(200);
    const email = documentedEmail.parse(answer.body.email);
    expect(email).toMatchObject({ domain_id: domain.id, email: "resp-shape@empty.zcom.example" });
    expect(passwordLikeKeys(answer.body)).toEqual([]);
  });

  it("defaults on creation: virus_check true, spam_filter true, spam_filter_type tray, forwarding_copy true", async () => {
    const provider = rig.provider();
    const [created] = await provider.create(await demo(), [
      { localPart: "defaults", password: PASSWORD },
    ]);
    const id = created?.status === "created" ? created.mailbox.id : "";
    expect(created?.status === "created" && created.mailbox).toMatchObject({
      virusCheck: true,
      spamFilter: true,
    });
    expect(await provider.client.getEmail(id)).toMatchObject({
      virus_check: true,
      spam_filter: true,
      spam_filter_type: "tray",
      forwarding_copy: true,
    });
  });

  it("username is a system login id (paasmail_%08d)", async () => {
    const provider = rig.provider();
    const [created] = await provider.create(await demo(), [
      { localPart: "login-id", password: PASSWORD },
    ]);
    expect(created?.status === "created" && created.mailbox.username).toMatch(/^paasmail_\d{8}$/);
    expect(created?.status === "created" && created.mailbox.totalUsage).toBe(0);
  });

  it.each([
    ["upper case", "Upper"],
    ["a dot", "first.last"],
    ["an underscore", "first_last"],
    ["a leading -", "-lead"],
    ["a trailing -", "trail-"],
    ["1 character", "a"],
    ["64 characters", "a".repeat(64)],
    ["non-ASCII", "jürgen"],
  ])(
    "local part: a-z 0-9 - only, not starting or ending with -, 2–63 characters (400 for %s)",
    async (_label, localPart) => {
      const [outcome] = await rig
        .provider()
        .create(await demo(), [{ localPart, password: PASSWORD }]);
      expect(outcome?.status === "failed" && classOf(outcome.failure)).toEqual({
        code: "invalid_local_part",
        errorClass: "final",
        status: 400,
      });
    },
  );

  it("local part: 2 and 63 characters of a-z 0-9 - are accepted", async () => {
    const provider = rig.provider();
    const domain = await demo();
    for (const localPart of ["ab", "a".repeat(63), "a-b-0", "0-9"]) {
      const [outcome] = await provider.create(domain, [{ localPart, password: PASSWORD }]);
      expect({ localPart, status: outcome?.status }).toEqual({ localPart, status: "created" });
    }
  });

  it.each([
    ["8 characters", "Abcdef1!"],
    ["71 characters", `Ab1${"x".repeat(68)}`],
    ["no capital", "abcdefgh1!"],
    ["no small letter", "ABCDEFGH1!"],
    ["no digit", "Abcdefghij!"],
    ["a space", "Abcd efg1!"],
    ["a backtick", "Abcdefg1`"],
    ["<", "Abcdefg1<"],
    [">", "Abcdefg1>"],
    ["non-ASCII", "Abcdéfg1!"],
    ["a curly quote", "Abcdefg1\u201d"],
  ])(
    "password: 9–70, capital + small + digit, only the listed symbols (400 Invalid Password for %s)",
    async (_label, password) => {
      const [outcome] = await rig
        .provider()
        .create(await demo(), [{ localPart: "pw-check", password }]);
      expect(outcome?.status === "failed" && classOf(outcome.failure)).toEqual({
        code: "invalid_password",
        errorClass: "final",
        status: 400,
      });
      expect(outcome?.status === "failed" && outcome.failure.message).not.toContain(password);
    },
  );

  it('password: 9 and 70 characters and every listed symbol, ASCII " included, are accepted', async () => {
    const provider = rig.provider();
    const domain = await demo();
    const passwords = [
      "Abcdefg1!",
      `Ab1${"x".repeat(67)}`,
      `Ab1!#$%&?"'=+-_{}[]^~:;().,/|\\*@`,
      'Quote"d1x',
    ];
    for (const [i, password] of passwords.entries()) {
      const [outcome] = await provider.create(domain, [{ localPart: `pw-ok-${i}`, password }]);
      expect({ password, status: outcome?.status }).toEqual({ password, status: "created" });
      const id = outcome?.status === "created" ? outcome.mailbox.id : "";
      expect(await rig.checkPassword(id, password)).toBe(true);
    }
  });
});
