import { beforeEach, describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import type { CreateOutcome, Domain } from "../types";
import { classOf, closedPortUrl, startZcomRig } from "@/lib/testing/provider-harness";

// Every error class the Z.com sandbox can produce, as our client classifies it. POST /v1/emails
// is not repeatable, so the line between "failed" (safe to resend) and "unknown" (verify first)
// is what matters. Faults are seeded and scoped to creates; the domain is passed as a Domain so
// a create is exactly one mail API request (plus the token, which is never faulted).

const rig = startZcomRig();

const PASSWORD = "ZE!Zr0vKO";
const LOCAL = "err-one";
const SEED = 20_260_101;
let domain: Domain;

beforeEach(async () => {
  domain = { id: await rig.domainId("empty.zcom.example"), name: "empty.zcom.example" };
});

async function createOne(provider = rig.provider(), target: Domain | string = domain) {
  const [outcome] = await provider.create(target, [{ localPart: LOCAL, password: PASSWORD }]);
  if (!outcome) throw new Error("no outcome");
  return outcome;
}

async function created(): Promise<boolean> {
  const all = (await rig.admin("mailboxes")).body.mailboxes as { email: string }[];
  return all.some((m) => m.email === `${LOCAL}@${domain.name}`);
}

const failure = (outcome: CreateOutcome) =>
  outcome.status === "created" ? undefined : outcome.failure;

describe("Z.com — errors produced by the sandbox, as the client classifies them", () => {
  it("refused connection on the mail API → failed, retryable: nothing was sent", async () => {
    const provider = rig.providerWithToken(await rig.token(), { mailUrl: await closedPortUrl() });
    const outcome = await createOne(provider);
    expect(outcome.status).toBe("failed");
    expect(classOf(failure(outcome))).toEqual({
      code: "unavailable",
      errorClass: "retryable",
      status: undefined,
    });
    // Resolving a domain by name reads first; that read failing is retryable too.
    const byName = await createOne(provider, "empty.zcom.example");
    expect(classOf(failure(byName))).toEqual({
      code: "unavailable",
      errorClass: "retryable",
      status: undefined,
    });
  });

  it("refused connection on the identity API → failed, retryable (no token, so no create was sent)", async () => {
    const provider = rig.provider({ identityUrl: await closedPortUrl() });
    const outcome = await createOne(provider);
    expect(outcome.status).toBe("failed");
    expect(failure(outcome)).toMatchObject({ code: "unavailable", errorClass: "retryable" });
    expect(failure(outcome)?.message).toMatch(/Could not get a Z\.com token, so nothing was sent/);
    expect((await rig.stats()).requests["POST /v1/emails"]).toBeUndefined();
  });

  it("identity 401 (wrong API password) → unauthorized, final; the password is not in the message", async () => {
    const provider = rig.provider({ password: "Wrong-Passw0rd" });
    const outcome = await createOne(provider);
    expect(classOf(failure(outcome))).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    expect(failure(outcome)?.message).not.toContain("Wrong-Passw0rd");
  });

  it("429 with Retry-After in seconds → rate_limited, retryable, retryAfterMs set", async () => {
    await rig.faults({ seed: SEED, ratePerSecond: 1, retryAfterSeconds: 7 });
    const provider = rig.provider();
    await provider.listDomains(); // takes this second's only slot (identity is never limited)
    const outcome = await createOne(provider);
    expect(outcome.status).toBe("failed");
    expect(classOf(failure(outcome))).toEqual({
      code: "rate_limited",
      errorClass: "retryable",
      status: 429,
    });
    expect(failure(outcome)?.retryAfterMs).toBe(7_000);
    expect(await created()).toBe(false);
  });

  it("429 with Retry-After as an HTTP date → rate_limited, retryable, retryAfterMs set", async () => {
    await rig.faults({
      seed: SEED,
      ratePerSecond: 1,
      retryAfterSeconds: 5,
      retryAfterFormat: "http-date",
    });
    const provider = rig.provider();
    await provider.listDomains();
    const outcome = await createOne(provider);
    expect(classOf(failure(outcome))).toEqual({
      code: "rate_limited",
      errorClass: "retryable",
      status: 429,
    });
    expect(failure(outcome)?.retryAfterMs).toBeGreaterThan(3_500);
    expect(failure(outcome)?.retryAfterMs).toBeLessThanOrEqual(6_000);
  });

  it("503 → unavailable, retryable (and nothing created)", async () => {
    await rig.faults({ seed: SEED, scope: "create", errorRate: 1, errorStatuses: [503] });
    const outcome = await createOne();
    expect(outcome.status).toBe("failed");
    expect(classOf(failure(outcome))).toEqual({
      code: "unavailable",
      errorClass: "retryable",
      status: 503,
    });
    expect(await created()).toBe(false);
  });

  it("503 from a limit, with Retry-After → unavailable, retryable, retryAfterMs set", async () => {
    await rig.faults({ seed: SEED, ratePerSecond: 1, limitStatus: 503, retryAfterSeconds: 2 });
    const provider = rig.provider();
    await provider.listDomains();
    const outcome = await createOne(provider);
    expect(classOf(failure(outcome))).toEqual({
      code: "unavailable",
      errorClass: "retryable",
      status: 503,
    });
    expect(failure(outcome)?.retryAfterMs).toBe(2_000);
  });

  it.each([500, 502])(
    "%s → ambiguous: the create is unknown (unknown_outcome); verifying finds it was not made",
    async (status) => {
      await rig.faults({ seed: SEED, scope: "create", errorRate: 1, errorStatuses: [status] });
      const provider = rig.provider();
      const outcome = await createOne(provider);
      expect(outcome.status).toBe("unknown");
      expect(classOf(failure(outcome))).toEqual({
        code: "unknown_outcome",
        errorClass: "ambiguous",
        status,
      });
      expect(await provider.findMailbox(domain, LOCAL)).toBeNull();
    },
  );

  it("timeout (the answer is held back past totalTimeoutMs) → unknown, and the sandbox DID create it", async () => {
    await rig.faults({ seed: SEED, scope: "create", hangAfterRate: 1, hangMs: 300 });
    const provider = rig.provider({ totalTimeoutMs: 100 });
    await provider.listDomains(); // the token first, so the timer measures only the create
    const started = Date.now();
    const outcome = await createOne(provider);
    expect(Date.now() - started).toBeLessThan(290);
    expect(outcome.status).toBe("unknown");
    expect(classOf(failure(outcome))).toEqual({
      code: "unknown_outcome",
      errorClass: "ambiguous",
      status: undefined,
    });
    const found = await provider.findMailbox(domain, LOCAL);
    expect(found?.address).toBe(`${LOCAL}@${domain.name}`);
    const stats = await rig.stats();
    expect(stats.faults.hang).toBe(1);
    expect(stats.createsByAddress).toEqual({ [`${LOCAL}@${domain.name}`]: 1 });
  });

  it("connection reset BEFORE the create → the client cannot tell: unknown (unknown_outcome); NO address was created", async () => {
    await rig.faults({ seed: SEED, scope: "create", resetBeforeRate: 1 });
    const provider = rig.provider();
    const outcome = await createOne(provider);
    expect(outcome.status).toBe("unknown");
    expect(classOf(failure(outcome))).toEqual({
      code: "unknown_outcome",
      errorClass: "ambiguous",
      status: undefined,
    });
    expect(await provider.findMailbox(domain, LOCAL)).toBeNull();
    const stats = await rig.stats();
    expect(stats.faults.resetBefore).toBe(1);
    expect(stats.createsTotal).toBe(0);
  });

  it("connection reset AFTER the create → unknown (unknown_outcome), and the address exists", async () => {
    await rig.faults({ seed: SEED, scope: "create", resetAfterRate: 1 });
    const provider = rig.provider();
    const outcome = await createOne(provider);
    expect(outcome.status).toBe("unknown");
    expect(classOf(failure(outcome))).toEqual({
      code: "unknown_outcome",
      errorClass: "ambiguous",
      status: undefined,
    });
    expect((await provider.findMailbox(domain, LOCAL))?.localPart).toBe(LOCAL);
    expect((await rig.stats()).createsTotal).toBe(1);
  });

  it("401 → unauthorized, final (a ready token that is not valid)", async () => {
    const outcome = await createOne(rig.providerWithToken("0".repeat(32)));
    expect(outcome.status).toBe("failed");
    expect(classOf(failure(outcome))).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    expect(failure(outcome)?.message).toContain("Access Denied");
    expect(await created()).toBe(false);
  });

  it("403 (injected; Z.com documents none) → forbidden, final", async () => {
    await rig.faults({ seed: SEED, scope: "create", errorRate: 1, errorStatuses: [403] });
    const outcome = await createOne();
    expect(classOf(failure(outcome))).toEqual({
      code: "forbidden",
      errorClass: "final",
      status: 403,
    });
  });

  it("404 unknown domain → not_found, final", async () => {
    const outcome = await createOne(rig.provider(), {
      id: "ffffffffffffffffffff",
      name: "nope.example",
    });
    expect(classOf(failure(outcome))).toEqual({
      code: "not_found",
      errorClass: "final",
      status: 404,
    });
    // By name, the provider finds no such domain in the list before sending anything.
    const byName = await createOne(rig.provider(), "nope.example");
    expect(failure(byName)).toMatchObject({ code: "not_found", errorClass: "final" });
    expect((await rig.stats()).requests["POST /v1/emails"]).toBe(1);
  });

  it("409 Duplicate → already_exists, final", async () => {
    const provider = rig.provider();
    const [outcome] = await provider.create("zcom-demo.example", [
      { localPart: "info", password: PASSWORD },
    ]);
    expect(outcome?.status).toBe("failed");
    expect(classOf(outcome && failure(outcome))).toEqual({
      code: "already_exists",
      errorClass: "final",
      status: 409,
    });
  });

  it("[assumed] 400 Quota Exceeded → quota_exceeded, final", async () => {
    await rig.admin("limits", { method: "PUT", json: { mailboxCapPerDomain: 0 } });
    const outcome = await createOne();
    expect(classOf(failure(outcome))).toEqual({
      code: "quota_exceeded",
      errorClass: "final",
      status: 400,
    });
  });

  it("client-level 401 handling: a 401 on the create itself is repeated once with a new token, then final", async () => {
    const provider = rig.provider();
    await provider.listDomains();
    await rig.faults({ seed: SEED, unauthorizedAfter: 0 });
    const outcome = await createOne(provider);
    expect(classOf(failure(outcome))).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    const stats = await rig.stats();
    expect(stats.requests["POST /v1/emails"]).toBe(2);
    expect(stats.createsTotal).toBe(0);
    const error = await provider.client.listDomains().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
  });

  describe("HTML / plain-text / empty error bodies are still classified by status", () => {
    const expected: Record<
      number,
      { code: string; errorClass: string; status: "unknown" | "failed" }
    > = {
      429: { code: "rate_limited", errorClass: "retryable", status: "failed" },
      500: { code: "unknown_outcome", errorClass: "ambiguous", status: "unknown" },
      502: { code: "unknown_outcome", errorClass: "ambiguous", status: "unknown" },
      503: { code: "unavailable", errorClass: "retryable", status: "failed" },
    };
    const cases = (["html", "text", "empty"] as const).flatMap((body) =>
      [429, 500, 502, 503].map((status) => [body, status] as const),
    );
    it.each(cases)("%s body, HTTP %s", async (errorBody, status) => {
      await rig.faults({
        seed: SEED,
        scope: "create",
        errorRate: 1,
        errorStatuses: [status],
        errorBody,
      });
      const outcome = await createOne();
      const want = expected[status];
      expect({ outcome: outcome.status, ...classOf(failure(outcome)) }).toEqual({
        outcome: want?.status,
        code: want?.code,
        errorClass: want?.errorClass,
        status,
      });
      if (errorBody !== "empty") expect(failure(outcome)?.message).not.toMatch(/<|>/);
    });
  });
});
