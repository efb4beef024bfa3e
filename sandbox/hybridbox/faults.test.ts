import { describe, expect, it } from "vitest";
import { call, type JsonResponse, sleep, statusOrReset } from "../core/test-helpers";
import { createHybridboxSandbox } from "./create-hybridbox-sandbox";
import { item, setupHybridbox } from "./test-setup";

const h = setupHybridbox();

const faults = (config: unknown) => h.admin("faults", { method: "PUT", json: config });
const create = (local: string, signal?: AbortSignal) =>
  call(`${h.api}/mailboxes/bulk`, {
    method: "POST",
    headers: h.auth,
    json: { domain: "empty.example", items: [item(local)] },
    signal,
  });
const exists = async (local: string) =>
  (await call(`${h.api}/mailboxes/${local}@empty.example`, { headers: h.auth })).status === 200;
const listDomains = () => call(`${h.api}/domains`, { headers: h.auth });

describe("fault injection: errors and resets", () => {
  it("answers an injected error instead of doing the work, only for creates by default", async () => {
    await faults({ errorRate: 1, errorStatuses: [502] });
    const res = await create("e1");
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ detail: "Bad Gateway" });
    expect(await exists("e1")).toBe(false);
    expect((await listDomains()).status).toBe(200);

    await faults({ errorRate: 1, errorStatuses: [503], scope: "all", errorBody: "html" });
    const all = await listDomains();
    expect(all.status).toBe(503);
    expect(all.headers.get("content-type")).toBe("text/html");
    expect((await h.admin("stats")).body.faults.error).toBe(2);
  });

  it("resetBefore drops the connection without creating", async () => {
    await faults({ resetBeforeRate: 1 });
    expect(await statusOrReset(create("rb1"))).toBe("reset");
    await faults({});
    expect(await exists("rb1")).toBe(false);
    expect((await h.admin("stats")).body.createsTotal).toBe(0);
  });

  it("resetAfter creates, then drops the connection without an answer", async () => {
    await faults({ resetAfterRate: 1 });
    expect(await statusOrReset(create("ra1"))).toBe("reset");
    await faults({});
    expect(await exists("ra1")).toBe(true);
    const stats = (await h.admin("stats")).body;
    expect(stats.createsByAddress).toEqual({ "ra1@empty.example": 1 });
    expect(stats.faults.resetAfter).toBe(1);
  });

  it("hangAfter creates, then holds the answer back for hangMs (the lost-answer case)", async () => {
    await faults({ hangAfterRate: 1, hangMs: 300 });
    expect(await statusOrReset(create("h1", AbortSignal.timeout(80)))).toBe("reset");
    expect(
      (await h.admin("mailboxes")).body.mailboxes.map((m: { local_part: string }) => m.local_part),
    ).toContain("h1");
    const started = Date.now();
    const late = await create("h2");
    expect(late.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it("close() finishes while a request hangs", async () => {
    const sandbox = createHybridboxSandbox({ faults: { hangAfterRate: 1 } });
    const origin = await sandbox.listen(0);
    const pending = statusOrReset(
      call(`${origin}${new URL(h.api).pathname}/mailboxes/bulk`, {
        method: "POST",
        headers: h.auth,
        json: { domain: "empty.example", items: [item("hang")] },
      }),
    );
    await sleep(50);
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe("reset");
  });

  it("delays creates by latencyMs without delaying reads", async () => {
    await faults({ latencyMs: 120 });
    let started = Date.now();
    await create("lat1");
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    started = Date.now();
    await listDomains();
    expect(Date.now() - started).toBeLessThan(100);
  });
});

describe("fault injection: reproducibility", () => {
  const runSequence = async (seed: number) => {
    await h.admin("reset", { method: "POST" });
    await faults({
      seed,
      errorRate: 0.4,
      errorStatuses: [500, 503],
      resetAfterRate: 0.2,
      latencyMs: 0,
      jitterMs: 5,
    });
    const outcomes: (number | "reset")[] = [];
    for (let i = 0; i < 16; i += 1) outcomes.push(await statusOrReset(create(`seq${i}`)));
    return outcomes;
  };

  it("replays the same fault sequence for the same seed", async () => {
    const first = await runSequence(1234);
    const second = await runSequence(1234);
    expect(second).toEqual(first);
    expect(first).toContain(200);
    expect(first.some((o) => o === 500 || o === 503)).toBe(true);
    expect(first).toContain("reset");
    expect(await runSequence(999)).not.toEqual(first);
  });
});

describe("fault injection: limits", () => {
  const retryAfterOf = (r: JsonResponse) => r.headers.get("retry-after");

  it("answers 429 with Retry-After in seconds past ratePerSecond, on every route", async () => {
    await faults({ ratePerSecond: 2 });
    const answers = [await listDomains(), await listDomains(), await listDomains()];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(retryAfterOf(answers[2]!)).toBe("1");
    expect(answers[2]!.body).toEqual({ detail: "Too Many Requests" });
    expect((await h.admin("stats")).body.limited).toEqual({ total: 1, status429: 1, status503: 0 });
  });

  it("can answer 503 with an HTTP-date Retry-After", async () => {
    await faults({
      ratePerSecond: 1,
      limitStatus: 503,
      retryAfterFormat: "http-date",
      retryAfterSeconds: 2,
    });
    await listDomains();
    const limited = await listDomains();
    expect(limited.status).toBe(503);
    const date = Date.parse(retryAfterOf(limited) ?? "");
    expect(retryAfterOf(limited)).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    expect(date - Date.now()).toBeGreaterThan(1000);
    expect(date - Date.now()).toBeLessThanOrEqual(3000);
  });

  it("enforces maxInFlight and reports the in-flight peak", async () => {
    await faults({ maxInFlight: 2, latencyMs: 150, scope: "all" });
    const answers = await Promise.all(Array.from({ length: 5 }, () => listDomains()));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
    for (const r of answers.filter((a) => a.status === 429)) expect(retryAfterOf(r)).toBe("1");
    const stats = (await h.admin("stats")).body;
    // 429s are answered at once, so the peak is the 2 admitted plus whatever 429s overlapped them.
    expect(stats.inFlightPeak).toBeGreaterThanOrEqual(3);
    expect(stats.inFlight).toBe(0);
    expect(stats.limited.status429).toBe(3);
    expect((await listDomains()).status).toBe(200);
  });

  it("limits reads alone or writes alone (read*/write* limits)", async () => {
    await faults({ readRatePerSecond: 1 });
    expect((await listDomains()).status).toBe(200);
    expect((await listDomains()).status).toBe(429);
    expect((await create("rw1")).status).toBe(200);
    await faults({ writeRatePerSecond: 1 });
    expect((await create("rw2")).status).toBe(200);
    expect((await create("rw3")).status).toBe(429);
    expect((await listDomains()).status).toBe(200);
    expect((await listDomains()).status).toBe(200);
  });

  it("errorAfter applies the create, then answers a proxy's HTML 502", async () => {
    await faults({ errorAfterRate: 1 });
    const res = await create("ea1");
    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toBe("text/html");
    expect(await exists("ea1")).toBe(true);
    await faults({ errorAfterRate: 1, errorAfterStatus: 504, errorAfterBody: "json" });
    expect((await create("ea2")).body).toEqual({ detail: "Gateway Timeout" });
    // A create that failed applied nothing, so its answer stays.
    const taken = await call(`${h.api}/mailboxes`, {
      method: "POST",
      headers: h.auth,
      json: { domain: "empty.example", ...item("ea2") },
    });
    expect(taken.status).toBe(409);
    const stats = (await h.admin("stats")).body;
    expect(stats.faults.errorAfter).toBe(2);
    expect(stats.createsTotal).toBe(2);
  });

  it("answers 401 to every request after unauthorizedAfter more", async () => {
    await faults({ unauthorizedAfter: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await listDomains()).status);
    expect(statuses).toEqual([200, 200, 401, 401]);
    expect((await h.admin("faults")).body.unauthorizedRemaining).toBe(0);
    await h.admin("reset", { method: "POST" });
    expect((await listDomains()).status).toBe(200);
  });
});

describe("admin endpoints", () => {
  it("validates fault configs strictly and describes the one in force", async () => {
    expect((await faults({ errorRate: 2 })).status).toBe(400);
    expect((await faults({ eroorRate: 0.5 })).status).toBe(400);
    expect((await faults({ errorStatuses: [] })).status).toBe(400);
    const set = await faults({ seed: 5, errorRate: 0.25 });
    expect(set.status).toBe(200);
    const got = (await h.admin("faults")).body;
    expect(got.config).toEqual({ seed: 5, errorRate: 0.25 });
    expect(got.effective).toMatchObject({
      seed: 5,
      errorRate: 0.25,
      errorStatuses: [500, 502, 503],
      scope: "create",
    });
  });

  it("counts requests per route and adjusts limits until reset", async () => {
    await listDomains();
    await create("st1");
    const stats = (await h.admin("stats")).body;
    expect(stats.requests).toEqual({
      "GET /v1/public/accounts/{account_id}/domains": 1,
      "POST /v1/public/accounts/{account_id}/mailboxes/bulk": 1,
    });
    expect(stats.responses).toEqual({ "200": 2 });

    expect((await h.admin("limits", { method: "PUT", json: { bulkMax: 0 } })).status).toBe(400);
    expect((await h.admin("limits", { method: "PUT", json: { bulkMax: 1 } })).body.bulkMax).toBe(1);
    const two = await call(`${h.api}/mailboxes/bulk`, {
      method: "POST",
      headers: h.auth,
      json: { domain: "empty.example", items: [item("l1"), item("l2")] },
    });
    expect(two.status).toBe(422);
    await h.admin("reset", { method: "POST" });
    expect((await h.admin("limits")).body).toEqual({
      bulkMax: 100,
      mailboxCapPerDomain: 1000,
      maxPageSize: 500,
    });
    expect((await h.admin("stats")).body.requestsTotal).toBe(0);
    expect((await h.admin("nothing")).status).toBe(404);
  });
});
