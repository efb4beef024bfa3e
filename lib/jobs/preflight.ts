import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import type { MailProvider } from "@/lib/providers/types";
import { readDomain } from "./domain-index";
import { acquireHolds, inheritFromRetried, linkCreators } from "./holds";
import type { Job } from "./ledger";
import type { RetryPolicy } from "./retry-policy";

export interface PreflightResult {
  existing: number;
  waiting: number;
  blocked: number;
  inherited: number;
}

/**
 * Before anything is sent: a retry job takes over its unconfirmed rows from the job it retries;
 * every other row takes its address (or waits for the job that has it); then one read of the
 * domain. Addresses that already exist fail at once (nothing is sent for them), and every other
 * held row is marked absent-before — the evidence that a later "it exists" after a lost answer is
 * ours.
 */
export async function preflight(
  db: Db,
  key: Uint8Array,
  provider: MailProvider,
  job: Job,
  policy: Pick<RetryPolicy, "listLagMs" | "readWaitBudgetMs">,
): Promise<PreflightResult> {
  const inherited = await inheritFromRetried(db, key, job, "pending");
  const { waiting, blocked } = await acquireHolds(db, job, "pending", policy.listLagMs);
  const index = await readDomain(
    provider,
    { id: job.domainId, name: job.domain },
    { waitBudgetMs: policy.readWaitBudgetMs },
  );
  const present = JSON.stringify(
    [...index.values()].map((m) => ({ local_part: m.localPart.toLowerCase(), mailbox_id: m.id })),
  );
  const existing = (await db.execute(sql`
    update job_row r set state = 'failed', error_code = 'already_exists', finished_at = now(),
      error_message = 'Already exists on the provider (found before sending); nothing was sent.'
    from jsonb_to_recordset(${present}::jsonb) as p(local_part text, mailbox_id text)
    where r.job_id = ${job.id} and r.state = 'pending' and r.local_part = p.local_part
    returning r.id`)) as { rows: unknown[] };
  await db.execute(sql`
    update job_row set absent_before = true where job_id = ${job.id} and state = 'pending'`);
  if (existing.rows.length > 0) await linkCreators(db, job.id);
  return { existing: existing.rows.length, waiting, blocked, inherited };
}
