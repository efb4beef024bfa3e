import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { jobRows, jobs } from "@/lib/db/schema";

/** The failed rows of a finished job, as the bulk editor takes them, for "retry failed". */
export async function failedRowsForRetry(db: Db, jobId: string) {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job?.finishedAt) return null;
  const rows = await db
    .select()
    .from(jobRows)
    .where(and(eq(jobRows.jobId, jobId), eq(jobRows.state, "failed")))
    .orderBy(asc(jobRows.rowNo));
  return {
    job: { id: job.id, provider: job.provider, domain: job.domain },
    rows: rows.map((r) => ({
      firstName: r.firstName,
      lastName: r.lastName,
      localPart: r.localPart,
      source: Object.fromEntries(r.input),
      error: `${r.errorCode}${r.errorMessage ? `: ${r.errorMessage}` : ""}`,
    })),
  };
}

/**
 * Why a submission may not name `retryOf` as the job it retries, or null when it may: the job
 * must exist and be on the same provider and domain (by name or id, as the part names it). Every
 * signed-in role reads every job, so a job that exists is one the caller may read.
 */
export async function refuseRetryOf(
  db: Db,
  part: { retryOf?: string | undefined; provider: string; domain: string },
): Promise<string | null> {
  if (part.retryOf === undefined) return null;
  const [job] = await db
    .select({ provider: jobs.provider, domain: jobs.domain, domainId: jobs.domainId })
    .from(jobs)
    .where(eq(jobs.id, part.retryOf));
  if (!job) return "The job these rows retry no longer exists.";
  if (
    job.provider !== part.provider ||
    (job.domain !== part.domain && job.domainId !== part.domain)
  )
    return "These rows retry a job on another provider or domain; submit them as a new job.";
  return null;
}
