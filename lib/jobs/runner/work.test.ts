import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ProviderError } from "@/lib/providers/errors";
import type { CreateOutcome, MailProvider, ProviderFailure } from "@/lib/providers/types";
import type { Job, JobRow } from "../ledger/types";
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
    scanMailboxes: async function* () {
      yield found.map((localPart, i) => ({
        id: `mb-${i}`,
        localPart,
        address: `${localPart}@example.com`,
        domain: "example.com",
      }));
    },
    findMailbox: async () => null,
    create: async () => [outcome],
    readMailbox: async () => null,
    deleteMailbox: async () => {},
  };
}

const ctx = (provider: MailProvider) => ({
  provider,
  key: randomBytes(32),
  policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 },
  now: () => NOW,
  random: () => 0.5,
});

const NOW = 1_000_000;
const LAG = DEFAULT_RETRY_POLICY.listLagMs;
const lostAt = (msAgo: number) => ({ ambiguousAttempts: 1, ambiguousAt: new Date(NOW - msAgo) });

describe("what the runner does with each answer to a create", () => {
  it("a lost answer makes the row unknown, read no sooner than the list's lag", async () => {
    const lost = providerAnswering({
      status: "unknown",
      failure: failure({ code: "unknown_outcome", errorClass: "ambiguous", status: 502 }),
    });
    expect((await sendRows(ctx(lost), job, [row()])).settlements[0]).toMatchObject({
      state: "unknown",
      ambiguousDelta: 1,
      ambiguousAt: new Date(NOW),
      uncertainSince: new Date(NOW),
      nextAttemptAt: new Date(NOW + LAG),
    });
  });

  it.each([
    ["409 already exists", failure({ code: "already_exists", status: 409 })],
    ["an unknown per-item code", failure({ providerCode: "LOCAL_PART_TAKEN", message: "taken" })],
    ["a 422", failure({ code: "invalid_request", status: 422 })],
  ])(
    "%s after our own lost answer is settled by reading the address, never by its code",
    async (_name, refusal) => {
      const p = providerAnswering({ status: "failed", failure: refusal });
      const afterLoss = await sendRows(ctx(p), job, [row(lostAt(60_000))]);
      expect(afterLoss.settlements[0]).toMatchObject({ state: "unknown", absentThenFail: true });
      const firstTry = await sendRows(ctx(p), job, [row()]);
      expect(firstTry.settlements[0]).toMatchObject({ state: "failed", errorCode: refusal.code });
    },
  );

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
    expect(result.pause?.untilMs).toBe(NOW + 3_000);
    expect(result.settlements[0]).toMatchObject({
      state: "pending",
      attemptsDelta: -1,
      nextAttemptAt: new Date(NOW + 3_000),
    });
  });

  it("a failure that never reached the provider backs off, then fails once attempts run out", async () => {
    const refused = providerAnswering({
      status: "failed",
      failure: failure({ code: "unavailable", errorClass: "retryable", message: "refused" }),
    });
    expect(
      (await sendRows(ctx(refused), job, [row({ attempts: 2 })])).settlements[0],
    ).toMatchObject({ state: "pending" });
    expect(
      (await sendRows(ctx(refused), job, [row({ attempts: 3 })])).settlements[0],
    ).toMatchObject({ state: "failed", errorCode: "unavailable" });
    // …but a row whose earlier answer was lost may exist: it ends unconfirmed, not failed.
    expect(
      (await sendRows(ctx(refused), job, [row({ attempts: 3, ...lostAt(60_000) })])).settlements[0],
    ).toMatchObject({ state: "unconfirmed", errorCode: "unknown_outcome" });
  });

  it.each([
    ["unauthorized", 401],
    ["forbidden", 403],
  ] as const)(
    "%s (%i) stops the job; a row with a lost answer behind it ends unconfirmed",
    async (code, status) => {
      const refused = providerAnswering({
        status: "failed",
        failure: failure({ code, status }),
      });
      const result = await sendRows(ctx(refused), job, [row()]);
      expect(result.stop?.code).toBe(code);
      expect(result.settlements[0]).toMatchObject({ state: "failed", errorCode: code });
      const uncertain = await sendRows(ctx(refused), job, [row(lostAt(60_000))]);
      expect(uncertain.settlements[0]).toMatchObject({ state: "unconfirmed" });
    },
  );
});

describe("what the runner does with each read", () => {
  const found = providerAnswering({ status: "created", mailbox: {} as never }, ["ann"]);

  it("a row whose answer was lost: found is created (verified); absent is sent again, or fails when spent", async () => {
    const rows = [
      row({ id: 1, localPart: "ann", ...lostAt(60_000) }),
      row({ id: 2, localPart: "bob", attempts: 1, ...lostAt(60_000) }),
      row({ id: 3, localPart: "cat", attempts: 3, errorMessage: "502", ...lostAt(60_000) }),
    ];
    const result = await verifyRows(ctx(found), job, rows);
    expect(result.settlements).toEqual([
      expect.objectContaining({ id: 1, state: "created", verified: true, mailboxId: "mb-0" }),
      expect.objectContaining({ id: 2, state: "pending" }),
      expect.objectContaining({ id: 3, state: "failed", errorCode: "unknown_outcome" }),
    ]);
    expect(result.settlements[2]?.errorMessage).toMatch(/^Not created/);
  });

  it("absent counts only from a read that began a list's lag after the lost answer", async () => {
    const recent = row({ localPart: "bob", ...lostAt(LAG / 2) });
    expect((await verifyRows(ctx(found), job, [recent])).settlements[0]).toMatchObject({
      state: "unknown",
      nextAttemptAt: new Date(NOW + LAG / 2),
    });
  });

  it("absent after a refused resend: the refusal is the answer", async () => {
    const refused = row({
      localPart: "bob",
      absentThenFail: true,
      errorCode: "provider_error",
      providerCode: "LOCAL_PART_TAKEN",
      errorMessage: "taken",
      ...lostAt(60_000),
    });
    expect((await verifyRows(ctx(found), job, [refused])).settlements[0]).toMatchObject({
      state: "failed",
      errorCode: "provider_error",
      providerCode: "LOCAL_PART_TAKEN",
      errorMessage: "taken",
    });
  });

  it("absent after a resend refused as existing: the provider and its list disagree, so unconfirmed", async () => {
    const refused = row({
      localPart: "bob",
      absentThenFail: true,
      errorCode: "already_exists",
      errorMessage: "Duplicate",
      ...lostAt(60_000),
    });
    const settled = (await verifyRows(ctx(found), job, [refused])).settlements[0];
    expect(settled).toMatchObject({ state: "unconfirmed", errorCode: "unknown_outcome" });
    expect(settled?.errorMessage).toMatch(/answered that this address exists \(Duplicate\)/);
  });

  it("a row checked before its first send: found already exists, absent may be sent", async () => {
    const result = await verifyRows(ctx(found), job, [
      row({ id: 1, localPart: "ann", attempts: 0, absentBefore: false }),
      row({ id: 2, localPart: "bob", attempts: 0, absentBefore: false }),
    ]);
    expect(result.settlements).toEqual([
      expect.objectContaining({ id: 1, state: "failed", errorCode: "already_exists" }),
      expect.objectContaining({ id: 2, state: "pending", absentBefore: true }),
    ]);
  });

  it("a read that keeps failing waits, and ends the row at its deadline: unconfirmed when it may exist", async () => {
    const busy = providerAnswering({ status: "created", mailbox: {} as never });
    const throttled = new ProviderError(
      failure({ code: "rate_limited", errorClass: "retryable", status: 429, retryAfterMs: 2_000 }),
    );
    busy.scanMailboxes = async function* () {
      yield* [];
      throw throttled;
    };
    const fresh = { uncertainSince: new Date(NOW - 1_000) };
    const old = { uncertainSince: new Date(NOW - DEFAULT_RETRY_POLICY.unconfirmedAfterMs) };
    const result = await verifyRows(ctx(busy), job, [
      row({ id: 1, ...lostAt(60_000), ...fresh }),
      row({ id: 2, attempts: 0, ...fresh }),
      row({ id: 3, ...lostAt(60_000), ...old }),
      row({ id: 4, attempts: 0, ...old }),
    ]);
    expect(result.pause?.untilMs).toBe(NOW + 2_000);
    expect(result.settlements).toEqual([
      expect.objectContaining({ id: 1, state: "unknown", nextAttemptAt: new Date(NOW + 2_000) }),
      expect.objectContaining({ id: 2, state: "check" }),
      expect.objectContaining({ id: 3, state: "unconfirmed", errorCode: "unknown_outcome" }),
      expect.objectContaining({ id: 4, state: "failed", errorCode: "rate_limited" }),
    ]);
    expect(result.settlements[3]?.errorMessage).toMatch(/^Not sent/);
  });

  it("a failed read does not spend one of the row's send attempts", async () => {
    // It did: reads that timed out on a loaded machine counted as sends, and a row whose creates
    // had merely been reset was failed "after 8 attempts" (the 299-of-300 failure).
    const slow = providerAnswering({ status: "created", mailbox: {} as never });
    slow.scanMailboxes = async function* () {
      yield* [];
      throw new ProviderError(
        failure({ code: "unknown_outcome", errorClass: "ambiguous", message: "timed out" }),
      );
    };
    const [settled] = (await verifyRows(ctx(slow), job, [row({ attempts: 2, ...lostAt(60_000) })]))
      .settlements;
    expect(settled).toMatchObject({ state: "unknown" });
    expect(settled?.attemptsDelta ?? 0).toBe(0);
  });

  it("a read refused with 401 stops the job, and a row that may exist ends unconfirmed", async () => {
    const refused = providerAnswering({ status: "created", mailbox: {} as never });
    refused.scanMailboxes = async function* () {
      yield* [];
      throw new ProviderError(failure({ code: "unauthorized", status: 401 }));
    };
    const result = await verifyRows(ctx(refused), job, [row(lostAt(60_000))]);
    expect(result.stop?.code).toBe("unauthorized");
    expect(result.settlements[0]).toMatchObject({ state: "unconfirmed" });
  });
});
