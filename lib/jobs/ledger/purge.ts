import "server-only";
import { sql } from "drizzle-orm";
import { execRows } from "@/lib/db/exec";
import type { Db } from "@/lib/db/open";

/**
 * Stored passwords are kept only until their row's credentials were taken, or 24 hours after the
 * row ended. An unconfirmed row keeps its password longer (7 days): a later check may find the
 * mailbox, and then that password is the one that opens it.
 */
export async function purgePasswords(
  db: Db,
  keepMs = 24 * 3_600_000,
  keepUnconfirmedMs = 7 * 24 * 3_600_000,
): Promise<number> {
  const cutoff = new Date(Date.now() - keepMs).toISOString();
  const unconfirmedCutoff = new Date(Date.now() - keepUnconfirmedMs).toISOString();
  const purged = await execRows<unknown>(
    db,
    sql`
    update job_row set password_enc = null, password_purged_at = now()
    where password_enc is not null and (
      (state in ('created', 'failed', 'skipped') and (
        password_taken_at is not null or finished_at < ${cutoff}::timestamptz
        or superseded_by is not null))
      or (state = 'unconfirmed' and finished_at < ${unconfirmedCutoff}::timestamptz))
    returning id`,
  );
  return purged.length;
}
