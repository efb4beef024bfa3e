import "server-only";
import { desc, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { jobRows, jobs } from "@/lib/db/schema";

export const JOBS_PAGE_SIZE = 50;

/** Past jobs, newest first, with their counts per state (one grouped query for the page). */
export async function listJobs(db: Db, page: number) {
  const list = await db
    .select()
    .from(jobs)
    .orderBy(desc(jobs.createdAt))
    .limit(JOBS_PAGE_SIZE + 1)
    .offset((page - 1) * JOBS_PAGE_SIZE);
  const shown = list.slice(0, JOBS_PAGE_SIZE);
  const ids = shown.map((j) => j.id);
  const counts = ids.length
    ? await db
        .select({ jobId: jobRows.jobId, state: jobRows.state, n: sql<number>`count(*)::int` })
        .from(jobRows)
        .where(inArray(jobRows.jobId, ids))
        .groupBy(jobRows.jobId, jobRows.state)
    : [];
  return {
    hasMore: list.length > JOBS_PAGE_SIZE,
    jobs: shown.map((job) => {
      const mine = counts.filter((c) => c.jobId === job.id);
      const n = (state: string) => mine.find((c) => c.state === state)?.n ?? 0;
      return {
        ...job,
        created: n("created"),
        failed: n("failed"),
        skipped: n("skipped"),
        inProgress: n("pending") + n("sending") + n("unknown") + n("verifying"),
      };
    }),
  };
}
