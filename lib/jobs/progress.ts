import "server-only";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { jobRows, jobs, ROW_STATES, type RowState } from "@/lib/db/schema";
import { undoJobOf } from "./changes";

// What the job page polls, every second during a run: counts per state (one grouped count over
// an index), the rows changed since the page's cursor (an index range), and an ETA. Never a
// password, encrypted or not, nor the cells as pasted: the page never shows them (the results
// file and "fix and retry" do). On a 10,000-row job of three pasted columns they were about a
// fifth of what the page fetched and parsed, read from the runner's database for every poll.

/**
 * A row as the page gets it. What a row does not have (null in the ledger) is left out: most rows
 * have no error, no provider code and no other job to link, and nine null keys a row were nearly
 * half of a 10,000-row job's progress (1.7 of 3.9 MB) to send, parse and keep. A changed row
 * replaces the page's copy whole, so a key left out always means "none".
 */
export interface PublicRow {
  rowNo: number;
  address: string;
  localPart: string;
  firstName: string;
  lastName: string;
  state: RowState;
  attempts: number;
  verified: boolean;
  errorCode?: string;
  errorMessage?: string;
  errorStatus?: number;
  providerCode?: string;
  mailboxId?: string;
  passwordGenerated: boolean;
  /** The password that opens the mailbox is not known here (see the column). */
  passwordLost: boolean;
  /** The job that held (or made) this address. */
  heldByJob?: string;
  /** A retry job took this row over. */
  supersededBy?: string;
  /** This row continues the same address's row in that (earlier) job. */
  inheritedFrom?: string;
  /** A later job reset or deleted this mailbox: the password this row stored was dropped. */
  passwordReplacedBy?: string;
}

/** The row without its change number and without the keys it has no value for. */
function publicRow({ changeSeq: _seq, ...row }: Record<string, unknown>): PublicRow {
  for (const key of Object.keys(row)) if (row[key] === null) delete row[key];
  return row as unknown as PublicRow;
}

export type Counts = Record<RowState, number>;

const publicColumns = {
  rowNo: jobRows.rowNo,
  address: jobRows.address,
  localPart: jobRows.localPart,
  firstName: jobRows.firstName,
  lastName: jobRows.lastName,
  state: jobRows.state,
  attempts: jobRows.attempts,
  verified: jobRows.verified,
  errorCode: jobRows.errorCode,
  errorMessage: jobRows.errorMessage,
  errorStatus: jobRows.errorStatus,
  providerCode: jobRows.providerCode,
  mailboxId: jobRows.mailboxId,
  passwordGenerated: jobRows.passwordGenerated,
  passwordLost: jobRows.passwordLost,
  heldByJob: jobRows.heldByJob,
  supersededBy: jobRows.supersededBy,
  inheritedFrom: jobRows.inheritedFrom,
  passwordReplacedBy: jobRows.passwordReplacedBy,
  changeSeq: jobRows.changeSeq,
};

export async function jobSummary(db: Db, jobId: string) {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job) return null;
  const grouped = await db
    .select({ state: jobRows.state, n: sql<number>`count(*)::int` })
    .from(jobRows)
    .where(eq(jobRows.jobId, jobId))
    .groupBy(jobRows.state);
  const counts = Object.fromEntries(ROW_STATES.map((s) => [s, 0])) as Counts;
  for (const { state, n } of grouped) counts[state] = n;
  const passwordsStored = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(jobRows)
    .where(
      and(
        eq(jobRows.jobId, jobId),
        sql`${jobRows.passwordEnc} is not null`,
        eq(jobRows.state, "created"),
        eq(jobRows.passwordLost, false),
      ),
    );
  // Everything the page shows about the job; not its claim or submission bookkeeping.
  const {
    submissionId: _s,
    claimedBy: _c,
    createdBy: _b,
    domainId: _d,
    partsTotal: _p,
    ...shown
  } = job;
  const [checkable] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(jobRows)
    .where(
      and(
        eq(jobRows.jobId, jobId),
        eq(jobRows.state, "unconfirmed"),
        sql`${jobRows.supersededBy} is null`,
      ),
    );
  return {
    job: shown,
    counts,
    /** Unconfirmed rows this job can still check (not taken over by a retry). */
    checkable: checkable?.n ?? 0,
    credentialsAvailable: (passwordsStored[0]?.n ?? 0) > 0,
    /** The delete job that undoes this creation job, once one was started. */
    undoneBy: job.kind === "create" ? await undoJobOf(db, jobId) : null,
    etaSeconds: eta(counts, job.startedAt, job.finishedAt),
  };
}

export async function jobProgress(db: Db, jobId: string, since = 0, limit = 2_000) {
  const summary = await jobSummary(db, jobId);
  if (!summary) return null;
  const changed = await db
    .select(publicColumns)
    .from(jobRows)
    .where(and(eq(jobRows.jobId, jobId), gt(jobRows.changeSeq, since)))
    .orderBy(asc(jobRows.changeSeq))
    .limit(limit + 1);
  const hasMore = changed.length > limit;
  const rows = changed.slice(0, limit);
  const cursor = rows.at(-1)?.changeSeq ?? since;
  return {
    ...summary,
    rows: rows.map(publicRow),
    cursor,
    hasMore,
  };
}

export type JobProgress = NonNullable<Awaited<ReturnType<typeof jobProgress>>>;

function eta(counts: Counts, startedAt: Date | null, finishedAt: Date | null): number | null {
  if (!startedAt || finishedAt) return null;
  const remaining =
    counts.pending +
    counts.waiting +
    counts.check +
    counts.sending +
    counts.unknown +
    counts.verifying;
  const done = counts.created + counts.failed + counts.unconfirmed;
  const elapsed = (Date.now() - startedAt.getTime()) / 1000;
  if (remaining === 0) return 0;
  if (done === 0 || elapsed < 1) return null;
  return Math.ceil(remaining / (done / elapsed));
}
