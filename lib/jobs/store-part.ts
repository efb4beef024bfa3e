import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { UserError } from "@/lib/user-error";
import { seal } from "@/lib/crypto/secret-box";
import type { Db } from "@/lib/db/open";
import { jobEvents, jobParts, jobRows, jobs, type JobState } from "@/lib/db/schema";
import { generatePassword } from "@/lib/mailboxes/password";
import type { Domain } from "@/lib/providers/types";
import { cancelSubmission } from "./ledger/submissions";
import { firstRowOf, type JobPart } from "./submission";

export interface StoreDeps {
  db: Db;
  key: Uint8Array;
  /** The provider's domain by name or id, or null: the server never trusts the browser's list. */
  resolveDomain: (provider: JobPart["provider"], domain: string) => Promise<Domain | null>;
}

export interface StoredPart {
  jobId: string;
  state: JobState;
  partsReceived: number;
  partsTotal: number;
  /** True when this call stored the job's last part (the job starts now). */
  started: boolean;
}

const INSERT_BATCH = 1_000;

/**
 * Stores one part of a submission in one transaction. The first part to arrive creates the job
 * (found again by its submission id); a part already stored is not stored twice; the job is queued
 * for the runner when its last part is in. Nothing is sent to a provider here.
 */
export async function storeJobPart(
  deps: StoreDeps,
  part: JobPart,
  actor: { id: string; email: string },
): Promise<StoredPart> {
  const job = await findOrCreateJob(deps, part, actor);
  const { db, key } = deps;

  await db
    .transaction(async (tx) => {
      const inserted = await tx
        .insert(jobParts)
        .values({ jobId: job.id, partNo: part.partNo, rowCount: part.rows.length })
        .onConflictDoNothing()
        .returning({ partNo: jobParts.partNo });
      if (inserted.length === 0) return; // sent before: idempotent

      const values = part.rows.map((row, index) => {
        const rowNo = firstRowOf(part) + index;
        const password = "password" in row ? row.password : undefined;
        const needsPassword = part.provider === "zcom" && !row.skip;
        const chosen = needsPassword ? (password ?? generatePassword()) : undefined;
        return {
          jobId: job.id,
          rowNo,
          input: withoutSecret(row.source ?? {}, password),
          localPart: row.localPart,
          address: `${row.localPart}@${job.domain}`,
          firstName: row.firstName ?? "",
          lastName: row.lastName ?? "",
          state: row.skip ? ("skipped" as const) : ("pending" as const),
          finishedAt: row.skip ? new Date() : null,
          passwordEnc: chosen ? seal(chosen, key, `${job.id}:${rowNo}`) : null,
          passwordGenerated: needsPassword && password === undefined,
        };
      });
      for (let i = 0; i < values.length; i += INSERT_BATCH) {
        await tx.insert(jobRows).values(values.slice(i, i + INSERT_BATCH));
      }
      await tx.insert(jobEvents).values({
        jobId: job.id,
        kind: "part_stored",
        detail: { partNo: part.partNo, rows: part.rows.length },
      });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error, "job_row_job_address_idx")) {
        throw new UserError(
          "An address in this part is already in another part of the same job. Remove the duplicate and submit again.",
        );
      }
      if (isUniqueViolation(error, "job_row_job_row_no_idx")) {
        throw new UserError("This part overlaps another part of the same job. Submit again.");
      }
      throw error;
    });

  return queueWhenComplete(db, job.id, part.partsTotal, part.rowsTotal);
}

async function findOrCreateJob(
  deps: StoreDeps,
  part: JobPart,
  actor: { id: string; email: string },
) {
  const { db } = deps;
  const existing = await jobBySubmission(db, part.submissionId);
  if (existing) {
    if (existing.createdBy !== actor.id) {
      throw new UserError(
        "This submission does not match the job it belongs to. Reload the page and submit again.",
      );
    }
    if (
      existing.provider === part.provider &&
      existing.partsTotal === part.partsTotal &&
      existing.rowsTotal === part.rowsTotal
    ) {
      return existing;
    }
    // The same submission announced another list: the one being received can never complete.
    // Cancel it (its rows say why) and start again from this part.
    if (
      !(await cancelSubmission(
        db,
        existing.id,
        "the list was submitted again with other contents before it had all arrived.",
      ))
    ) {
      throw new UserError(
        "This submission does not match the job it belongs to. Reload the page and submit again.",
      );
    }
  }
  const domain = await deps.resolveDomain(part.provider, part.domain);
  if (!domain) {
    throw new UserError("That domain is not on this provider.", {
      domain: [`"${part.domain}" is not one of the provider's domains`],
    });
  }
  await db
    .insert(jobs)
    .values({
      id: randomUUID(),
      submissionId: part.submissionId,
      provider: part.provider,
      domain: domain.name,
      domainId: domain.id,
      createdBy: actor.id,
      createdByEmail: actor.email,
      state: "receiving",
      partsTotal: part.partsTotal,
      rowsTotal: part.rowsTotal,
      retryOf: part.retryOf ?? null,
    })
    .onConflictDoNothing();
  // Two parts racing to create the job: both read the one that won.
  return (await jobBySubmission(db, part.submissionId))!;
}

async function jobBySubmission(db: Db, submissionId: string) {
  const [job] = await db.select().from(jobs).where(eq(jobs.submissionId, submissionId));
  return job;
}

async function queueWhenComplete(
  db: Db,
  jobId: string,
  partsTotal: number,
  rowsTotal: number,
): Promise<StoredPart> {
  const [received] = await db
    .select({
      parts: sql<number>`count(*)::int`,
      rows: sql<number>`coalesce(sum(${jobParts.rowCount}), 0)::int`,
    })
    .from(jobParts)
    .where(eq(jobParts.jobId, jobId));
  let started = false;
  if (received && received.parts === partsTotal) {
    if (received.rows !== rowsTotal) {
      const why = `its parts hold ${received.rows} rows, not the ${rowsTotal} announced.`;
      await cancelSubmission(db, jobId, why);
      throw new UserError(`The list was not accepted: ${why} Nothing was sent. Submit it again.`);
    }
    const queued = await db
      .update(jobs)
      .set({ state: "queued" })
      .where(and(eq(jobs.id, jobId), eq(jobs.state, "receiving")))
      .returning({ id: jobs.id });
    if (queued.length > 0) {
      started = true;
      await db.insert(jobEvents).values({ jobId, kind: "queued", detail: { rows: rowsTotal } });
    }
  }
  const [job] = await db.select({ state: jobs.state }).from(jobs).where(eq(jobs.id, jobId));
  return { jobId, state: job!.state, partsReceived: received?.parts ?? 0, partsTotal, started };
}

/**
 * The pasted cells in column order, minus any cell that holds the row's password, alone or
 * inside other text (defence in depth: the page already leaves out a password column).
 */
function withoutSecret(
  source: Record<string, string>,
  password: string | undefined,
): [string, string][] {
  const cells = Object.entries(source);
  return password ? cells.filter(([, v]) => !v.includes(password)) : cells;
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: string; constraint?: string; message?: string };
    if (pg.code === "23505" && (pg.constraint === constraint || pg.message?.includes(constraint)))
      return true;
  }
  return false;
}
