import "server-only";
import { sql } from "drizzle-orm";
import type { Logger } from "pino";
import { execRows } from "@/lib/db/exec";
import type { Db } from "@/lib/db/open";
import { ProviderError } from "@/lib/providers/errors";
import type { MailProvider } from "@/lib/providers/types";
import { readDomain } from "../domain-index";
import { addEvent } from "../ledger/events";
import { acquireHolds, inheritFromRetried, linkCreators } from "../ledger/holds";
import { markPreflightFailing, releasePreflight, startJob, stopJob } from "../ledger/jobs";
import { pauseProvider } from "../ledger/pauses";
import type { Job } from "../ledger/types";
import type { RetryPolicy } from "./retry-policy";

export interface PreflightResult {
  existing: number;
  inherited: number;
  /** When the read began, by the database's clock: the job keeps it (`job.read_from`). */
  readFrom: Date;
}

/**
 * Before anything is sent: a retry job takes over its unconfirmed rows from the job it retries,
 * and the domain is read once. Addresses that already exist fail at once (nothing is sent for
 * them). Every other row was read absent: it takes its address with its first claim, and is
 * marked as read absent in the same write (rows.ts), the evidence that a later "it exists" after
 * a lost answer is ours. A hold another job released is taken then only if it was released a
 * list's lag before this read began, so the read shows what that job made (holds.ts). Taking the
 * holds here, all before the first send, kept every slot idle for 110-150 ms of a 10,000-row
 * job on the embedded database; with the claims they are taken while earlier rows are out.
 */
export async function preflight(
  db: Db,
  key: Uint8Array,
  provider: MailProvider,
  job: Job,
  policy: Pick<RetryPolicy, "readWaitBudgetMs">,
): Promise<PreflightResult> {
  const inherited = await inheritFromRetried(db, key, job, "pending");
  // The database's clock, as the holds' release times are: the read begins after this.
  const [clock] = await execRows<{ at: string | Date }>(db, sql`select now() as at`);
  const readFrom = new Date(clock!.at);
  const index = await readDomain(
    provider,
    { id: job.domainId, name: job.domain },
    { waitBudgetMs: policy.readWaitBudgetMs },
  );
  const present = JSON.stringify(
    [...index.values()].map((m) => ({ local_part: m.localPart.toLowerCase(), mailbox_id: m.id })),
  );
  const existing = await execRows<unknown>(
    db,
    sql`
    update job_row r set state = 'failed', error_code = 'already_exists', finished_at = now(),
      error_message = 'Already exists on the provider (found before sending); nothing was sent.'
    from jsonb_to_recordset(${present}::jsonb) as p(local_part text, mailbox_id text)
    where r.job_id = ${job.id} and r.finished_at is null and r.state = 'pending'
      and r.local_part = p.local_part
    returning r.id`,
  );
  if (existing.length > 0) await linkCreators(db, job.id);
  return { existing: existing.length, inherited, readFrom };
}

/**
 * A queued job's read before sending, claimed by this runner: the job starts when it succeeds. A
 * refusal stops it; a read that fails otherwise is tried again (after the provider's pause), but
 * not for ever — nothing was sent, so a job that cannot be read stops with every row unsent.
 */
export async function runPreflight(
  deps: {
    db: Db;
    key: Uint8Array;
    log: Logger;
    provider: MailProvider | undefined;
    policy: RetryPolicy;
  },
  job: Job,
  runnerId: string,
): Promise<void> {
  const { db, log, provider, policy } = deps;
  if (!provider) {
    await stopJob(
      db,
      job.id,
      "not_configured",
      `The ${job.provider} provider is not configured on this server.`,
    );
    return;
  }
  if (job.kind !== "create") {
    // Its mailboxes were read when the job was made (by id, from the provider): nothing to read
    // before sending; each row reads its own mailbox where an answer is lost. Each row holds its
    // address, or waits for the job that has it (holds.ts).
    const { waiting, blocked } = await acquireHolds(db, job, "pending", policy.listLagMs);
    await startJob(db, job.id, runnerId);
    await addEvent(db, job.id, "started", runnerId, { kind: job.kind, waiting, blocked });
    return;
  }
  try {
    const { readFrom, ...found } = await preflight(db, deps.key, provider, job, policy);
    await startJob(db, job.id, runnerId, readFrom);
    await addEvent(db, job.id, "started", runnerId, { ...found });
  } catch (error) {
    const failure = error instanceof ProviderError ? error.failure : undefined;
    if (failure && failure.errorClass === "final") {
      await stopJob(db, job.id, failure.code, `reading the domain failed: ${failure.message}`);
      return;
    }
    const since = await markPreflightFailing(db, job.id);
    if (Date.now() - since.getTime() >= policy.unconfirmedAfterMs) {
      await stopJob(
        db,
        job.id,
        failure?.code ?? "unavailable",
        `the domain could not be read before sending (${failure?.message ?? String(error)}).`,
      );
      return;
    }
    if (failure?.code === "rate_limited" || failure?.code === "unavailable") {
      const until = new Date(Date.now() + (failure.retryAfterMs ?? policy.defaultPauseMs));
      await pauseProvider(db, job.provider, until, failure.message);
    }
    log.warn(
      { job: job.id, err: failure?.message ?? String(error) },
      "preflight read failed; it will be tried again",
    );
    await releasePreflight(db, job.id, runnerId);
    await new Promise((r) => setTimeout(r, policy.baseMs));
  }
}
