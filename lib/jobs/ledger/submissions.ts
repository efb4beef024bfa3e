import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { execRows } from "@/lib/db/exec";
import type { Db } from "@/lib/db/open";
import { jobEvents, jobs } from "@/lib/db/schema";

// Submissions that cannot complete: their job is cancelled, and every stored row says why.

/**
 * A submission whose parts stopped arriving (the page was closed mid-way, a part was refused) is
 * cancelled once nothing has come for `timeoutMs`: nothing was sent, every stored row says so,
 * and the admin can submit the list again.
 */
export async function cancelStalledSubmissions(db: Db, timeoutMs: number): Promise<string[]> {
  const stalled = await execRows<{ id: string; parts_total: number; parts: number }>(
    db,
    sql`
    select j.id, j.parts_total, (select count(*)::int from job_part p where p.job_id = j.id) as parts
    from job j
    where j.state = 'receiving'
      and greatest(j.created_at, coalesce((select max(p.received_at) from job_part p
                                           where p.job_id = j.id), j.created_at))
          < now() - make_interval(secs => ${timeoutMs / 1000})`,
  );
  for (const job of stalled) {
    await cancelSubmission(
      db,
      job.id,
      `only ${job.parts} of ${job.parts_total} parts of the list arrived, and no more came.`,
    );
  }
  return stalled.map((j) => j.id);
}

/** Ends a submission that cannot complete: the job is cancelled, its stored rows fail unsent. */
export async function cancelSubmission(db: Db, jobId: string, why: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const cancelled = await tx
      .update(jobs)
      .set({
        state: "cancelled",
        // Frees the submission id: sending the list again with it starts a new job.
        submissionId: sql`${jobs.submissionId} || ':cancelled:' || ${jobs.id}`,
        stopCode: "incomplete_submission",
        stopMessage: why,
        finishedAt: new Date(),
      })
      .where(and(eq(jobs.id, jobId), eq(jobs.state, "receiving")))
      .returning({ id: jobs.id });
    if (cancelled.length === 0) return false;
    await tx.execute(sql`
      update job_row set state = 'failed', error_code = 'incomplete_submission',
        error_message = ${`Not sent: ${why} Nothing of this list was sent; submit it again.`},
        finished_at = now()
      where job_id = ${jobId} and finished_at is null and state = 'pending'`);
    await tx.insert(jobEvents).values({ jobId, kind: "cancelled", detail: { why } });
    return true;
  });
}
