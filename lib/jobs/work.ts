import "server-only";
import { open } from "@/lib/crypto/secret-box";
import { ProviderError } from "@/lib/providers/errors";
import type {
  CreateOutcome,
  Domain,
  Mailbox,
  MailProvider,
  ProviderFailure,
} from "@/lib/providers/types";
import { readDomain } from "./domain-index";
import type { Job, JobRow, Settlement } from "./ledger";
import { backoffMs, type RetryPolicy } from "./retry-policy";

/**
 * What one claimed batch comes to: a settlement per row, plus what the whole provider or job must
 * do (pause for Retry-After, stop on refused credentials). Pure decisions over the provider's
 * answers; the runner writes them to the ledger.
 */
export interface WorkResult {
  settlements: Settlement[];
  pause?: { untilMs: number; reason: string };
  stop?: { code: string; message: string };
  summary: Record<string, number>;
}

export interface WorkContext {
  provider: MailProvider;
  key: Uint8Array;
  policy: RetryPolicy;
  now: () => number;
  random?: () => number;
}

const domainOf = (job: Job): Domain => ({ id: job.domainId, name: job.domain });

export async function sendRows(ctx: WorkContext, job: Job, rows: JobRow[]): Promise<WorkResult> {
  const items = rows.map((row) => ({
    localPart: row.localPart,
    firstName: row.firstName,
    lastName: row.lastName,
    ...(row.passwordEnc
      ? { password: open(row.passwordEnc, ctx.key, `${job.id}:${row.rowNo}`) }
      : {}),
  }));
  const outcomes = await ctx.provider.create(domainOf(job), items);
  const result: WorkResult = { settlements: [], summary: {} };
  rows.forEach((row, i) => {
    const settlement = settleSend(ctx, row, outcomes[i], result);
    result.settlements.push(settlement);
    result.summary[settlement.state] = (result.summary[settlement.state] ?? 0) + 1;
  });
  return result;
}

function settleSend(
  ctx: WorkContext,
  row: JobRow,
  outcome: CreateOutcome | undefined,
  result: WorkResult,
): Settlement {
  if (!outcome) {
    return {
      id: row.id,
      state: "unknown",
      ambiguousDelta: 1,
      errorCode: "bad_response",
      errorMessage: "The provider's answer did not mention this row.",
    };
  }
  if (outcome.status === "created") {
    return { id: row.id, state: "created", mailboxId: outcome.mailbox.id };
  }
  const failure = outcome.failure;
  if (outcome.status === "unknown") {
    // The create may have happened: read the provider before anything else.
    return { id: row.id, state: "unknown", ambiguousDelta: 1, ...errorFields(failure) };
  }
  if (failure.code === "rate_limited" || failure.code === "unavailable") {
    const untilMs = ctx.now() + (failure.retryAfterMs ?? ctx.policy.defaultPauseMs);
    result.pause = {
      untilMs: Math.max(untilMs, result.pause?.untilMs ?? 0),
      reason: failure.message,
    };
    // "Not now" is not an attempt: give it back, and come back when the provider said.
    return {
      id: row.id,
      state: "pending",
      attemptsDelta: -1,
      nextAttemptAt: new Date(untilMs),
      ...errorFields(failure),
    };
  }
  if (failure.errorClass === "retryable") {
    if (row.attempts >= ctx.policy.maxAttempts)
      return { id: row.id, state: "failed", ...errorFields(failure) };
    const wait = backoffMs(row.attempts, ctx.policy, ctx.random);
    return {
      id: row.id,
      state: "pending",
      nextAttemptAt: new Date(ctx.now() + wait),
      ...errorFields(failure),
    };
  }
  if (failure.code === "unauthorized" || failure.code === "forbidden") {
    result.stop = { code: failure.code, message: stopMessage(failure) };
    return { id: row.id, state: "failed", ...errorFields(failure) };
  }
  if (failure.code === "already_exists" && row.ambiguousAttempts > 0 && row.absentBefore) {
    // Ours: an earlier send of this row lost its answer, and the address was absent before it.
    // Read it to record the mailbox id (the read settles it as created).
    return { id: row.id, state: "unknown", ...errorFields(failure) };
  }
  return { id: row.id, state: "failed", ...errorFields(failure) };
}

/** Settles rows whose answer was lost, by reading the provider: found → created, absent → resend. */
export async function verifyRows(ctx: WorkContext, job: Job, rows: JobRow[]): Promise<WorkResult> {
  const result: WorkResult = { settlements: [], summary: {} };
  let found: (row: JobRow) => Mailbox | null | undefined;
  try {
    found = await lookup(ctx.provider, domainOf(job), rows);
  } catch (error) {
    const failure = error instanceof ProviderError ? error.failure : undefined;
    for (const row of rows) result.settlements.push(verifyFailed(ctx, row, failure, result));
    result.summary.unreadable = rows.length;
    return result;
  }
  for (const row of rows) {
    const mailbox = found(row);
    let settlement: Settlement;
    if (mailbox) {
      settlement = { id: row.id, state: "created", mailboxId: mailbox.id, verified: true };
    } else if (row.attempts >= ctx.policy.maxAttempts) {
      settlement = {
        id: row.id,
        state: "failed",
        errorCode: row.errorCode ?? "unknown_outcome",
        errorStatus: row.errorStatus,
        providerCode: row.providerCode,
        errorMessage: `Not created (checked after ${row.attempts} attempts): ${row.errorMessage ?? "the provider did not answer"}`,
      };
    } else {
      // Absent: send again, with the same password, after a backoff.
      const wait = backoffMs(row.attempts, ctx.policy, ctx.random);
      settlement = {
        id: row.id,
        state: "pending",
        nextAttemptAt: new Date(ctx.now() + wait),
        errorCode: row.errorCode,
        errorMessage: row.errorMessage,
        errorStatus: row.errorStatus,
      };
    }
    result.settlements.push(settlement);
    result.summary[settlement.state] = (result.summary[settlement.state] ?? 0) + 1;
  }
  return result;
}

/** A few rows on Hybridbox: one GET each; otherwise one read of the whole domain. */
async function lookup(provider: MailProvider, domain: Domain, rows: JobRow[]) {
  if (provider.capabilities.bulkMax > 1 && rows.length <= 3) {
    const pairs = await Promise.all(
      rows.map(async (row) => [row.id, await provider.findMailbox(domain, row.localPart)] as const),
    );
    const byId = new Map(pairs);
    return (row: JobRow) => byId.get(row.id);
  }
  const index = await readDomain(provider, domain);
  return (row: JobRow) => index.get(row.localPart);
}

function verifyFailed(
  ctx: WorkContext,
  row: JobRow,
  failure: ProviderFailure | undefined,
  result: WorkResult,
): Settlement {
  const message = failure?.message ?? "reading the domain failed";
  if (failure?.code === "unauthorized" || failure?.code === "forbidden") {
    result.stop = { code: failure.code, message: stopMessage(failure) };
    return {
      id: row.id,
      state: "failed",
      errorCode: "unknown_outcome",
      errorMessage: `An earlier answer was lost and the mailbox could not be checked: ${stopMessage(failure)} It may exist; retrying checks before sending.`,
    };
  }
  if (failure?.code === "rate_limited" || failure?.code === "unavailable") {
    const untilMs = ctx.now() + (failure.retryAfterMs ?? ctx.policy.defaultPauseMs);
    result.pause = { untilMs: Math.max(untilMs, result.pause?.untilMs ?? 0), reason: message };
    return { id: row.id, state: "unknown", nextAttemptAt: new Date(untilMs) };
  }
  // Reading is safe to repeat: keep trying with backoff, but not for ever.
  if (row.attempts >= ctx.policy.maxAttempts * 2) {
    return {
      id: row.id,
      state: "failed",
      errorCode: "unknown_outcome",
      errorMessage: `An earlier answer was lost and the domain could not be read to check (${message}). It may exist; retrying checks before sending.`,
    };
  }
  const wait = backoffMs(row.attempts + 1, ctx.policy, ctx.random);
  return {
    id: row.id,
    state: "unknown",
    attemptsDelta: 1,
    nextAttemptAt: new Date(ctx.now() + wait),
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
  };
}

function errorFields(failure: ProviderFailure): Partial<Settlement> {
  return {
    errorCode: failure.code,
    errorMessage: failure.message,
    errorStatus: failure.status ?? null,
    providerCode: failure.providerCode ?? null,
  };
}

function stopMessage(failure: ProviderFailure): string {
  return failure.code === "unauthorized"
    ? `the provider refused our credentials (${failure.status ?? 401}). Fix the token or API user, then retry the failed rows.`
    : `our credentials lack permission at the provider (${failure.status ?? 403}).`;
}
