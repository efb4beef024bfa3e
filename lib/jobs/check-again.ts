import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { jobEvents, jobRows, jobs } from "@/lib/db/schema";

export type CheckAgainResult =
  { ok: true; rows: number } | { ok: false; status: number; error: string };

/**
 * "Check again" on a finished job's unconfirmed rows: each is read once more (nothing is sent).
 * Found → created; absent → failed, for sure this time; still unreadable → unconfirmed again,
 * after the usual deadline. The job runs again until they are settled.
 */
export async function checkAgain(db: Db, jobId: string): Promise<CheckAgainResult> {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job) return { ok: false, status: 404, error: "No such job." };
  // A delete job's read settles by sending again when the mailbox is still there: not a check.
  if (job.kind !== "create") {
    return { ok: false, status: 409, error: "Only a creation job's rows are checked again." };
  }
  if (!job.finishedAt) {
    return {
      ok: false,
      status: 409,
      error: "The job is still running; it checks its rows itself.",
    };
  }
  const rows = await db.transaction(async (tx) => {
    const reopened = await tx
      .update(jobRows)
      .set({
        state: "unknown",
        uncertainSince: sql`now()`,
        nextAttemptAt: null,
        absentThenFail: true,
        finishedAt: null,
        claimedBy: null,
        errorCode: "unknown_outcome",
        errorMessage:
          "Not created: checked again after the answer was lost, and the address does not exist.",
      })
      .where(
        and(
          eq(jobRows.jobId, jobId),
          eq(jobRows.state, "unconfirmed"),
          sql`${jobRows.supersededBy} is null`,
          sql`${jobRows.ambiguousAttempts} > 0`,
        ),
      )
      .returning({ id: jobRows.id });
    if (reopened.length === 0) return 0;
    await tx
      .update(jobs)
      .set({ state: "running", finishedAt: null })
      .where(and(eq(jobs.id, jobId), isNotNull(jobs.finishedAt)));
    await tx.insert(jobEvents).values({
      jobId,
      kind: "check_again",
      detail: { rows: reopened.length },
    });
    return reopened.length;
  });
  if (rows === 0) {
    return { ok: false, status: 409, error: "This job has no unconfirmed rows to check." };
  }
  return { ok: true, rows };
}
