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
