import { describe, expect, it } from "vitest";
import { call, statusOrReset } from "../core/test-helpers";
import { item, setupHybridbox } from "./test-setup";

/* The create-attempt counters. */

const h = setupHybridbox();

const put = (path: string, json: unknown) => h.admin(path, { method: "PUT", json });
const createOne = (local: string, domain = "empty.example") =>
  call(`${h.api}/mailboxes`, {
    method: "POST",
    headers: h.auth,
    json: { domain, ...item(local) },
  });
const bulk = (domain: string, items: unknown[]) =>
  call(`${h.api}/mailboxes/bulk`, { method: "POST", headers: h.auth, json: { domain, items } });
const stats = async () => (await h.admin("stats")).body;

describe("Hybridbox create-attempt counters", () => {
  it("counts every attempt per address, and those on an existing address", async () => {
    expect((await createOne("once")).status).toBe(201);
    expect((await createOne("once")).status).toBe(409);
    const res = await bulk("acme.example", [
      item("n1"),
      item("jane.doe"),
      item("n1"),
      item("Bad"),
      item("postmaster"),
    ]);
    expect(res.status).toBe(200);
    // A malformed bulk (422 for the whole request) still counts the items that name an address.
    const malformed = await bulk("acme.example", [item("m1"), { first_name: "no local part" }]);
    expect(malformed.status).toBe(422);
    await createOne("x", "nowhere.example");
    await call(`${h.api}/mailboxes`, { method: "POST", headers: h.auth, json: { domain: "x" } });
    const s = await stats();
    expect(s.createAttemptsByAddress).toEqual({
      "once@empty.example": 2,
      "n1@acme.example": 2,
      "jane.doe@acme.example": 1,
      "bad@acme.example": 1,
      "postmaster@acme.example": 1,
      "x@nowhere.example": 1,
      "m1@acme.example": 1,
    });
    expect(s.createAttemptsTotal).toBe(9);
    expect(s.createAttemptsOnExisting).toEqual({
      "once@empty.example": 1,
      "jane.doe@acme.example": 1,
      "postmaster@acme.example": 1,
    });
    expect(s.createAttemptsRefused).toEqual({});
    expect(s.createsByAddress).toEqual({ "once@empty.example": 1, "n1@acme.example": 1 });
    expect(h.sandbox.stats()).toEqual(s);
    await h.admin("reset", { method: "POST" });
    expect((await stats()).createAttemptsByAddress).toEqual({});
  });

  it("tells attempts turned away before the work (limits, 401 countdown, errors, resets)", async () => {
    await put("faults", { ratePerSecond: 1 });
    await createOne("lim");
    expect((await createOne("lim")).status).toBe(429);
    await put("faults", { unauthorizedAfter: 0 });
    expect((await createOne("unauth")).status).toBe(401);
    await put("faults", { errorRate: 1, errorStatuses: [503] });
    expect((await createOne("err")).status).toBe(503);
    await put("faults", { resetBeforeRate: 1 });
    expect(await statusOrReset(createOne("rb"))).toBe("reset");
    await put("faults", { resetAfterRate: 1 });
    expect(await statusOrReset(createOne("ra"))).toBe("reset");
    const s = await stats();
    expect(s.createAttemptsByAddress).toEqual({
      "lim@empty.example": 2,
      "unauth@empty.example": 1,
      "err@empty.example": 1,
      "rb@empty.example": 1,
      "ra@empty.example": 1,
    });
    expect(s.createAttemptsRefused).toEqual({
      "lim@empty.example": 1,
      "unauth@empty.example": 1,
      "err@empty.example": 1,
      "rb@empty.example": 1,
    });
    // The second "lim" was sent while the first had created it: a blind resend, refused or not.
    expect(s.createAttemptsOnExisting).toEqual({ "lim@empty.example": 1 });
    expect(s.createsByAddress).toEqual({ "lim@empty.example": 1, "ra@empty.example": 1 });
  });
});
