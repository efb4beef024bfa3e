import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { jobEvents, jobRows, jobs, providerPauses, runners, type RowState } from "@/lib/db/schema";
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
  state: "created" | "failed" | "unconfirmed" | "pending" | "unknown" | "check";
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
  /** When the lost answer ended (absent counts only from reads a list's lag later). */
  ambiguousAt?: Date;
  /** Kept from the first time it is given: the row's deadline runs from it. */
  uncertainSince?: Date;
  /** See the column: absent → failed rather than sent again. */
  absentThenFail?: boolean;
  /** The address was read and not there, before our first send. */
  absentBefore?: boolean;
}

/**
 * The oldest running job of the provider with a row in `state` that is due now. Jobs first (few),
 * then an index probe per job: joining first would scan every pending row of a 100,000-row job.
 */
async function jobWithDueRows(db: Db, provider: ProviderId, states: RowState[], now: Date) {
  const wanted = sql.join(
    states.map((s) => sql`${s}`),
    sql`, `,
  );
  const [job] = await db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.state, "running"),
        eq(jobs.provider, provider),
        sql`exists (select 1 from job_row r where r.job_id = ${jobs.id} and r.state in (${wanted})
              and (r.next_attempt_at is null or r.next_attempt_at <= ${now.toISOString()}::timestamptz))`,
      ),
    )
    .orderBy(asc(jobs.createdAt))
    .limit(1);
  return job;
}

/**
 * Claims up to `limit` due rows of one job: pending → sending (to send), or unknown / check →
 * verifying (to read).
 */
export async function claimRows(
  db: Db,
  runnerId: string,
  provider: ProviderId,
  kind: "send" | "verify",
  limit: number,
  now = new Date(),
): Promise<{ job: Job; rows: JobRow[] } | null> {
  const from: RowState[] = kind === "send" ? ["pending"] : ["unknown", "check"];
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
          inArray(jobRows.state, from),
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
      ambiguous_at: s.ambiguousAt?.toISOString() ?? null,
      uncertain_since: s.uncertainSince?.toISOString() ?? null,
      absent_then_fail: s.absentThenFail ?? null,
      absent_before: s.absentBefore ?? null,
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
      ambiguous_at = coalesce(v.ambiguous_at, r.ambiguous_at),
      uncertain_since = coalesce(r.uncertain_since, v.uncertain_since),
      absent_then_fail = coalesce(v.absent_then_fail, r.absent_then_fail),
      absent_before = coalesce(v.absent_before, r.absent_before),
      claimed_by = null,
      claimed_at = null,
      finished_at = case when v.state in ('created', 'failed', 'unconfirmed') then now() else null end
    from jsonb_to_recordset(${payload}::jsonb) as v(
      id bigint, state text, error_code text, error_message text, error_status int,
      provider_code text, mailbox_id text, verified boolean, next_attempt_at timestamptz,
      attempts_delta int, ambiguous_delta int, ambiguous_at timestamptz,
      uncertain_since timestamptz, absent_then_fail boolean, absent_before boolean)
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
 * The provider refused our credentials: stop the job. Rows not yet sent fail (`Not sent`); rows
 * whose earlier answer was lost end unconfirmed (we cannot read to settle them; they may exist).
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
      errorStatus: null,
      providerCode: null,
      finishedAt: new Date(),
      claimedBy: null,
    })
    .where(
      and(
        eq(jobRows.jobId, jobId),
        inArray(jobRows.state, ["pending", "waiting", "check"]),
        eq(jobRows.ambiguousAttempts, 0),
      ),
    );
  await db
    .update(jobRows)
    .set({
      state: "unconfirmed",
      errorCode: "unknown_outcome",
      errorMessage: `An answer from the provider was lost, and the address could not be checked because ${message} It may exist: check again once the provider answers.`,
      finishedAt: new Date(),
      claimedBy: null,
    })
    .where(
      and(
        eq(jobRows.jobId, jobId),
        inArray(jobRows.state, ["pending", "unknown", "check"]),
        sql`${jobRows.ambiguousAttempts} > 0`,
      ),
    );
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
    const sent = (await tx.execute(sql`
      update job_row set state = 'unknown', ambiguous_attempts = ambiguous_attempts + 1,
        claimed_by = null, claimed_at = null,
        ambiguous_at = now(), uncertain_since = coalesce(uncertain_since, now()),
        next_attempt_at = now() + make_interval(secs => ${listLagMs / 1000}),
        error_code = 'unknown_outcome',
        error_message = 'The server stopped while this row was being sent; it is checked before any resend.'
      where job_id in (select id from job where finished_at is null) and state = 'sending'
        and ${orphan}
      returning job_id, row_no`)) as { rows: { job_id: string; row_no: number }[] };
    await tx.execute(sql`
      update job_row set state = case when ambiguous_attempts > 0 then 'unknown' else 'check' end,
        claimed_by = null, claimed_at = null
      where job_id in (select id from job where finished_at is null) and state = 'verifying'
        and ${orphan}`);
    const preflights = (await tx.execute(sql`
      update job set state = 'queued', claimed_by = null
      where state = 'preflight' and ${orphan}
      returning id`)) as { rows: unknown[] };
    const byJob = new Map<string, number[]>();
    for (const r of sent.rows) byJob.set(r.job_id, [...(byJob.get(r.job_id) ?? []), r.row_no]);
    for (const [jobId, rowNos] of byJob) {
      await tx.insert(jobEvents).values({
        jobId,
        kind: "claims_reclaimed",
        detail: { rows: rowNos.length, rowNos: rowNos.slice(0, 50) },
      });
    }
    return { rows: sent.rows.length, jobs: preflights.rows.length };
  });
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
        and r.state in ('pending', 'waiting', 'check', 'sending', 'unknown', 'verifying'))
    returning j.id`)) as { rows: { id: string }[] };
  for (const { id } of done.rows) await addEvent(db, id, "finished");
  return done.rows.map((r) => r.id);
}

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
  const purged = (await db.execute(sql`
    update job_row set password_enc = null, password_purged_at = now()
    where password_enc is not null and (
      (state in ('created', 'failed', 'skipped') and (
        password_taken_at is not null or finished_at < ${cutoff}::timestamptz
        or superseded_by is not null))
      or (state = 'unconfirmed' and finished_at < ${unconfirmedCutoff}::timestamptz))
    returning id`)) as { rows: unknown[] };
  return purged.rows.length;
}
