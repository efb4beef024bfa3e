import "server-only";
import { and, asc, eq, getTableColumns, inArray, isNull, sql } from "drizzle-orm";
import { execRows } from "@/lib/db/exec";
import type { Db } from "@/lib/db/open";
import { jobRows, jobs, type RowState } from "@/lib/db/schema";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { holdsForClaim } from "./holds";
import { CLAIMED_COLUMNS, type ClaimedRow, type Job, type Settlement } from "./types";

// Rows of the ledger, each change one statement, so any number of runner processes can share it:
// rows are claimed with FOR UPDATE SKIP LOCKED and settled only by the runner that claimed them
// (a settlement for a claim that was taken back is dropped; the row is read again).

/**
 * The oldest running job of the provider with a row in `state` that is due now. Jobs first (few),
 * then an index probe per job: joining first would scan every pending row of a 100,000-row job.
 */
async function jobWithDueRows(db: Db, provider: ProviderId, states: RowState[], now: Date) {
  // A literal list of our own state names, and LIMIT 1 inside EXISTS: the probe stays a subplan
  // run per job (few) on the (job_id, state) index, never a semi-join over every row.
  const wanted = sql.raw(states.map((s) => `'${s}'`).join(", "));
  const [job] = await db
    .select()
    .from(jobs)
    .where(
      and(
        eq(jobs.state, "running"),
        eq(jobs.provider, provider),
        sql`exists (select 1 from job_row r where r.job_id = ${jobs.id} and r.finished_at is null
              and r.state in (${wanted})
              and (r.next_attempt_at is null or r.next_attempt_at <= ${now.toISOString()}::timestamptz)
              limit 1)`,
      ),
    )
    .orderBy(asc(jobs.createdAt))
    .limit(1);
  return job;
}

/**
 * What a claim hands the runner (CLAIMED_COLUMNS): not the cells as pasted (`input`, read only by
 * the pages and the exports: returning them cost about a third of each claim on the embedded
 * database), nor the columns only the pages and the housekeeping read.
 */
const allColumns = getTableColumns(jobRows);
const claimedColumns = Object.fromEntries(CLAIMED_COLUMNS.map((c) => [c, allColumns[c]])) as {
  [K in (typeof CLAIMED_COLUMNS)[number]]: (typeof allColumns)[K];
};

/**
 * Claims up to `limit` due rows of one job: pending → sending (to send), or unknown / check →
 * verifying (to read). A row to send takes its address with the claim (holds.ts); one whose
 * address another job holds waits instead, and is not claimed. `listLagMs`: how long after
 * another job released an address a creation may take it (RetryPolicy).
 */
export async function claimRows(
  db: Db,
  runnerId: string,
  provider: ProviderId,
  kind: "send" | "verify",
  limit: number,
  listLagMs: number,
  now = new Date(),
): Promise<{ job: Job; rows: ClaimedRow[] } | null> {
  const from: RowState[] = kind === "send" ? ["pending"] : ["unknown", "check"];
  // Rows picked whose addresses other jobs hold are not claimed: look again (a few times) while
  // the job still has due rows, so they do not hide the ones behind them until the next poll.
  for (let tries = 0; tries < 8; tries++) {
    const job = await jobWithDueRows(db, provider, from, now);
    if (!job) return null;
    const claimed = await claimOf(db, runnerId, job, kind, from, limit, listLagMs, now);
    if (claimed.length > 0 || kind === "verify") {
      return claimed.length > 0 ? { job, rows: claimed } : null;
    }
  }
  return null;
}

async function claimOf(
  db: Db,
  runnerId: string,
  job: Job,
  kind: "send" | "verify",
  from: RowState[],
  limit: number,
  listLagMs: number,
  now: Date,
): Promise<ClaimedRow[]> {
  // The candidates are picked once, in a CTE: a LIMIT … FOR UPDATE SKIP LOCKED subquery inside
  // `WHERE id IN (…)` may be run again per row by the planner and claim more than `limit`.
  const at = now.toISOString();
  const picked = db.$with("picked").as(
    db
      .select({ id: jobRows.id, address: jobRows.address })
      .from(jobRows)
      .where(
        and(
          eq(jobRows.jobId, job.id),
          isNull(jobRows.finishedAt),
          inArray(jobRows.state, from),
          sql`(${jobRows.nextAttemptAt} is null or ${jobRows.nextAttemptAt} <= ${at}::timestamptz)`,
        ),
      )
      .orderBy(asc(jobRows.rowNo))
      .limit(limit)
      .for("update", { skipLocked: true }),
  );
  // Rows to send: only those that took their address.
  const holds = kind === "send" ? holdsForClaim(job, listLagMs) : null;
  const ctes = holds
    ? [
        picked,
        db.$with("taken", { rowId: sql<number>`row_id` }).as(holds.taken),
        db.$with("others", { id: sql<number>`id` }).as(holds.others),
      ]
    : [picked];
  const claimable = holds ? sql`(select row_id from taken)` : sql`(select id from picked)`;
  const rows = await db
    .with(...ctes)
    .update(jobRows)
    .set({
      state: kind === "send" ? "sending" : "verifying",
      claimedBy: runnerId,
      claimedAt: now,
      ...(kind === "send" ? { attempts: sql`${jobRows.attempts} + 1` } : {}),
      // A creation's row is pending only after a read found its address absent (the job's
      // preflight, or a check before its first send): what that read found is recorded with the
      // claim. (Jobs that change existing mailboxes read nothing of the kind.)
      ...(kind === "send" && job.kind === "create" ? { absentBefore: true } : {}),
    })
    .where(sql`${jobRows.id} in ${claimable}`)
    .returning(claimedColumns);
  rows.sort((a, b) => a.rowNo - b.rowNo);
  return rows;
}

/**
 * Settles claimed rows in one statement; returns the rows it changed (a lost claim is skipped).
 *
 * The plan must not depend on the table's statistics. Rows move through the states in seconds,
 * and a job just submitted is not in them yet (on the embedded database nothing was analysed at
 * all when this was measured): estimating "one row is
 * sending", the planner joined by a nested loop that read the whole job's claimed rows and
 * unpacked the settlements again for each of them (170 ms for 200 rows, 6 s of a 10,000-row job
 * on this machine). Here there is no join to plan: the rows are found by their keys, and each
 * looks its settlement up in one object keyed by row id.
 */
export async function settle(db: Db, runnerId: string, settlements: Settlement[]): Promise<number> {
  if (settlements.length === 0) return 0;
  // Keyed by row id: each claimed row finds its settlement by a lookup in this one object. Only
  // what a settlement says is sent (a key left out reads as null below): most say little more
  // than their state, and every key is parsed and looked up again for each row.
  const payload = JSON.stringify(
    Object.fromEntries(
      settlements.map((s) => [
        s.id,
        {
          state: s.state,
          error_code: s.errorCode,
          error_message: s.errorMessage,
          error_status: s.errorStatus,
          provider_code: s.providerCode,
          mailbox_id: s.mailboxId,
          verified: s.verified,
          next_attempt_at: s.nextAttemptAt?.toISOString(),
          attempts_delta: s.attemptsDelta || undefined,
          ambiguous_delta: s.ambiguousDelta || undefined,
          ambiguous_at: s.ambiguousAt?.toISOString(),
          uncertain_since: s.uncertainSince?.toISOString(),
          absent_then_fail: s.absentThenFail,
          absent_before: s.absentBefore,
        },
      ]),
    ),
  );
  const ids = `{${settlements.map((s) => Math.trunc(s.id)).join(",")}}`;
  const result = await execRows<unknown>(
    db,
    sql`
    update job_row r set (
      state, error_code, error_message, error_status, provider_code, mailbox_id, verified,
      next_attempt_at, attempts, ambiguous_attempts, ambiguous_at, uncertain_since,
      absent_then_fail, absent_before, claimed_by, claimed_at, finished_at
    ) = (
      select
        v.state, v.error_code, v.error_message, v.error_status, v.provider_code,
        coalesce(v.mailbox_id, r.mailbox_id),
        coalesce(v.verified, r.verified),
        v.next_attempt_at,
        greatest(0, r.attempts + coalesce(v.attempts_delta, 0)),
        r.ambiguous_attempts + coalesce(v.ambiguous_delta, 0),
        coalesce(v.ambiguous_at, r.ambiguous_at),
        coalesce(r.uncertain_since, v.uncertain_since),
        coalesce(v.absent_then_fail, r.absent_then_fail),
        coalesce(v.absent_before, r.absent_before),
        null::text, null::timestamptz,
        case when v.state in ('created', 'failed', 'unconfirmed') then now() else null end
      from jsonb_to_record(${payload}::jsonb -> r.id::text) as v(
        state text, error_code text, error_message text, error_status int,
        provider_code text, mailbox_id text, verified boolean, next_attempt_at timestamptz,
        attempts_delta int, ambiguous_delta int, ambiguous_at timestamptz,
        uncertain_since timestamptz, absent_then_fail boolean, absent_before boolean)
    )
    where r.id = any(${ids}::bigint[])
      and r.claimed_by = ${runnerId} and r.state in ('sending', 'verifying')
    returning r.id`,
  );
  return result.length;
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
        isNull(jobRows.finishedAt),
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
        isNull(jobRows.finishedAt),
        inArray(jobRows.state, ["pending", "unknown", "check"]),
        sql`${jobRows.ambiguousAttempts} > 0`,
      ),
    );
}
