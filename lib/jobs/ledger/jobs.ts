import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { execRows } from "@/lib/db/exec";
import type { Db } from "@/lib/db/open";
import { jobs } from "@/lib/db/schema";
import { addEvent } from "./events";
import { failLeftovers } from "./rows";
import type { Job } from "./types";

// Jobs of the ledger: the read before sending (preflight), stopping, finishing.

/** A queued job whose preflight (the read of the domain before any send) this runner takes. */
export async function claimPreflight(db: Db, runnerId: string): Promise<Job | null> {
  const result = await execRows<{ id: string }>(
    db,
    sql`
    with picked as (
      select id from job where state = 'queued' order by created_at limit 1
      for update skip locked)
    update job j set state = 'preflight', claimed_by = ${runnerId}
    from picked where j.id = picked.id
    returning j.id`,
  );
  const id = result[0]?.id;
  if (!id) return null;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job ?? null;
}

/** `readFrom`: when a creation's read of the domain began (its rows' holds count from it). */
export async function startJob(db: Db, jobId: string, runnerId: string, readFrom?: Date) {
  await db
    .update(jobs)
    .set({ state: "running", startedAt: new Date(), claimedBy: null, readFrom: readFrom ?? null })
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

/**
 * Jobs none of whose rows can change any more are finished: a running job becomes done, a
 * stopped one keeps its state (one statement for all jobs, or for the one job given).
 */
export async function finishDoneJobs(db: Db, onlyJobId?: string): Promise<string[]> {
  const done = await execRows<{ id: string }>(
    db,
    sql`
    update job j set state = case when j.state = 'running' then 'done' else j.state end,
      finished_at = now()
    where j.state in ('running', 'stopped') and j.finished_at is null
      ${onlyJobId ? sql`and j.id = ${onlyJobId}` : sql``}
      and not exists (
      select 1 from job_row r where r.job_id = j.id and r.finished_at is null
        and r.state in ('pending', 'waiting', 'check', 'sending', 'unknown', 'verifying'))
    returning j.id`,
  );
  for (const { id } of done) await addEvent(db, id, "finished");
  return done.map((r) => r.id);
}

/** Running jobs with rows that wait for an address another job holds. */
export async function jobsWithWaitingRows(db: Db): Promise<Job[]> {
  return db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.state, "running"),
        sql`exists (select 1 from job_row r where r.job_id = ${jobs.id} and r.finished_at is null
              and r.state = 'waiting')`,
      ),
    );
}

/** The first time the job's read before sending failed (kept across tries). */
export async function markPreflightFailing(db: Db, jobId: string): Promise<Date> {
  const [job] = await db
    .update(jobs)
    .set({ preflightFailingSince: sql`coalesce(${jobs.preflightFailingSince}, now())` })
    .where(eq(jobs.id, jobId))
    .returning({ since: jobs.preflightFailingSince });
  return job?.since ?? new Date();
}
