import { describe, expect, it } from "vitest";
import { ProviderError } from "../errors";
import type { CreateItem, CreateOutcome } from "../types";
import { classOf, closedPortUrl, HBX, startHybridboxRig } from "@/lib/testing/provider-harness";

// Every error class the Hybridbox sandbox can produce, as our client classifies it. Faults are
// seeded and scoped to creates, so each test is deterministic; the runner's rule is checked too:
// an `unknown` outcome is verified with findMailbox, which must tell the truth either way.

const rig = startHybridboxRig();

const DOMAIN = "acme.example";
const ITEM: CreateItem = { localPart: "err.one", firstName: "Err", lastName: "One" };
const SEED = 20_260_101;

async function createOne(provider = rig.provider()): Promise<CreateOutcome> {
  const [outcome] = await provider.create(DOMAIN, [ITEM]);
  if (!outcome) throw new Error("no outcome");
  return outcome;
}

/** Whether the sandbox holds the mailbox (admin route: never limited, never faulted). */
async function created(localPart = ITEM.localPart): Promise<boolean> {
  const all = (await rig.admin("mailboxes")).body.mailboxes as { primary_email: string }[];
  return all.some((m) => m.primary_email === `${localPart}@${DOMAIN}`);
}

const failure = (outcome: CreateOutcome) =>
  outcome.status === "created" ? undefined : outcome.failure;

describe("Hybridbox — errors produced by the sandbox, as the client classifies them", () => {
  it("refused connection (nothing listens on the port) → failed, retryable: nothing was sent", async () => {
    const provider = rig.provider({ baseUrl: await closedPortUrl() });
    const outcome = await createOne(provider);
    expect(outcome.status).toBe("failed");
    expect(classOf(failure(outcome))).toEqual({
      code: "unavailable",
      errorClass: "retryable",
      status: undefined,
    });
    expect(failure(outcome)?.message).toMatch(/connection refused before the request was sent/);
    const read = await provider.client.listDomains().catch((e: unknown) => e);
    expect((read as ProviderError).failure.errorClass).toBe("retryable");
  });

  it("429 with Retry-After in seconds → rate_limited, retryable, retryAfterMs set", async () => {
    await rig.faults({ seed: SEED, ratePerSecond: 1, retryAfterSeconds: 7 });
    const provider = rig.provider();
    await provider.listDomains(); // takes this second's only slot
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
    // Rounded up to a whole second by the sandbox, measured from our clock.
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
      expect(await provider.findMailbox(DOMAIN, ITEM.localPart)).toBeNull();
    },
  );

  it("timeout (the answer is held back past totalTimeoutMs) → unknown, and the sandbox DID create it", async () => {
    await rig.faults({ seed: SEED, scope: "create", hangAfterRate: 1, hangMs: 300 });
    const provider = rig.provider({ totalTimeoutMs: 100 });
    const started = Date.now();
    const outcome = await createOne(provider);
    expect(Date.now() - started).toBeLessThan(290);
    expect(outcome.status).toBe("unknown");
    expect(classOf(failure(outcome))).toEqual({
      code: "unknown_outcome",
      errorClass: "ambiguous",
      status: undefined,
    });
    expect(failure(outcome)?.message).toMatch(/may have been carried out/);
    // So the runner must verify before any retry: the mailbox is there.
    const found = await provider.findMailbox(DOMAIN, ITEM.localPart);
    expect(found?.address).toBe(`${ITEM.localPart}@${DOMAIN}`);
    const stats = await rig.stats();
    expect(stats.faults.hang).toBe(1);
    expect(stats.createsTotal).toBe(1);
  });

  it("connection reset BEFORE the create → the client cannot tell: unknown (unknown_outcome); NO mailbox was created", async () => {
    await rig.faults({ seed: SEED, scope: "create", resetBeforeRate: 1 });
    const provider = rig.provider();
    const outcome = await createOne(provider);
    expect(outcome.status).toBe("unknown");
    expect(classOf(failure(outcome))).toEqual({
      code: "unknown_outcome",
      errorClass: "ambiguous",
      status: undefined,
    });
    expect(await provider.findMailbox(DOMAIN, ITEM.localPart)).toBeNull();
    const stats = await rig.stats();
    expect(stats.faults.resetBefore).toBe(1);
    expect(stats.createsTotal).toBe(0);
  });

  it("connection reset AFTER the create → unknown (unknown_outcome), and the mailbox exists", async () => {
    await rig.faults({ seed: SEED, scope: "create", resetAfterRate: 1 });
    const provider = rig.provider();
    const outcome = await createOne(provider);
    expect(outcome.status).toBe("unknown");
    expect(classOf(failure(outcome))).toEqual({
      code: "unknown_outcome",
      errorClass: "ambiguous",
      status: undefined,
    });
    expect((await provider.findMailbox(DOMAIN, ITEM.localPart))?.localPart).toBe(ITEM.localPart);
    expect((await rig.stats()).createsTotal).toBe(1);
  });

  it("401 → unauthorized, final (unknown token, and the sandbox's unauthorizedAfter)", async () => {
    const wrong = await createOne(rig.provider({ token: "not-a-token" }));
    expect(wrong.status).toBe("failed");
    expect(classOf(failure(wrong))).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    expect(failure(wrong)?.message).not.toContain("not-a-token");

    await rig.faults({ seed: SEED, unauthorizedAfter: 0 });
    const revoked = await createOne();
    expect(classOf(failure(revoked))).toEqual({
      code: "unauthorized",
      errorClass: "final",
      status: 401,
    });
    expect(await created()).toBe(false);
  });

  it("403 (the forbidden token) → forbidden, final", async () => {
    const provider = rig.provider({ token: HBX.forbiddenToken });
    const outcome = await createOne(provider);
    expect(classOf(failure(outcome))).toEqual({
      code: "forbidden",
      errorClass: "final",
      status: 403,
    });
    const read = await provider.client.listDomains().catch((e: unknown) => e);
    expect(classOf((read as ProviderError).failure)).toEqual({
      code: "forbidden",
      errorClass: "final",
      status: 403,
    });
  });

  it("404 unknown domain → not_found, final", async () => {
    const [outcome] = await rig.provider().create("nope.example", [ITEM]);
    expect(outcome?.status).toBe("failed");
    expect(classOf(outcome && failure(outcome))).toEqual({
      code: "not_found",
      errorClass: "final",
      status: 404,
    });
  });

  it("409 → already_exists, final (POST /mailboxes; and the bulk item code mailbox_exists)", async () => {
    const provider = rig.provider();
    const error = await provider.client
      .createMailbox({ domain: DOMAIN, localPart: "jane.doe", firstName: "Jane" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(classOf((error as ProviderError).failure)).toEqual({
      code: "already_exists",
      errorClass: "final",
      status: 409,
    });
    const [outcome] = await provider.create(DOMAIN, [{ ...ITEM, localPart: "jane.doe" }]);
    expect(outcome?.status === "failed" && outcome.failure).toMatchObject({
      code: "already_exists",
      errorClass: "final",
      providerCode: "mailbox_exists",
    });
  });

  it("a chunk that fails as a whole stops the later chunks: they are reported not sent (retryable)", async () => {
    await rig.faults({ seed: SEED, scope: "create", errorRate: 1, errorStatuses: [500] });
    const items = Array.from({ length: 150 }, (_, i) => ({ ...ITEM, localPart: `chunk${i}` }));
    const outcomes = await rig.provider().client.bulkCreate(DOMAIN, items);
    expect(outcomes.slice(0, 100).every((o) => o.status === "unknown")).toBe(true);
    expect(
      outcomes
        .slice(100)
        .every((o) => o.status === "failed" && o.failure.errorClass === "retryable"),
    ).toBe(true);
    expect((await rig.stats()).requests).toEqual({
      "POST /v1/public/accounts/{account_id}/mailboxes/bulk": 1,
    });
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
