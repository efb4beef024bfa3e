import "server-only";
import { open } from "@/lib/crypto/secret-box";
import { ProviderError } from "@/lib/providers/errors";
import { isNotNow } from "@/lib/providers/paging";
import type { MailboxRef, ProviderFailure } from "@/lib/providers/types";
import type { Job, ClaimedRow, Settlement } from "../ledger/types";
import { errorFields, keepError, noError } from "./error-fields";
import { backoffMs } from "./retry-policy";
import type { WorkContext, WorkResult } from "./work";

/**
 * The work of the jobs that change mailboxes that exist (delete, reset passwords, edit names),
 * one row (one mailbox, by the provider's id) at a time. A row's `created` state means "done".
 *
 * - Delete is settled by reading: a lost answer, or a 404, is followed by a read of the mailbox
 *   by id — gone means done, there means send again. A 404/405 while the mailbox still reads as
 *   there means the provider does not serve the route: the job stops, nothing else is sent.
 * - A password PUT [doc] and a names PATCH are repeatable: a lost answer is simply sent again.
 */

const refOf = (row: ClaimedRow): MailboxRef => ({ id: row.mailboxId ?? "", address: row.address });

export const DELETE_NOT_SUPPORTED =
  "this provider does not allow deleting here (it answered that the delete route does not exist).";

export async function sendChanges(
  ctx: WorkContext,
  job: Job,
  rows: ClaimedRow[],
): Promise<WorkResult> {
  const result: WorkResult = { settlements: [], summary: {} };
  for (const row of rows) {
    let settlement: Settlement;
    if (result.stop || result.pause) {
      // Claimed with the others but not sent: given back (a stop fails it as not sent).
      settlement = { id: row.id, state: "pending", attemptsDelta: -1, ...keepError(row) };
    } else {
      settlement = await sendOne(ctx, job, row, result);
    }
    result.settlements.push(settlement);
    result.summary[settlement.state] = (result.summary[settlement.state] ?? 0) + 1;
  }
  return result;
}

async function sendOne(
  ctx: WorkContext,
  job: Job,
  row: ClaimedRow,
  result: WorkResult,
): Promise<Settlement> {
  const { provider } = ctx;
  const ref = refOf(row);
  try {
    if (job.kind === "delete") {
      await provider.deleteMailbox(ref);
    } else if (job.kind === "reset_password") {
      if (!provider.setPassword || !row.passwordEnc) return unsupported(row, "reset_password");
      await provider.setPassword(ref, open(row.passwordEnc, ctx.key, `${job.id}:${row.rowNo}`));
    } else if (job.kind === "update_names") {
      if (!provider.updateNames) return unsupported(row, "update_names");
      await provider.updateNames(ref, { firstName: row.firstName, lastName: row.lastName });
    }
    return { id: row.id, state: "created", mailboxId: ref.id, ...noError };
  } catch (error) {
    const failure = failureOf(error);
    if (job.kind === "delete" && (failure.status === 404 || failure.status === 405)) {
      return readAfterRefusal(ctx, row, failure, result);
    }
    return onFailure(ctx, job, row, failure, result);
  }
}

/** The delete was refused as "not found"/"not allowed": gone means done; there means no route. */
async function readAfterRefusal(
  ctx: WorkContext,
  row: ClaimedRow,
  failure: ProviderFailure,
  result: WorkResult,
): Promise<Settlement> {
  let present: boolean;
  try {
    present = (await ctx.provider.readMailbox(refOf(row))) !== null;
  } catch {
    // Cannot tell yet: read again later (the unknown path reads before anything is sent).
    return lost(ctx, row, failure);
  }
  if (!present) return { id: row.id, state: "created", verified: true, ...noError };
  result.stop = { code: "delete_not_supported", message: DELETE_NOT_SUPPORTED };
  return {
    id: row.id,
    state: "failed",
    ...errorFields(failure),
    errorCode: "delete_not_supported",
  };
}

function onFailure(
  ctx: WorkContext,
  job: Job,
  row: ClaimedRow,
  failure: ProviderFailure,
  result: WorkResult,
): Settlement {
  const limited = failure.code === "rate_limited";
  const notNow: boolean = limited || isNotNow(failure);
  if (notNow) {
    const untilMs = ctx.now() + (failure.retryAfterMs ?? ctx.policy.defaultPauseMs);
    result.pause = { untilMs, reason: failure.message };
    return {
      id: row.id,
      state: "pending",
      attemptsDelta: -1,
      nextAttemptAt: new Date(untilMs),
      ...errorFields(failure),
    };
  }
  if (failure.code === "unauthorized" || failure.code === "forbidden") {
    result.stop = {
      code: failure.code,
      message:
        failure.code === "unauthorized"
          ? `the provider refused our credentials (${failure.status ?? 401}).`
          : `our credentials lack permission at the provider (${failure.status ?? 403}).`,
    };
    return finalFor(row, failure);
  }
  if (failure.errorClass === "ambiguous") {
    if (job.kind === "delete") return lost(ctx, row, failure);
    // Repeatable: send the same again, a bounded number of times.
    if (row.attempts >= ctx.policy.maxAttempts) return finalFor(row, failure, true);
    return {
      id: row.id,
      state: "pending",
      ambiguousDelta: 1,
      ambiguousAt: new Date(ctx.now()),
      uncertainSince: new Date(ctx.now()),
      nextAttemptAt: new Date(ctx.now() + backoffMs(row.attempts, ctx.policy, ctx.random)),
      ...errorFields(failure),
    };
  }
  if (failure.errorClass === "retryable") {
    if (row.attempts >= ctx.policy.maxAttempts) return finalFor(row, failure);
    return {
      id: row.id,
      state: "pending",
      nextAttemptAt: new Date(ctx.now() + backoffMs(row.attempts, ctx.policy, ctx.random)),
      ...errorFields(failure),
    };
  }
  if (failure.status === 404) {
    return { id: row.id, state: "failed", ...errorFields(failure), errorCode: "mailbox_gone" };
  }
  return finalFor(row, failure);
}

/** The delete's answer was lost: read the mailbox (after the list's lag) before anything else. */
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

/** Failed when nothing of ours may have been applied; unconfirmed when a lost answer may have. */
function finalFor(row: ClaimedRow, failure: ProviderFailure, lastWasLost = false): Settlement {
  if (row.ambiguousAttempts === 0 && !lastWasLost) {
    return { id: row.id, state: "failed", ...errorFields(failure) };
  }
  return {
    id: row.id,
    state: "unconfirmed",
    ...errorFields(failure),
    errorCode: "unknown_outcome",
  };
}

function unsupported(row: ClaimedRow, kind: string): Settlement {
  return {
    id: row.id,
    state: "failed",
    errorCode: "not_configured",
    errorMessage: `This provider cannot ${kind.replace("_", " ")}.`,
    errorStatus: null,
    providerCode: null,
  };
}

/**
 * Rows of a delete job whose answer was lost, settled by reading each mailbox by id: gone → done;
 * still there → sent again (after a backoff), or unconfirmed past the attempts.
 */
export async function verifyChanges(
  ctx: WorkContext,
  _job: Job,
  rows: ClaimedRow[],
): Promise<WorkResult> {
  const result: WorkResult = { settlements: [], summary: {} };
  for (const row of rows) {
    let settlement: Settlement;
    try {
      const present = (await ctx.provider.readMailbox(refOf(row))) !== null;
      if (!present) settlement = { id: row.id, state: "created", verified: true, ...noError };
      else if (row.attempts >= ctx.policy.maxAttempts) {
        settlement = {
          id: row.id,
          state: "failed",
          ...keepError(row),
          errorCode: row.errorCode ?? "unknown_outcome",
          errorMessage: `Not deleted: no answer came back in ${row.attempts} attempts, and each time the mailbox was read it was still there.`,
        };
      } else {
        settlement = {
          id: row.id,
          state: "pending",
          nextAttemptAt: new Date(ctx.now() + backoffMs(row.attempts, ctx.policy, ctx.random)),
          ...keepError(row),
        };
      }
    } catch (error) {
      settlement = unreadable(ctx, row, failureOf(error), result);
    }
    result.settlements.push(settlement);
    result.summary[settlement.state] = (result.summary[settlement.state] ?? 0) + 1;
  }
  return result;
}

function unreadable(
  ctx: WorkContext,
  row: ClaimedRow,
  failure: ProviderFailure,
  result: WorkResult,
): Settlement {
  if (failure.code === "unauthorized" || failure.code === "forbidden") {
    result.stop = { code: failure.code, message: `reading the mailbox failed: ${failure.message}` };
    return finalFor(row, failure);
  }
  const since = (row.uncertainSince ?? new Date(ctx.now())).getTime();
  if (ctx.now() - since >= ctx.policy.unconfirmedAfterMs) {
    return finalFor(row, failure, true);
  }
  let nextMs = ctx.now() + backoffMs(row.attempts + 1, ctx.policy, ctx.random);
  const notNow: boolean = isNotNow(failure);
  if (notNow) {
    nextMs = ctx.now() + (failure.retryAfterMs ?? ctx.policy.defaultPauseMs);
    result.pause = {
      untilMs: Math.max(nextMs, result.pause?.untilMs ?? 0),
      reason: failure.message,
    };
  }
  return {
    id: row.id,
    state: "unknown",
    uncertainSince: new Date(since),
    nextAttemptAt: new Date(nextMs),
    ...keepError(row),
  };
}

function failureOf(error: unknown): ProviderFailure {
  if (error instanceof ProviderError) return error.failure;
  return {
    code: "unknown_outcome",
    errorClass: "ambiguous",
    message: error instanceof Error ? error.message : String(error),
  };
}
