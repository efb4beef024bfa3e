import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import type { MailProvider } from "@/lib/providers/types";
import { readDomain } from "./domain-index";
import type { Job } from "./ledger";

/**
 * Before anything is sent, one read of the domain: addresses that already exist fail at once
 * (nothing is sent for them), and every other row is marked absent-before — the evidence the
 * 409 rule needs ("our earlier attempt was ambiguous and the address was absent before it").
 * In a retry job, an address that exists now and whose row in the earlier job lost an answer
 * is that earlier send's mailbox: created, verified.
 */
export async function preflight(
  db: Db,
  provider: MailProvider,
  job: Job,
): Promise<{ existing: number; ours: number }> {
  const index = await readDomain(provider, { id: job.domainId, name: job.domain });
  const present = JSON.stringify(
    [...index.values()].map((m) => ({ local_part: m.localPart.toLowerCase(), mailbox_id: m.id })),
  );
  const ours = (await db.execute(sql`
    update job_row r set state = 'created', verified = true, mailbox_id = p.mailbox_id,
      finished_at = now(), error_code = null, error_message = null
    from jsonb_to_recordset(${present}::jsonb) as p(local_part text, mailbox_id text)
    where r.job_id = ${job.id} and r.state = 'pending' and r.local_part = p.local_part
      and ${job.retryOf}::text is not null
      and exists (select 1 from job_row o where o.job_id = ${job.retryOf}::text
                  and o.address = r.address and o.ambiguous_attempts > 0)
    returning r.id`)) as { rows: unknown[] };
  const existing = (await db.execute(sql`
    update job_row r set state = 'failed', error_code = 'already_exists', finished_at = now(),
      error_message = 'Already exists on the provider (found before sending); nothing was sent.'
    from jsonb_to_recordset(${present}::jsonb) as p(local_part text, mailbox_id text)
    where r.job_id = ${job.id} and r.state = 'pending' and r.local_part = p.local_part
    returning r.id`)) as { rows: unknown[] };
  await db.execute(sql`
    update job_row set absent_before = true where job_id = ${job.id} and state = 'pending'`);
  return { existing: existing.rows.length, ours: ours.rows.length };
}
