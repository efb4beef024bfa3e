import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CreateOutcome, MailProvider, ProviderFailure } from "@/lib/providers/types";
import type { Job, JobRow } from "./ledger";
import { DEFAULT_RETRY_POLICY } from "./retry-policy";
import { sendRows, verifyRows } from "./work";

// The runner's decisions for each answer a provider can give, over a provider that answers what
// the test says (the HTTP side is covered against the real sandboxes in faults.db.test.ts).
const job = { id: "job-1", provider: "zcom", domain: "example.com", domainId: "d1" } as Job;
const row = (over: Partial<JobRow> = {}): JobRow =>
  ({
    id: 1,
    jobId: "job-1",
    rowNo: 0,
    localPart: "ann",
    address: "ann@example.com",
    firstName: "Ann",
    lastName: "",
    attempts: 1,
    ambiguousAttempts: 0,
    absentBefore: true,
    passwordEnc: null,
    errorCode: null,
    errorMessage: null,
    errorStatus: null,
    providerCode: null,
    ...over,
  }) as JobRow;

const failure = (over: Partial<ProviderFailure>): ProviderFailure => ({
  code: "provider_error",
  errorClass: "final",
  message: "m",
  ...over,
});

function providerAnswering(outcome: CreateOutcome, found: string[] = []): MailProvider {
  return {
    capabilities: { bulkMax: 1 } as MailProvider["capabilities"],
    listDomains: async () => [],
    listMailboxes: async () => ({
      items: found.map((localPart, i) => ({
        id: `mb-${i}`,
        localPart,
        address: `${localPart}@example.com`,
        domain: "example.com",
      })),
      total: found.length,
      page: 1,
      pageSize: 500,
    }),
    findMailbox: async () => null,
    create: async () => [outcome],
  };
}

const ctx = (provider: MailProvider) => ({
  provider,
  key: randomBytes(32),
  policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 },
  now: () => 1_000_000,
  random: () => 0.5,
});

describe("what the runner does with each answer", () => {
  it("a 409 after our own lost answer, for an address absent before, is read back as ours", async () => {
    const p = providerAnswering({
      status: "failed",
      failure: failure({ code: "already_exists", status: 409 }),
    });
    const ours = await sendRows(ctx(p), job, [row({ ambiguousAttempts: 1, absentBefore: true })]);
    expect(ours.settlements[0]).toMatchObject({ state: "unknown" });
    const notOurs = await sendRows(ctx(p), job, [row({ ambiguousAttempts: 0 })]);
    expect(notOurs.settlements[0]).toMatchObject({ state: "failed", errorCode: "already_exists" });
    const notAbsent = await sendRows(ctx(p), job, [
      row({ ambiguousAttempts: 1, absentBefore: false }),
    ]);
    expect(notAbsent.settlements[0]).toMatchObject({
      state: "failed",
      errorCode: "already_exists",
    });
  });

  it("429 pauses the provider for Retry-After and does not count as an attempt", async () => {
    const p = providerAnswering({
      status: "failed",
      failure: failure({
        code: "rate_limited",
        errorClass: "retryable",
        status: 429,
        retryAfterMs: 3_000,
      }),
    });
    const result = await sendRows(ctx(p), job, [row()]);
    expect(result.pause?.untilMs).toBe(1_003_000);
    expect(result.settlements[0]).toMatchObject({
      state: "pending",
      attemptsDelta: -1,
      nextAttemptAt: new Date(1_003_000),
    });
  });

  it("a retryable failure backs off, then fails once attempts run out", async () => {
    const p = providerAnswering({
      status: "failed",
      failure: failure({ code: "unavailable", errorClass: "retryable" }),
    });
    const refused = providerAnswering({
      status: "failed",
      failure: failure({ code: "provider_error", errorClass: "retryable", message: "refused" }),
    });
    expect(
      (await sendRows(ctx(refused), job, [row({ attempts: 2 })])).settlements[0],
    ).toMatchObject({ state: "pending" });
    expect(
      (await sendRows(ctx(refused), job, [row({ attempts: 3 })])).settlements[0],
    ).toMatchObject({ state: "failed" });
    expect((await sendRows(ctx(p), job, [row({ attempts: 3 })])).settlements[0]).toMatchObject({
      state: "pending",
    });
  });

  it("a lost answer makes the row unknown; 401 stops the job", async () => {
    const lost = providerAnswering({
      status: "unknown",
      failure: failure({ code: "unknown_outcome", errorClass: "ambiguous", status: 502 }),
    });
    expect((await sendRows(ctx(lost), job, [row()])).settlements[0]).toMatchObject({
      state: "unknown",
      ambiguousDelta: 1,
    });
    const refused = providerAnswering({
      status: "failed",
      failure: failure({ code: "unauthorized", status: 401 }),
    });
    const result = await sendRows(ctx(refused), job, [row()]);
    expect(result.stop?.code).toBe("unauthorized");
    expect(result.settlements[0]).toMatchObject({ state: "failed", errorCode: "unauthorized" });
  });

  it("reading settles unknown rows: found is created (verified), absent is sent again or fails when spent", async () => {
    const p = providerAnswering({ status: "created", mailbox: {} as never }, ["ann"]);
    const rows = [
      row({ id: 1, localPart: "ann" }),
      row({ id: 2, localPart: "bob", attempts: 1 }),
      row({ id: 3, localPart: "cat", attempts: 3, errorMessage: "502" }),
    ];
    const result = await verifyRows(ctx(p), job, rows);
    expect(result.settlements).toEqual([
      expect.objectContaining({ id: 1, state: "created", verified: true, mailboxId: "mb-0" }),
      expect.objectContaining({ id: 2, state: "pending" }),
      expect.objectContaining({ id: 3, state: "failed" }),
    ]);
  });
});
