import { describe, expect, it } from "vitest";
import { call, sleep } from "../core/test-helpers";
import { sandboxCredentials } from "../credentials";
import { createZcomSandbox } from "./create-zcom-sandbox";
import { credentialsBody, fetchToken, setupZcom } from "./test-setup";

const z = setupZcom();

describe("Z.com sandbox: identity", () => {
  it("issues a Keystone v2 token with the mail endpoint in the service catalog", async () => {
    const before = Date.now();
    const res = await call(`${z.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: credentialsBody(),
    });
    expect(res.status).toBe(200);
    const { token, serviceCatalog, user } = res.body.access;
    expect(token.id).toMatch(/^[0-9a-f]{32}$/);
    expect(token.tenant).toMatchObject({
      id: sandboxCredentials.zcom.tenantId,
      name: expect.any(String),
    });
    const ttl = Date.parse(token.expires) - before;
    expect(ttl).toBeGreaterThan(24 * 3600_000 - 5000);
    expect(ttl).toBeLessThanOrEqual(24 * 3600_000);
    const mail = serviceCatalog.find((s: { type: string }) => s.type === "mailhosting");
    expect(mail).toMatchObject({ name: "Mail Hosting Service" });
    expect(mail.endpoints).toEqual([{ region: "tyo1", publicURL: `${z.mailUrl}/v1` }]);
    expect(user.name).toBe(sandboxCredentials.zcom.username);
  });

  it("accepts no tenantId, and refuses bad credentials or another tenant with 401", async () => {
    const body = credentialsBody();
    delete (body.auth as { tenantId?: string }).tenantId;
    expect(
      (await call(`${z.identityUrl}/v2.0/tokens`, { method: "POST", json: body })).status,
    ).toBe(200);
    const wrong = await call(`${z.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: credentialsBody({
        passwordCredentials: { username: "sandbox-api-user", password: "nope" },
      }),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe(401);
    const tenant = await call(`${z.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: credentialsBody({ tenantId: "someone-else" }),
    });
    expect(tenant.status).toBe(401);
    const malformed = await call(`${z.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: { auth: {} },
    });
    expect(malformed.status).toBe(400);
  });

  it("revoking tokens makes the next mail API call answer 401, and a new token works", async () => {
    expect((await call(`${z.mailUrl}/v1/domains`, { headers: z.auth })).status).toBe(200);
    const revoked = await call(`${z.identityUrl}/__sandbox/revoke-tokens`, { method: "POST" });
    expect(revoked.body.revoked).toBeGreaterThanOrEqual(1);
    const after = await call(`${z.mailUrl}/v1/domains`, { headers: z.auth });
    expect(after.status).toBe(401);
    expect(after.body).toEqual({ error: { code: 401, message: "Access Denied" } });
    const fresh = await fetchToken(z.identityUrl);
    expect(
      (await call(`${z.mailUrl}/v1/domains`, { headers: { "x-auth-token": fresh } })).status,
    ).toBe(200);
  });

  it("answers 401 without a token or with an unknown one", async () => {
    expect((await call(`${z.mailUrl}/v1/domains`)).status).toBe(401);
    const unknown = await call(`${z.mailUrl}/v1/emails?domain_id=x`, {
      headers: { "x-auth-token": "0".repeat(32) },
    });
    expect(unknown.status).toBe(401);
  });

  it("counts token requests in stats so a test can prove a client caches its token", async () => {
    const stats = (await z.admin("stats")).body;
    expect(stats.requests["POST /v2.0/tokens"]).toBe(1);
    expect(stats.inFlight).toBe(0);
  });
});

describe("Z.com sandbox: token lifetime", () => {
  it("expires tokens after the configured TTL", async () => {
    const sandbox = createZcomSandbox({ tokenTtlSeconds: 0.15 });
    try {
      const { mailUrl, identityUrl } = await sandbox.listen();
      const token = await fetchToken(identityUrl);
      const headers = { "x-auth-token": token };
      expect((await call(`${mailUrl}/v1/services`, { headers })).status).toBe(200);
      await sleep(200);
      expect((await call(`${mailUrl}/v1/services`, { headers })).status).toBe(401);
    } finally {
      await sandbox.close();
    }
  });
});
