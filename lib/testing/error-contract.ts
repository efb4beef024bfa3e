import { describe, expect, it } from "vitest";
import type { CreateOutcome, Mailbox, MailProvider, ProviderFailure } from "@/lib/providers/types";
import type { FaultConfig, StatsSnapshot } from "@/sandbox/index";
import { classOf } from "./provider-harness";

/**
 * The error classes both providers' clients must give, as one table of cases: throttles,
 * outages, lost answers and bodies of every shape. Each provider's errors test runs it against its
 * own sandbox, beside the cases only that provider has.
 */
export interface ErrorContractSubject {
  seed: number;
  faults(config: FaultConfig): Promise<void>;
  stats(): Promise<StatsSnapshot>;
  provider(overrides?: { totalTimeoutMs?: number }): MailProvider;
  /** One create of the test item. */
  createOne(provider?: MailProvider): Promise<CreateOutcome>;
  /** The test item, read through our client (the runner's verification). */
  find(provider: MailProvider): Promise<Mailbox | null>;
  /** Whether the sandbox holds the test item (admin route: never limited or faulted). */
  created(): Promise<boolean>;
  /** A request the client sends before the create (a token), so a timer measures the create. */
  warmUp?(provider: MailProvider): Promise<unknown>;
}

const failure = (outcome: CreateOutcome): ProviderFailure | undefined =>
  outcome.status === "created" ? undefined : outcome.failure;

export function describeErrorContract(subject: ErrorContractSubject) {
  const { seed } = subject;
  describe("errors both providers share", () => {
    it.each(["seconds", "http-date"] as const)(
      "429 with Retry-After (%s) → rate_limited, retryable, retryAfterMs set; nothing created",
      async (retryAfterFormat) => {
        await subject.faults({ seed, ratePerSecond: 1, retryAfterSeconds: 5, retryAfterFormat });
        const provider = subject.provider();
        await provider.listDomains({ waitBudgetMs: 0 }); // takes this second's only slot
        const outcome = await subject.createOne(provider);
        expect(outcome.status).toBe("failed");
        expect(classOf(failure(outcome))).toEqual({
          code: "rate_limited",
          errorClass: "retryable",
          status: 429,
        });
        // An HTTP date is rounded up to a whole second by the sandbox and read by our clock.
        expect(failure(outcome)?.retryAfterMs).toBeGreaterThan(3_500);
        expect(failure(outcome)?.retryAfterMs).toBeLessThanOrEqual(6_000);
        expect(await subject.created()).toBe(false);
      },
    );

    it("503 → unavailable, retryable (and nothing created)", async () => {
      await subject.faults({ seed, scope: "create", errorRate: 1, errorStatuses: [503] });
      const outcome = await subject.createOne();
      expect(outcome.status).toBe("failed");
      expect(classOf(failure(outcome))).toEqual({
        code: "unavailable",
        errorClass: "retryable",
        status: 503,
      });
      expect(await subject.created()).toBe(false);
    });

    it("503 from a limit, with Retry-After → unavailable, retryable, retryAfterMs set", async () => {
      await subject.faults({ seed, ratePerSecond: 1, limitStatus: 503, retryAfterSeconds: 2 });
      const provider = subject.provider();
      await provider.listDomains({ waitBudgetMs: 0 });
      const outcome = await subject.createOne(provider);
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
        await subject.faults({ seed, scope: "create", errorRate: 1, errorStatuses: [status] });
        const provider = subject.provider();
        const outcome = await subject.createOne(provider);
        expect(outcome.status).toBe("unknown");
        expect(classOf(failure(outcome))).toEqual({
          code: "unknown_outcome",
          errorClass: "ambiguous",
          status,
        });
        expect(await subject.find(provider)).toBeNull();
      },
    );

    it("timeout (the answer is held back past totalTimeoutMs) → unknown, and it WAS created", async () => {
      await subject.faults({ seed, scope: "create", hangAfterRate: 1, hangMs: 300 });
      const provider = subject.provider({ totalTimeoutMs: 100 });
      await subject.warmUp?.(provider);
      const started = Date.now();
      const outcome = await subject.createOne(provider);
      expect(Date.now() - started).toBeLessThan(290);
      expect(outcome.status).toBe("unknown");
      expect(classOf(failure(outcome))).toEqual({
        code: "unknown_outcome",
        errorClass: "ambiguous",
        status: undefined,
      });
      expect(failure(outcome)?.message).toMatch(/may have been carried out/);
      // So the runner must verify before any retry: it is there.
      expect(await subject.find(provider)).not.toBeNull();
      const stats = await subject.stats();
      expect(stats.faults.hang).toBe(1);
      expect(stats.createsTotal).toBe(1);
    });

    it("connection reset BEFORE the create → the client cannot tell: unknown; NOTHING was created", async () => {
      await subject.faults({ seed, scope: "create", resetBeforeRate: 1 });
      const provider = subject.provider();
      const outcome = await subject.createOne(provider);
      expect(outcome.status).toBe("unknown");
      expect(classOf(failure(outcome))).toEqual({
        code: "unknown_outcome",
        errorClass: "ambiguous",
        status: undefined,
      });
      expect(await subject.find(provider)).toBeNull();
      const stats = await subject.stats();
      expect(stats.faults.resetBefore).toBe(1);
      expect(stats.createsTotal).toBe(0);
    });

    it("connection reset AFTER the create → unknown (unknown_outcome), and it exists", async () => {
      await subject.faults({ seed, scope: "create", resetAfterRate: 1 });
      const provider = subject.provider();
      const outcome = await subject.createOne(provider);
      expect(outcome.status).toBe("unknown");
      expect(classOf(failure(outcome))).toEqual({
        code: "unknown_outcome",
        errorClass: "ambiguous",
        status: undefined,
      });
      expect(await subject.find(provider)).not.toBeNull();
      expect((await subject.stats()).createsTotal).toBe(1);
    });

    describe("error bodies that are not the provider's JSON", () => {
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
        await subject.faults({
          seed,
          scope: "create",
          errorRate: 1,
          errorStatuses: [status],
          errorBody,
        });
        const outcome = await subject.createOne();
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
}
