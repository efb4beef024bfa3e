import "server-only";
import { eq, sql } from "drizzle-orm";
import { execRows } from "@/lib/db/exec";
import type { Db } from "@/lib/db/open";
import { jobEvents, runners } from "@/lib/db/schema";

// Runner processes and their leases: a claim by a runner that stopped beating is taken back.

export async function registerRunner(db: Db, id: string, host: string, pid: number) {
  await db.insert(runners).values({ id, host, pid });
}

/**
 * Extends this runner's lease. False when the runner row is gone: another process found it stale
 * and took back its claims, so nothing claimed before may be sent.
 */
export async function heartbeat(db: Db, id: string): Promise<boolean> {
  const beat = await db
    .update(runners)
    .set({ heartbeatAt: sql`now()` })
    .where(eq(runners.id, id))
    .returning({ id: runners.id });
  return beat.length > 0;
}

export async function unregisterRunner(db: Db, id: string) {
  await db.delete(runners).where(eq(runners.id, id));
}

/**
 * Takes back the claims of runners that stopped beating (crashed, killed, cut off, paused). Their
 * runner rows go first, in the same transaction, so a runner that wakes up finds its lease gone
 * (its heartbeat matches nothing) before it could send again. A row that was being sent becomes
 * `unknown`: the create may have happened, so it is read (after the list's lag) before any resend.
 */
export async function reclaimStale(
  db: Db,
  leaseMs: number,
  listLagMs: number,
  /** Embedded mode has one process: at start-up every claim but this runner's is stale. */
  onlyAlive?: string,
): Promise<{ rows: number; jobs: number }> {
  return db.transaction(async (tx) => {
    const gone = onlyAlive
      ? sql`id <> ${onlyAlive}`
      : sql`heartbeat_at < now() - make_interval(secs => ${leaseMs / 1000})`;
    await tx.execute(sql`delete from runner where ${gone}`);
    const orphan = sql`(claimed_by is null or claimed_by not in (select id from runner))`;
    const sent = await execRows<{ job_id: string; row_no: number }>(
      tx,
      sql`
      update job_row set state = 'unknown', ambiguous_attempts = ambiguous_attempts + 1,
        claimed_by = null, claimed_at = null,
        ambiguous_at = now(), uncertain_since = coalesce(uncertain_since, now()),
        next_attempt_at = now() + make_interval(secs => ${listLagMs / 1000}),
        error_code = 'unknown_outcome',
        error_message = 'The server stopped while this row was being sent; it is checked before any resend.'
      where job_id in (select id from job where finished_at is null) and finished_at is null
        and state = 'sending'
        and ${orphan}
      returning job_id, row_no`,
    );
    await tx.execute(sql`
      update job_row set state = case when ambiguous_attempts > 0 then 'unknown' else 'check' end,
        claimed_by = null, claimed_at = null
      where job_id in (select id from job where finished_at is null) and finished_at is null
        and state = 'verifying'
        and ${orphan}`);
    const preflights = await execRows<unknown>(
      tx,
      sql`
      update job set state = 'queued', claimed_by = null
      where state = 'preflight' and ${orphan}
      returning id`,
    );
    const byJob = new Map<string, number[]>();
    for (const r of sent) byJob.set(r.job_id, [...(byJob.get(r.job_id) ?? []), r.row_no]);
    for (const [jobId, rowNos] of byJob) {
      await tx.insert(jobEvents).values({
        jobId,
        kind: "claims_reclaimed",
        detail: { rows: rowNos.length, rowNos: rowNos.slice(0, 50) },
      });
    }
    return { rows: sent.length, jobs: preflights.length };
  });
}
