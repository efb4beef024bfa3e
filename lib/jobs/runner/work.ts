import "server-only";
import { open } from "@/lib/crypto/secret-box";
import { ProviderError } from "@/lib/providers/errors";
import { isNotNow } from "@/lib/providers/paging";
import type {
  CreateOutcome,
  Domain,
  Mailbox,
  MailProvider,
  ProviderFailure,
} from "@/lib/providers/types";
import { readDomain } from "../domain-index";
import type { Job, ClaimedRow, Settlement } from "../ledger/types";
import { errorFields, keepError, noError } from "./error-fields";
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

/** The row's outcome is open because an answer was lost (found means: ours, created). */
export const isUncertain = (row: ClaimedRow) => row.ambiguousAttempts > 0;

export async function sendRows(
  ctx: WorkContext,
  job: Job,
  rows: ClaimedRow[],
): Promise<WorkResult> {
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

/** The create may have happened: read the address (after the list's lag) before anything else. */
function lost(ctx: WorkContext, row: ClaimedRow, failure: ProviderFailure): Settlement {
  const now = new Date(ctx.now());
  return {
    id: row.id,
    state: "unknown",
    ambiguousDelta: 1,
    ambiguousAt: now,
    uncertainSince: now,
    nextAttemptAt: new Date(ctx.now() + ctx.policy.listLagMs),
    ...errorFields(failure),
  };
}

function settleSend(
  ctx: WorkContext,
  row: ClaimedRow,
  outcome: CreateOutcome | undefined,
  result: WorkResult,
): Settlement {
  if (!outcome) {
    return lost(ctx, row, {
      code: "bad_response",
      errorClass: "ambiguous",
      message: "The provider's answer did not mention this row.",
    });
  }
  if (outcome.status === "created") {
    return { id: row.id, state: "created", mailboxId: outcome.mailbox.id, ...noError };
  }
  const failure = outcome.failure;
  if (outcome.status === "unknown") return lost(ctx, row, failure);
  if (isNotNow(failure) && failure.retryAfterMs !== undefined) {
    // "Not now" is not an attempt: give it back, and come back when the provider said.
    const untilMs = ctx.now() + failure.retryAfterMs;
    result.pause = pauseUntil(result, untilMs, failure.message);
    return {
      id: row.id,
      state: "pending",
      attemptsDelta: -1,
      nextAttemptAt: new Date(untilMs),
      ...errorFields(failure),
    };
  }
  if (failure.code === "rate_limited") {
    const untilMs = ctx.now() + ctx.policy.defaultPauseMs;
    result.pause = pauseUntil(result, untilMs, failure.message);
    return {
      id: row.id,
      state: "pending",
      attemptsDelta: -1,
      nextAttemptAt: new Date(untilMs),
      ...errorFields(failure),
    };
  }
  if (failure.errorClass === "retryable") {
    // Never reached the provider (refused connection, 503): safe to send again, a bounded number
    // of times. Earlier lost answers still need a read first.
    if (row.attempts >= ctx.policy.maxAttempts) return finalFor(row, failure);
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
    return finalFor(row, failure);
  }
  if (isUncertain(row)) {
    // A resend after a lost answer was refused. Whatever the code says ("exists", an unknown
    // code, "invalid"), the address decides: present → our earlier send made it; absent → this
    // refusal is the answer.
    return {
      id: row.id,
      state: "unknown",
      absentThenFail: true,
      nextAttemptAt: new Date(ctx.now()),
      ...errorFields(failure),
    };
  }
  return { id: row.id, state: "failed", ...errorFields(failure) };
}

/**
 * A row that cannot go on: failed when nothing of ours can exist, unconfirmed when an earlier
 * answer was lost (the mailbox may exist, and only a read can tell).
 */
function finalFor(row: ClaimedRow, failure: ProviderFailure): Settlement {
  if (!isUncertain(row)) return { id: row.id, state: "failed", ...errorFields(failure) };
  return {
    id: row.id,
    state: "unconfirmed",
    ...errorFields(failure),
    errorCode: "unknown_outcome",
  };
}

/**
 * Settles rows by reading the provider. Rows whose answer was lost: found → created (ours: we
 * hold the address, and it was absent before our first send); absent → sent again, or failed when
 * the last send was refused. Rows to check before their first send: found → already exists;
 * absent → may be sent.
 */
export async function verifyRows(
  ctx: WorkContext,
  job: Job,
  rows: ClaimedRow[],
): Promise<WorkResult> {
  const result: WorkResult = { settlements: [], summary: {} };
  const readAt = ctx.now();
  let found: (row: ClaimedRow) => Mailbox | null | undefined;
  try {
    found = await lookup(ctx, domainOf(job), rows);
  } catch (error) {
    const failure = error instanceof ProviderError ? error.failure : undefined;
    for (const row of rows) result.settlements.push(unreadable(ctx, row, failure, result));
    result.summary.unreadable = rows.length;
    return result;
  }
  for (const row of rows) {
    const settlement = settleRead(ctx, row, found(row) ?? null, readAt);
    result.settlements.push(settlement);
    result.summary[settlement.state] = (result.summary[settlement.state] ?? 0) + 1;
  }
  return result;
}

function settleRead(
  ctx: WorkContext,
  row: ClaimedRow,
  mailbox: Mailbox | null,
  readAt: number,
): Settlement {
  if (!isUncertain(row)) {
    if (mailbox) {
      return {
        id: row.id,
        state: "failed",
        errorCode: "already_exists",
        errorMessage: "Already exists on the provider (found before sending); nothing was sent.",
        errorStatus: null,
        providerCode: null,
      };
    }
    return { id: row.id, state: "pending", absentBefore: true, nextAttemptAt: null, ...noError };
  }
  if (mailbox) {
    return { id: row.id, state: "created", mailboxId: mailbox.id, verified: true, ...noError };
  }
  // A list may show a new mailbox only a while after it was made: "absent" counts only from a
  // read that began at least the list's lag after the lost answer.
  const visibleFrom = (row.ambiguousAt?.getTime() ?? 0) + ctx.policy.listLagMs;
  if (readAt < visibleFrom) {
    return {
      id: row.id,
      state: "unknown",
      nextAttemptAt: new Date(visibleFrom),
      ...keepError(row),
    };
  }
  if (row.absentThenFail && row.errorCode === "already_exists") {
    // The provider said "exists" to our resend, yet its list does not show it: only it knows.
    return {
      id: row.id,
      state: "unconfirmed",
      ...keepError(row),
      errorCode: "unknown_outcome",
      errorMessage: `The provider answered that this address exists (${row.errorMessage ?? "already exists"}), but it does not show in its list. It may exist: check again later.`,
    };
  }
  if (row.absentThenFail) {
    return {
      id: row.id,
      state: "failed",
      ...keepError(row),
      errorCode: row.errorCode ?? "unknown_outcome",
      errorMessage: row.errorMessage ?? "Not created: the provider has no such address.",
    };
  }
  if (row.attempts >= ctx.policy.maxAttempts) {
    return {
      id: row.id,
      state: "failed",
      ...keepError(row),
      errorCode: row.errorCode ?? "unknown_outcome",
      errorMessage: `Not created: no answer came back in ${row.attempts} attempts, and each time the address was checked it did not exist. Last error: ${row.errorMessage ?? "the provider did not answer"}`,
    };
  }
  // Absent: send again, with the same password, after a backoff.
  const wait = backoffMs(row.attempts, ctx.policy, ctx.random);
  return {
    id: row.id,
    state: "pending",
    nextAttemptAt: new Date(ctx.now() + wait),
    ...keepError(row),
  };
}

/** A few rows of a provider with a direct read: one lookup each; otherwise one domain read. */
async function lookup(ctx: WorkContext, domain: Domain, rows: ClaimedRow[]) {
  const { provider } = ctx;
  if (provider.capabilities.bulkMax > 1 && rows.length <= 3) {
    const byId = new Map<number, Mailbox | null>();
    for (const row of rows) byId.set(row.id, await provider.findMailbox(domain, row.localPart));
    return (row: ClaimedRow) => byId.get(row.id);
  }
  const index = await readDomain(provider, domain, { waitBudgetMs: ctx.policy.readWaitBudgetMs });
  return (row: ClaimedRow) => index.get(row.localPart.toLowerCase());
}

/** The read failed: try again later, but only until the row's deadline. */
function unreadable(
  ctx: WorkContext,
  row: ClaimedRow,
  failure: ProviderFailure | undefined,
  result: WorkResult,
): Settlement {
  const message = failure?.message ?? "reading the domain failed";
  const why = `the address could not be read to check it (${message})`;
  if (failure?.code === "unauthorized" || failure?.code === "forbidden") {
    result.stop = { code: failure.code, message: stopMessage(failure) };
    return giveUp(row, failure.code, why);
  }
  const since = (row.uncertainSince ?? new Date(ctx.now())).getTime();
  if (ctx.now() - since >= ctx.policy.unconfirmedAfterMs) {
    return giveUp(row, failure?.code ?? "unknown_outcome", why);
  }
  let nextMs = ctx.now() + backoffMs(row.attempts + 1, ctx.policy, ctx.random);
  if (isNotNow(failure)) {
    nextMs = ctx.now() + (failure.retryAfterMs ?? ctx.policy.defaultPauseMs);
    result.pause = pauseUntil(result, nextMs, message);
  }
  return {
    id: row.id,
    state: isUncertain(row) ? "unknown" : "check",
    uncertainSince: new Date(since),
    nextAttemptAt: new Date(nextMs),
    ...keepError(row),
  };
}

/** Past the deadline: unconfirmed when a lost answer may have created it, else never sent. */
function giveUp(row: ClaimedRow, code: string, why: string): Settlement {
  if (isUncertain(row)) {
    return {
      id: row.id,
      state: "unconfirmed",
      errorCode: "unknown_outcome",
      errorMessage: `An answer from the provider was lost, and ${why}. It may exist: check again later.`,
      errorStatus: row.errorStatus,
      providerCode: row.providerCode,
    };
  }
  return {
    id: row.id,
    state: "failed",
    errorCode: code,
    errorMessage: `Not sent: ${why}.`,
    errorStatus: null,
    providerCode: null,
  };
}

function pauseUntil(result: WorkResult, untilMs: number, reason: string) {
  return { untilMs: Math.max(untilMs, result.pause?.untilMs ?? 0), reason };
}

function stopMessage(failure: ProviderFailure): string {
  return failure.code === "unauthorized"
    ? `the provider refused our credentials (${failure.status ?? 401}). Fix the token or API user, then retry the failed rows.`
    : `our credentials lack permission at the provider (${failure.status ?? 403}).`;
}
