"use server";

import { z } from "zod";
import { action } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/record";
import { confirmationProblems, undoJobSchema } from "@/lib/changes/schema";
import { createdAndStillThere, finishedCreationJob } from "@/lib/changes/select";
import { getDb } from "@/lib/db";
import { storeChangeJob, undoJobOf } from "@/lib/jobs/changes";
import { encryptionKey, wakeJobRunner } from "@/lib/jobs/service";
import { getProvider } from "@/lib/providers";
import { UserError } from "@/lib/user-error";

async function undoable(jobId: string) {
  const db = await getDb();
  const job = await finishedCreationJob(db, jobId);
  if (!job) throw UserError.coded({ key: "changes.notUndoable" });
  const existing = await undoJobOf(db, job.id);
  const mailboxes = await createdAndStillThere(db, getProvider(job.provider), job);
  return { db, job, existing, mailboxes };
}

/** How many of a finished job's created mailboxes still exist: what its undo would delete. */
export const undoPreviewAction = action(
  { name: "undoPreview", schema: z.object({ jobId: z.string().min(1).max(100) }), role: "admin" },
  async ({ jobId }) => {
    const { job, existing, mailboxes } = await undoable(jobId);
    return { domain: job.domain, count: mailboxes.length, undoJob: existing };
  },
);

/**
 * "Delete the mailboxes this job created" (admins only): a delete job of exactly the rows the job
 * created that still exist, read again now; the typed domain and count must match. The two jobs
 * link to each other (job.undo_of).
 */
export const undoJobAction = action(
  { name: "undoJob", schema: undoJobSchema, role: "admin" },
  async (input, ctx) => {
    const { db, job, mailboxes } = await undoable(input.jobId);
    if (mailboxes.length === 0) throw UserError.coded({ key: "changes.nothingToUndo" });
    const problems = confirmationProblems(input, job.domain, mailboxes.length);
    if (problems) throw UserError.coded({ key: "changes.confirmAgain" }, problems);
    const stored = await storeChangeJob(
      { db, key: encryptionKey() },
      {
        kind: "delete",
        provider: job.provider,
        domain: { id: job.domainId, name: job.domain },
        submissionId: input.submissionId,
        undoOf: job.id,
        targets: mailboxes.map((m) => ({ id: m.id, address: m.address })),
      },
      ctx.user,
    );
    if (stored.created) {
      await recordAudit({
        action: "job.undo_started",
        actor: ctx.user,
        provider: job.provider,
        domain: job.domain,
        target: stored.jobId,
        details: { rows: mailboxes.length, undoOf: job.id },
        ip: ctx.ip,
      });
      wakeJobRunner();
    }
    return { jobId: stored.jobId };
  },
);
