import { describe, expect, it } from "vitest";
import { call, statusOrReset } from "../core/test-helpers";
import { fetchToken, setupZcom } from "./test-setup";

/* The create-attempt counters, read limits, and the apply-then-502 fault. */

const z = setupZcom();

const put = (path: string, json: unknown) => z.admin(path, { method: "PUT", json });
const stats = async () => (await z.admin("stats")).body;
const emptyDomainId = () =>
  z.sandbox.state.listDomains().find((d) => d.domain_name === "empty.zcom.example")!.domain_id;
const createIn = (local: string, password = "ZE!Zr0vKO") =>
  call(`${z.mailUrl}/v1/emails`, {
    method: "POST",
    headers: z.auth,
    json: { domain_id: emptyDomainId(), email: `${local}@empty.zcom.example`, password },
  });

describe("Z.com create-attempt counters", () => {
  it("counts every create attempt, those on an existing address, and those refused", async () => {
    await createIn("a1");
    await createIn("a1");
    await createIn("weak", "short");
    await call(`${z.mailUrl}/v1/emails`, { method: "POST", headers: z.auth, json: { email: 5 } });
    await put("faults", { resetBeforeRate: 1 });
    expect(await statusOrReset(createIn("a1"))).toBe("reset");
    await put("faults", { ratePerSecond: 1 });
    await createIn("b1");
    expect((await createIn("b2")).status).toBe(429);
    const s = await stats();
    expect(s.createAttemptsByAddress).toEqual({
      "a1@empty.zcom.example": 3,
      "weak@empty.zcom.example": 1,
      "b1@empty.zcom.example": 1,
      "b2@empty.zcom.example": 1,
    });
    expect(s.createAttemptsOnExisting).toEqual({ "a1@empty.zcom.example": 2 });
    expect(s.createAttemptsRefused).toEqual({
      "a1@empty.zcom.example": 1,
      "b2@empty.zcom.example": 1,
    });
    expect(s.createsByAddress).toEqual({
      "a1@empty.zcom.example": 1,
      "b1@empty.zcom.example": 1,
    });
    expect(z.sandbox.stats()).toEqual(s);
  });
});

describe("Z.com read limits and html-502-after-apply", () => {
  it("read-limits: 5 reads a second then 429; creates pass; identity never limited", async () => {
    await put("profile", { profile: "read-limits" });
    const statuses = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await call(`${z.mailUrl}/v1/services`, { headers: z.auth })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await createIn("still-ok")).status).toBe(200);
    await fetchToken(z.identityUrl);
  });

  it("html-502-after-apply: applied, answered with a proxy's 502 page", async () => {
    await put("profile", { variations: { zcom: { afterApplyErrorRate: 1 } } });
    const res = await createIn("applied");
    expect([res.status, res.headers.get("content-type")]).toEqual([502, "text/html"]);
    expect(z.sandbox.state.findByAddress("applied@empty.zcom.example")).toBeDefined();
    expect((await stats()).faults.errorAfter).toBe(1);
  });
});
