import { describe, expect, it } from "vitest";
import { call, statusOrReset } from "../core/test-helpers";
import { setupZcom } from "./test-setup";

const z = setupZcom();

const faults = (config: unknown) => z.admin("faults", { method: "PUT", json: config });
// The domain id comes from the store, not the API, so only the creates count as requests.
const emptyDomainId = () =>
  z.sandbox.state.listDomains().find((d) => d.domain_name === "empty.zcom.example")!.domain_id;
const create = (local: string, signal?: AbortSignal) =>
  call(`${z.mailUrl}/v1/emails`, {
    method: "POST",
    headers: z.auth,
    json: {
      domain_id: emptyDomainId(),
      email: `${local}@empty.zcom.example`,
      password: "ZE!Zr0vKO",
    },
    signal,
  });
const addresses = async () =>
  (await z.admin("mailboxes")).body.mailboxes.map((m: { email: string }) => m.email) as string[];

describe("Z.com sandbox: fault injection on POST /v1/emails", () => {
  it("injects Z.com-style errors on creates only", async () => {
    await faults({ errorRate: 1, errorStatuses: [500] });
    const res = await create("err1");
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 500, message: "Internal Server Error" } });
    expect((await call(`${z.mailUrl}/v1/domains`, { headers: z.auth })).status).toBe(200);
    expect(await addresses()).not.toContain("err1@empty.zcom.example");
  });

  it("resetAfter and hangAfter apply the create though the client never sees an answer", async () => {
    await faults({ resetAfterRate: 1 });
    expect(await statusOrReset(create("lost1"))).toBe("reset");
    await faults({ hangAfterRate: 1, hangMs: 250 });
    expect(await statusOrReset(create("lost2", AbortSignal.timeout(60)))).toBe("reset");
    await faults({});
    expect(await addresses()).toEqual(
      expect.arrayContaining(["lost1@empty.zcom.example", "lost2@empty.zcom.example"]),
    );
    // A client that retries blindly now gets 409: the sandbox shows it created each address once.
    expect((await create("lost1")).status).toBe(409);
    const stats = (await z.admin("stats")).body;
    expect(stats.createsByAddress).toEqual({
      "lost1@empty.zcom.example": 1,
      "lost2@empty.zcom.example": 1,
    });
  });

  it("resetBefore never applies the create", async () => {
    await faults({ resetBeforeRate: 1 });
    expect(await statusOrReset(create("never"))).toBe("reset");
    expect(await addresses()).not.toContain("never@empty.zcom.example");
  });

  it("answers 503 with Retry-After past maxInFlight", async () => {
    await faults({
      maxInFlight: 1,
      latencyMs: 100,
      scope: "all",
      limitStatus: 503,
      retryAfterSeconds: 2,
    });
    const [a, b] = await Promise.all([
      call(`${z.mailUrl}/v1/services`, { headers: z.auth }),
      call(`${z.mailUrl}/v1/services`, { headers: z.auth }),
    ]);
    const limited = [a, b].find((r) => r!.status === 503);
    expect([a!.status, b!.status].sort()).toEqual([200, 503]);
    expect(limited!.headers.get("retry-after")).toBe("2");
    expect(limited!.body).toEqual({ error: { code: 503, message: "Service Unavailable" } });
  });

  it("unauthorizedAfter turns the mail API to 401 mid-job while identity still issues tokens", async () => {
    await faults({ unauthorizedAfter: 1 });
    expect((await create("first")).status).toBe(200);
    const second = await create("second");
    expect(second.status).toBe(401);
    expect(second.body).toEqual({ error: { code: 401, message: "Access Denied" } });
    const token = await call(`${z.identityUrl}/v2.0/tokens`, {
      method: "POST",
      json: {
        auth: {
          passwordCredentials: { username: "sandbox-api-user", password: "Sandbox-Passw0rd" },
        },
      },
    });
    expect(token.status).toBe(200);
    const retried = await call(`${z.mailUrl}/v1/services`, {
      headers: { "x-auth-token": token.body.access.token.id },
    });
    expect(retried.status).toBe(401);
  });

  it("replays the same outcomes for the same seed", async () => {
    const run = async () => {
      await z.admin("reset", { method: "POST" });
      await faults({ seed: 2024, errorRate: 0.3, resetBeforeRate: 0.2, resetAfterRate: 0.2 });
      const outcomes = [];
      for (let i = 0; i < 12; i += 1) outcomes.push(await statusOrReset(create(`seed-${i}`)));
      return { outcomes, created: await addresses() };
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first.outcomes).size).toBeGreaterThan(1);
  });
});

describe('Z.com sandbox: fault scope "writes"', () => {
  it("hits creates, password changes and deletes, never reads", async () => {
    const created = await create("scoped1");
    expect(created.status).toBe(200);
    const id = created.body.email.email_id as string;
    await faults({ errorRate: 1, errorStatuses: [502], scope: "writes" });
    expect((await call(`${z.mailUrl}/v1/domains`, { headers: z.auth })).status).toBe(200);
    expect((await call(`${z.mailUrl}/v1/emails/${id}`, { headers: z.auth })).status).toBe(200);
    const put = await call(`${z.mailUrl}/v1/emails/${id}/password`, {
      method: "PUT",
      headers: z.auth,
      json: { password: "Xy9!abcdefgh" },
    });
    expect(put.status).toBe(502);
    const del = await call(`${z.mailUrl}/v1/emails/${id}`, { method: "DELETE", headers: z.auth });
    expect(del.status).toBe(502);
    expect(await addresses()).toContain("scoped1@empty.zcom.example");
    // The default scope leaves both alone.
    await faults({ errorRate: 1, errorStatuses: [502] });
    const again = await call(`${z.mailUrl}/v1/emails/${id}`, { method: "DELETE", headers: z.auth });
    expect(again.status).toBe(204);
  });
});
