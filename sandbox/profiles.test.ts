import { afterEach, describe, expect, it } from "vitest";
import { type AnyJson, call, type JsonResponse, sleep } from "./core/test-helpers";
import {
  SANDBOX_PROFILES,
  sandboxCredentials,
  startSandboxes,
  type StartedSandboxes,
  type StartSandboxesOptions,
} from "./index";
import { credentialsBody } from "./zcom/test-setup";

/* Profiles through startSandboxes: every profile starts, and `everything` serves every route. */

const FREE_PORTS = { hybridbox: { port: 0 }, zcom: { mailPort: 0, identityPort: 0 } } as const;
const HBX = sandboxCredentials.hybridbox;

let running: StartedSandboxes | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const start = async (options: StartSandboxesOptions) => {
  running = await startSandboxes({
    ...options,
    hybridbox: { ...FREE_PORTS.hybridbox },
    zcom: { ...FREE_PORTS.zcom },
  });
  return running;
};

/** Calls again after Retry-After while the answer is a 429 (the read limits). */
async function served(
  request: () => Promise<JsonResponse<AnyJson>>,
): Promise<JsonResponse<AnyJson>> {
  for (let attempt = 0; ; attempt += 1) {
    const res = await request();
    if (res.status !== 429 || attempt === 5) return res;
    await sleep(Number(res.headers.get("retry-after") ?? "1") * 1000 + 20);
  }
}

describe("startSandboxes with a profile", () => {
  it.each(SANDBOX_PROFILES.map((p) => p.name))(
    "%s starts, and both sandboxes report it",
    async (name) => {
      const s = await start({ profile: name });
      for (const url of [s.urls.hybridbox, s.urls.zcomMail, s.urls.zcomIdentity]) {
        expect((await call(`${url}/__sandbox/profile`)).body.profile).toEqual([name]);
      }
      const list = await call(
        `${s.urls.hybridbox}/v1/public/accounts/${HBX.accountId}/mailboxes?domain=acme.example`,
        { headers: { authorization: `Bearer ${HBX.token}` } },
      );
      expect(list.status).toBe(200);
    },
  );

  it("splits explicit variations between the sandboxes, over named profiles", async () => {
    const s = await start({
      profile: { profile: "lagging-lists", hybridbox: { lagMs: 5 }, zcom: { idFormat: "uuid" } },
    });
    expect(s.hybridbox!.variations()).toMatchObject({ lagMs: 5 });
    expect(s.zcom!.variations()).toMatchObject({ lagMs: 3000, idFormat: "uuid" });
  });

  it("refuses an unknown profile before anything listens", async () => {
    await expect(start({ profile: "capped-lists,nope" })).rejects.toThrow(/unknown profile "nope"/);
    const typo = { zcom: { idFormatt: "uuid" } } as StartSandboxesOptions["profile"];
    await expect(start({ profile: typo })).rejects.toThrow(/unknown variation "zcom.idFormatt"/);
  });
});

describe("the everything profile", () => {
  it("serves every Hybridbox route", async () => {
    const s = await start({ profile: "everything" });
    const api = `${s.urls.hybridbox}/v1/public/accounts/${HBX.accountId}`;
    const auth = { authorization: `Bearer ${HBX.token}` };
    await call(`${s.urls.hybridbox}/__sandbox/faults`, { method: "PUT", json: { seed: 7 } });
    const get = (path: string) => served(() => call(`${api}${path}`, { headers: auth }));
    const item = (local_part: string) => ({ first_name: "Eve", last_name: "Ry", local_part });

    const tooMany = await call(`${api}/mailboxes/bulk`, {
      method: "POST",
      headers: auth,
      json: { domain: "empty.example", items: Array.from({ length: 26 }, (_, i) => item(`t${i}`)) },
    });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toMatchObject({
      overLimit: { message: "too many items, at most 25", code: 413 },
    });
    const bulk = await call(`${api}/mailboxes/bulk`, {
      method: "POST",
      headers: auth,
      json: { domain: "empty.example", items: [item("b1"), item("b1")] },
    });
    expect([207, 502]).toContain(bulk.status);
    const one = await call(`${api}/mailboxes`, {
      method: "POST",
      headers: auth,
      json: { domain: "empty.example", ...item("E1") },
    });
    expect([201, 502]).toContain(one.status);
    // The new mailboxes lag (creates still see them); upper case was folded.
    expect((await get("/mailboxes?domain=empty.example")).body).toMatchObject({ total: 0 });
    const again = await call(`${api}/mailboxes`, {
      method: "POST",
      headers: auth,
      json: { domain: "empty.example", ...item("e1") },
    });
    expect(again.body).toMatchObject({ conflictingRequest: { code: 409 } });

    const list = await get("/mailboxes?domain=big.example&page_size=100");
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({
      page_size: 100,
      total: 120,
      x_sandbox_extra: expect.any(String),
    });
    expect(list.body.items).toHaveLength(50);
    expect(list.body.items[0].local_part).toBe("user111");
    // Lookups take ids only.
    expect((await get("/mailboxes/admin@acme.example")).status).toBe(404);
    const acme = (await get("/mailboxes?domain=acme.example")).body.items;
    const idOf = (local: string) =>
      acme.find((m: { local_part: string }) => m.local_part === local).id;
    expect(acme.find((m: { local_part: string }) => m.local_part === "ichiro.suzuki").status).toBe(
      "suspended",
    );
    const admin = await get(`/mailboxes/${idOf("admin")}`);
    expect(admin.status).toBe(200);
    expect(admin.body).not.toHaveProperty("aliases");
    const patched = await served(() =>
      call(`${api}/mailboxes/${admin.body.id}`, {
        method: "PATCH",
        headers: auth,
        json: { first_name: "Root" },
      }),
    );
    expect(patched.body.first_name).toBe("Root");
    expect((await get("/domains")).body.items[0]).not.toHaveProperty("mailbox_count");
    expect((await get("/domains/kr.example")).body.mailboxes).toHaveLength(3);
    const deleted = await call(`${api}/mailboxes/${idOf("jane.doe")}`, {
      method: "DELETE",
      headers: auth,
    });
    expect(deleted.status).toBe(204);
    const anonymous = await served(() => call(`${api}/domains`));
    expect([anonymous.status, anonymous.text]).toEqual([401, ""]);

    const stats = (await call(`${s.urls.hybridbox}/__sandbox/stats`)).body;
    expect(stats.createAttemptsByAddress).toMatchObject({
      "b1@empty.example": 2,
      "e1@empty.example": 2,
    });
    expect(stats.createAttemptsOnExisting).toEqual({ "e1@empty.example": 1 });
    expect(stats.createAttemptsByAddress["t0@empty.example"]).toBe(1);
  }, 20_000);

  it("serves every Z.com route", async () => {
    const s = await start({ profile: "everything" });
    const mail = `${s.urls.zcomMail}/v1`;
    await call(`${s.urls.zcomMail}/__sandbox/faults`, { method: "PUT", json: { seed: 7 } });
    let token = "";
    const renew = async () => {
      const res = await call(`${s.urls.zcomIdentity}/v2.0/tokens`, {
        method: "POST",
        json: credentialsBody(),
      });
      expect(res.status).toBe(200);
      expect(res.body.access.token).toMatchObject({ x_sandbox_extra: expect.any(String) });
      token = res.body.access.token.id;
    };
    /** Tokens die early here: a 401 fetches a new one once, as a client should. */
    const api = async (path: string, init: { method?: string; json?: unknown } = {}) => {
      const send = () =>
        served(() => call(`${mail}${path}`, { ...init, headers: { "x-auth-token": token } }));
      let res = await send();
      if (res.status === 401) {
        expect(res.text).toBe("");
        await renew();
        res = await send();
      }
      return res;
    };
    await renew();

    const services = await api("/services?sort_key=nope");
    expect(services.status).toBe(200);
    expect(services.body.services[0].service_id).toMatch(/^\d+$/);
    const domains = await api("/domains");
    const domain = domains.body.domains.find(
      (d: { domain_name: string }) => d.domain_name === "empty.zcom.example",
    );
    const big = domains.body.domains.find(
      (d: { domain_name: string }) => d.domain_name === "big.zcom.example",
    );
    const page = await api(`/emails?domain_id=${big.domain_id}`);
    expect(page.body).toMatchObject({ total_count: 120, current_count: 100 });
    expect(Object.keys(page.body.emails[0]).sort()).toEqual([
      "domain_id",
      "email",
      "email_id",
      "x_sandbox_extra",
      "x_sandbox_extra_object",
    ]);
    const weak = await api("/emails", {
      method: "POST",
      json: { domain_id: domain.domain_id, email: "new-one@empty.zcom.example", password: "short" },
    });
    expect(weak.body.error.message).toBe("The password does not meet the policy");
    const made = await api("/emails", {
      method: "POST",
      json: {
        domain_id: domain.domain_id,
        email: "new-one@empty.zcom.example",
        password: "ZE!Zr0vKO",
      },
    });
    expect([200, 502]).toContain(made.status);
    const seedId = page.body.emails[0].email_id;
    expect((await api(`/emails/${seedId}`)).status).toBe(200);
    expect(
      (
        await api(`/emails/${seedId}/password`, {
          method: "PUT",
          json: { password: "New-Passw0rd" },
        })
      ).status,
    ).toBe(204);
    expect((await api(`/emails/${seedId}`, { method: "DELETE" })).status).toBe(204);
    const check = await call(`${s.urls.zcomMail}/__sandbox/check-password`, {
      method: "POST",
      json: { email: "new-one@empty.zcom.example", password: "ZE!Zr0vKO" },
    });
    expect(check.body).toEqual({ match: true });
    const stats = (await call(`${s.urls.zcomMail}/__sandbox/stats`)).body;
    expect(stats.createAttemptsByAddress).toEqual({ "new-one@empty.zcom.example": 2 });
  }, 20_000);
});
