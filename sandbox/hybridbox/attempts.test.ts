import { describe, expect, it } from "vitest";
import { call, statusOrReset } from "../core/test-helpers";
import { item, setupHybridbox } from "./test-setup";

/* The create-attempt counters, read/write limits, and the apply-then-502 fault. */

const h = setupHybridbox();

const put = (path: string, json: unknown) => h.admin(path, { method: "PUT", json });
const domains = () => call(`${h.api}/domains`, { headers: h.auth });
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

describe("Hybridbox limits on reads and writes", () => {
  it("read-limits: 5 reads a second then 429 with Retry-After in seconds; writes pass", async () => {
    await put("profile", { profile: "read-limits" });
    const statuses = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await domains()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await domains();
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(limited.body).toEqual({ detail: "Too Many Requests" });
    for (let i = 0; i < 3; i += 1) expect((await createOne(`w${i}`)).status).toBe(201);
    // PUT /faults does not wipe the profile's limits (they lie under the configured faults);
    // like any PUT /faults, it starts the rate window over.
    await put("faults", { seed: 1 });
    for (let i = 0; i < 5; i += 1) expect((await domains()).status).toBe(200);
    expect((await domains()).status).toBe(429);
    expect((await h.admin("faults")).body.profileFaults).toEqual({
      readRatePerSecond: 5,
      readMaxInFlight: 4,
    });
  });

  it("read-limits-http-date: Retry-After as an HTTP date", async () => {
    await put("profile", { profile: "read-limits-http-date" });
    for (let i = 0; i < 5; i += 1) await domains();
    const limited = await domains();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\w{3}, \d{2} \w{3} \d{4} [\d:]{8} GMT$/);
  });

  it("readMaxInFlight turns away reads past the number open at once", async () => {
    await put("profile", { variations: { hybridbox: { readMaxInFlight: 2 } } });
    await put("faults", { latencyMs: 150, scope: "all" });
    const answers = await Promise.all(Array.from({ length: 4 }, () => domains()));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 429, 429]);
  });

  it("write limits (fault config or write-limits) leave reads alone", async () => {
    await put("faults", { writeRatePerSecond: 1 });
    expect((await createOne("wr1")).status).toBe(201);
    expect((await createOne("wr2")).status).toBe(429);
    expect((await domains()).status).toBe(200);
    await put("faults", {});
    await put("profile", { profile: "write-limits" });
    await put("faults", { latencyMs: 150 });
    const answers = await Promise.all(["a", "b", "c"].map((l) => createOne(`wl-${l}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 429]);
    expect((await domains()).status).toBe(200);
  });
});

describe("Hybridbox html-502-after-apply", () => {
  it("applies the create, then answers a proxy's HTML 502", async () => {
    await put("profile", { variations: { hybridbox: { afterApplyErrorRate: 1 } } });
    const res = await createOne("late");
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toBe("text/html");
    expect((await call(`${h.api}/mailboxes/late@empty.example`, { headers: h.auth })).status).toBe(
      200,
    );
    const s = await stats();
    expect(s.faults.errorAfter).toBe(1);
    expect(s.createsByAddress).toEqual({ "late@empty.example": 1 });
    expect(s.createAttemptsRefused).toEqual({});
    expect((await domains()).status).toBe(200);
  });

  it("draws its dice from the seed: the same seed gives the same answers", async () => {
    const run = async () => {
      await h.admin("reset", { method: "POST" });
      await put("profile", { profile: "html-502-after-apply" });
      await put("faults", { seed: 4242 });
      const outcomes = [];
      for (let i = 0; i < 20; i += 1) outcomes.push((await createOne(`r${i}`)).status);
      return outcomes;
    };
    const first = await run();
    expect(first).toContain(502);
    expect(first).toContain(201);
    expect((await stats()).createsTotal).toBe(20);
    expect(await run()).toEqual(first);
  });
});
