import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { jobEvents, jobRows, jobs, providerPauses, runners } from "@/lib/db/schema";
import type { ProviderId } from "@/lib/providers/types";

/**
 * Every state change of the ledger, each one statement, so any number of runner processes can
 * share it: rows are claimed with FOR UPDATE SKIP LOCKED and settled only by the runner that
 * claimed them (a settlement for a claim that was taken back is dropped; the row is read again).
 */
export type JobRow = typeof jobRows.$inferSelect;
export type Job = typeof jobs.$inferSelect;

export interface Settlement {
  id: number;
  state: "created" | "failed" | "pending" | "unknown";
  errorCode?: string | null;
  errorMessage?: string | null;
  errorStatus?: number | null;
  providerCode?: string | null;
  mailboxId?: string | null;
  verified?: boolean;
  nextAttemptAt?: Date | null;
  /** -1 gives back the attempt counted at the claim (a rate-limit answer is not an attempt). */
  attemptsDelta?: number;
  /** +1 when the answer to this send was lost. */
  ambiguousDelta?: number;
}

/**
 * The oldest running job of the provider with a row in `state` that is due now. Jobs first (few),
 * then an index probe per job: joining first would scan every pending row of a 100,000-row job.
 */
async function jobWithDueRows(
  db: Db,
  provider: ProviderId,
  state: "pending" | "unknown",
  now: Date,
) {
  const [job] = await db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.state, "running"),
        eq(jobs.provider, provider),
        sql`exists (select 1 from job_row r where r.job_id = ${jobs.id} and r.state = ${state}
              and (r.next_attempt_at is null or r.next_attempt_at <= ${now.toISOString()}::timestamptz))`,
      ),
    )
    .orderBy(asc(jobs.createdAt))
    .limit(1);
  return job;
}

/** Claims up to `limit` due rows of one job: pending → sending (to send) or unknown → verifying. */
export async function claimRows(
  db: Db,
  runnerId: string,
  provider: ProviderId,
  kind: "send" | "verify",
  limit: number,
  now = new Date(),
): Promise<{ job: Job; rows: JobRow[] } | null> {
  const from = kind === "send" ? "pending" : "unknown";
  const job = await jobWithDueRows(db, provider, from, now);
  if (!job) return null;
  // The candidates are picked once, in a CTE: a LIMIT … FOR UPDATE SKIP LOCKED subquery inside
  // `WHERE id IN (…)` may be run again per row by the planner and claim more than `limit`.
  const at = now.toISOString();
  const picked = db.$with("picked").as(
    db
      .select({ id: jobRows.id })
      .from(jobRows)
      .where(
        and(
          eq(jobRows.jobId, job.id),
          eq(jobRows.state, from),
          sql`(${jobRows.nextAttemptAt} is null or ${jobRows.nextAttemptAt} <= ${at}::timestamptz)`,
        ),
      )
      .orderBy(asc(jobRows.rowNo))
      .limit(limit)
      .for("update", { skipLocked: true }),
  );
  const rows = await db
    .with(picked)
    .update(jobRows)
    .set({
      state: kind === "send" ? "sending" : "verifying",
      claimedBy: runnerId,
      claimedAt: now,
      ...(kind === "send" ? { attempts: sql`${jobRows.attempts} + 1` } : {}),
    })
    .where(inArray(jobRows.id, db.select({ id: picked.id }).from(picked)))
    .returning();
  if (rows.length === 0) return null;
  rows.sort((a, b) => a.rowNo - b.rowNo);
  return { job, rows };
}

/** Settles claimed rows in one statement; returns the rows it changed (a lost claim is skipped). */
export async function settle(db: Db, runnerId: string, settlements: Settlement[]): Promise<number> {
  if (settlements.length === 0) return 0;
  const payload = JSON.stringify(
    settlements.map((s) => ({
      id: s.id,
      state: s.state,
      error_code: s.errorCode ?? null,
      error_message: s.errorMessage ?? null,
      error_status: s.errorStatus ?? null,
      provider_code: s.providerCode ?? null,
      mailbox_id: s.mailboxId ?? null,
      verified: s.verified ?? null,
      next_attempt_at: s.nextAttemptAt?.toISOString() ?? null,
      attempts_delta: s.attemptsDelta ?? 0,
      ambiguous_delta: s.ambiguousDelta ?? 0,
    })),
  );
  const result = (await db.execute(sql`
    update job_row r set
      state = v.state,
      error_code = v.error_code,
      error_message = v.error_message,
      error_status = v.error_status,
      provider_code = v.provider_code,
      mailbox_id = coalesce(v.mailbox_id, r.mailbox_id),
      verified = coalesce(v.verified, r.verified),
      next_attempt_at = v.next_attempt_at,
      attempts = greatest(0, r.attempts + v.attempts_delta),
      ambiguous_attempts = r.ambiguous_attempts + v.ambiguous_delta,
      claimed_by = null,
      claimed_at = null,
      finished_at = case when v.state in ('created', 'failed') then now() else null end
    from jsonb_to_recordset(${payload}::jsonb) as v(
      id bigint, state text, error_code text, error_message text, error_status int,
      provider_code text, mailbox_id text, verified boolean, next_attempt_at timestamptz,
      attempts_delta int, ambiguous_delta int)
    where r.id = v.id and r.claimed_by = ${runnerId} and r.state in ('sending', 'verifying')
    returning r.id`)) as { rows: unknown[] };
  return result.rows.length;
}

/** A queued job whose preflight (the read of the domain before any send) this runner takes. */
export async function claimPreflight(db: Db, runnerId: string): Promise<Job | null> {
  const result = (await db.execute(sql`
    with picked as (
      select id from job where state = 'queued' order by created_at limit 1
      for update skip locked)
    update job j set state = 'preflight', claimed_by = ${runnerId}
    from picked where j.id = picked.id
    returning j.id`)) as { rows: { id: string }[] };
  const id = result.rows[0]?.id;
  if (!id) return null;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job ?? null;
}

export async function startJob(db: Db, jobId: string, runnerId: string) {
  await db
    .update(jobs)
    .set({ state: "running", startedAt: new Date(), claimedBy: null })
    .where(and(eq(jobs.id, jobId), eq(jobs.state, "preflight"), eq(jobs.claimedBy, runnerId)));
}

/** Back to queued (e.g. the preflight read failed): another try later. */
export async function releasePreflight(db: Db, jobId: string, runnerId: string) {
  await db
    .update(jobs)
    .set({ state: "queued", claimedBy: null })
    .where(and(eq(jobs.id, jobId), eq(jobs.claimedBy, runnerId)));
}

/**
 * The provider refused our credentials: stop the job. Rows not yet sent fail as `unauthorized`;
 * rows whose earlier answer was lost fail as `unknown_outcome` (we cannot read to settle them).
 * Rows in flight in other slots settle themselves when they return.
 */
export async function stopJob(db: Db, jobId: string, code: string, message: string) {
  const stopped = await db
    .update(jobs)
    // Finished only once the rows still in flight have come back (finishDoneJobs).
    .set({ state: "stopped", stopCode: code, stopMessage: message })
    .where(and(eq(jobs.id, jobId), inArray(jobs.state, ["running", "preflight", "queued"])))
    .returning({ id: jobs.id });
  if (stopped.length > 0) await addEvent(db, jobId, "stopped", null, { code, message });
  await failLeftovers(db, jobId);
}

/** In a stopped job, rows that are not in flight end now (in-flight ones come back here). */
export async function failLeftovers(db: Db, jobId: string) {
  const [job] = await db
    .select({ state: jobs.state, code: jobs.stopCode, message: jobs.stopMessage })
    .from(jobs)
    .where(eq(jobs.id, jobId));
  if (job?.state !== "stopped") return;
  const message = job.message ?? "the job was stopped.";
  await db
    .update(jobRows)
    .set({
      state: "failed",
      errorCode: job.code ?? "stopped",
      errorMessage: `Not sent: ${message}`,
      finishedAt: new Date(),
      claimedBy: null,
    })
    .where(and(eq(jobRows.jobId, jobId), eq(jobRows.state, "pending")));
  await db
    .update(jobRows)
    .set({
      state: "failed",
      errorCode: "unknown_outcome",
      errorMessage: `An earlier answer was lost and the mailbox could not be checked: ${message} It may exist; retrying checks before sending.`,
      finishedAt: new Date(),
      claimedBy: null,
    })
    .where(and(eq(jobRows.jobId, jobId), eq(jobRows.state, "unknown")));
}

export async function addEvent(
  db: Db,
  jobId: string,
  kind: string,
  runner?: string | null,
  detail?: Record<string, unknown>,
  rowNo?: number,
) {
  await db
    .insert(jobEvents)
    .values({ jobId, kind, runner: runner ?? null, detail: detail ?? null, rowNo: rowNo ?? null });
}

// ---- runners, leases and provider pauses -------------------------------------------------------

export async function registerRunner(db: Db, id: string, host: string, pid: number) {
  await db.insert(runners).values({ id, host, pid });
}

export async function heartbeat(db: Db, id: string) {
  await db.update(runners).set({ heartbeatAt: new Date() }).where(eq(runners.id, id));
}

export async function unregisterRunner(db: Db, id: string) {
  await db.delete(runners).where(eq(runners.id, id));
}

/**
 * Takes back the claims of runners that stopped beating (crashed, killed, cut off). A row that
 * was being sent becomes `unknown`: the create may have happened, so it is read before any resend.
 */
export async function reclaimStale(
  db: Db,
  leaseMs: number,
  /** Embedded mode has one process: at start-up every claim but this runner's is stale. */
  onlyAlive?: string,
): Promise<{ rows: number; jobs: number }> {
  const cutoff = new Date(Date.now() - leaseMs);
  const alive = onlyAlive
    ? sql`(select ${onlyAlive}::text)`
    : sql`(select id from runner where heartbeat_at >= ${cutoff.toISOString()}::timestamptz)`;
  const sent = (await db.execute(sql`
    update job_row set state = 'unknown', ambiguous_attempts = ambiguous_attempts + 1,
      claimed_by = null, claimed_at = null, next_attempt_at = null,
      error_code = 'unknown_outcome',
      error_message = 'The server stopped while this row was being sent; it is checked before any resend.'
    where job_id in (select id from job where finished_at is null) and state = 'sending'
      and (claimed_by is null or claimed_by not in ${alive})
    returning job_id, row_no`)) as { rows: { job_id: string; row_no: number }[] };
  await db.execute(sql`
    update job_row set state = 'unknown', claimed_by = null, claimed_at = null
    where job_id in (select id from job where finished_at is null) and state = 'verifying'
      and (claimed_by is null or claimed_by not in ${alive})`);
  const preflights = (await db.execute(sql`
    update job set state = 'queued', claimed_by = null
    where state = 'preflight' and (claimed_by is null or claimed_by not in ${alive})
    returning id`)) as { rows: unknown[] };
  const byJob = new Map<string, number[]>();
  for (const r of sent.rows) byJob.set(r.job_id, [...(byJob.get(r.job_id) ?? []), r.row_no]);
  for (const [jobId, rowNos] of byJob) {
    await addEvent(db, jobId, "claims_reclaimed", null, {
      rows: rowNos.length,
      rowNos: rowNos.slice(0, 50),
    });
  }
  await db
    .delete(runners)
    .where(
      onlyAlive
        ? sql`id <> ${onlyAlive}`
        : sql`heartbeat_at < ${cutoff.toISOString()}::timestamptz`,
    );
  return { rows: sent.rows.length, jobs: preflights.rows.length };
}

export async function pausedUntil(db: Db): Promise<Map<string, Date>> {
  const rows = await db.select().from(providerPauses);
  return new Map(rows.map((r) => [r.provider, r.until]));
}

export async function pauseProvider(db: Db, provider: ProviderId, until: Date, reason: string) {
  await db
    .insert(providerPauses)
    .values({ provider, until, reason })
    .onConflictDoUpdate({
      target: providerPauses.provider,
      set: { until: sql`greatest(${providerPauses.until}, excluded.until)`, reason },
    });
}

/**
 * Jobs none of whose rows can change any more are finished: a running job becomes done, a
 * stopped one keeps its state (one statement for all jobs).
 */
export async function finishDoneJobs(db: Db): Promise<string[]> {
  const done = (await db.execute(sql`
    update job j set state = case when j.state = 'running' then 'done' else j.state end,
      finished_at = now()
    where j.state in ('running', 'stopped') and j.finished_at is null and not exists (
      select 1 from job_row r where r.job_id = j.id
        and r.state in ('pending', 'sending', 'unknown', 'verifying'))
    returning j.id`)) as { rows: { id: string }[] };
  for (const { id } of done.rows) await addEvent(db, id, "finished");
  return done.rows.map((r) => r.id);
}

/** Stored passwords are kept only until the admin has taken them, or 24 hours after the job. */
export async function purgePasswords(db: Db, keepMs = 24 * 3_600_000): Promise<number> {
  const cutoff = new Date(Date.now() - keepMs).toISOString();
  const purged = (await db.execute(sql`
    update job_row set password_enc = null, password_purged_at = now()
    where password_enc is not null and state in ('created', 'failed', 'skipped')
      and job_id in (select id from job where state in ('done', 'stopped')
        and (credentials_downloaded_at is not null or finished_at < ${cutoff}::timestamptz))
    returning id`)) as { rows: unknown[] };
  return purged.rows.length;
}
