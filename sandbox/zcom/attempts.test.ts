import { describe, expect, it } from "vitest";
import { call, statusOrReset } from "../core/test-helpers";
import { setupZcom } from "./test-setup";

/* The create-attempt counters. */

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
