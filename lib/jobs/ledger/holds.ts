import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { open, seal } from "@/lib/crypto/secret-box";
import { execRows } from "@/lib/db/exec";
import type { Db } from "@/lib/db/open";
import type { Job } from "./types";

/**
 * One job at a time works an address. A row may send a create, or be settled as created by a
 * read, only while it holds its address (`address_hold`). So two jobs with the same address never
 * both send, and what one job created is never claimed by another: the second job's row waits,
 * then reads the address before its first send (found → it already exists, and says which job
 * made it). A hold is released when its row ends (a database trigger), except a creation's
 * unconfirmed row (the mailbox may exist from it); a released hold is free again only after the
 * provider's list lag, so the next creation's read sees the mailbox the last job made.
 *
 * A creation's row takes its address with its first claim (`holdsForClaim`), not before the job
 * starts: the job's read of the domain (`job.read_from`) is the evidence that the address was
 * free, so a hold released after that read less a lag is not taken, and released holds are not
 * pruned while a job that read before them may still claim (pruneHolds).
 *
 * Jobs that change mailboxes (delete, reset passwords, edit names) hold their addresses the same
 * way: a second password reset of a mailbox sends nothing until the first one's row has ended,
 * or the first one's late request (its answer lost, sent again) could replace the second's
 * password after the second had handed it out. They find their mailboxes by id, so they need no
 * list lag, and a waiting row of theirs simply becomes due again when it gets its address.
 */

/**
 * The ON CONFLICT condition under which a row (`excluded`) takes an address held before (`h`):
 * it is the row's own, or it was released a list's lag before the read (a creation's; `readFrom`,
 * else now). Jobs that change mailboxes find them by id, and need no lag.
 */
function holdIsFree(job: Job, listLagMs: number, readFrom?: Date | null) {
  const from = readFrom ? sql`least(now(), ${readFrom.toISOString()}::timestamptz)` : sql`now()`;
  const lagMs = job.kind === "create" ? listLagMs : 0;
  return sql`h.row_id = excluded.row_id
    or (h.released_at is not null
        and h.released_at <= ${from} - make_interval(secs => ${lagMs / 1000}))`;
}

/**
 * Inserts the holds `rows` selects (provider, domain id, address, job id, row id) and returns the
 * `row_id` of each taken: new, or held before and `free`. Every statement takes addresses in one
 * order (by address), so two of them that share addresses wait for each other, not deadlock.
 */
function takeHolds(rows: SQL, free: SQL) {
  return sql`
    insert into address_hold as h (provider, domain_id, address, job_id, row_id)
    ${rows}
    order by 3
    on conflict (provider, domain_id, address) do update
      set job_id = excluded.job_id, row_id = excluded.row_id, held_at = now(), released_at = null
      where ${free}
    returning h.row_id`;
}

/**
 * What a row `r` whose address another job's row `o` holds (`h`) becomes: it waits for it, or,
 * when that row is unconfirmed, ends (that job must settle it first).
 */
const heldElsewhere = sql`
      state = case when o.state = 'unconfirmed' then 'failed' else 'waiting' end,
      held_by_job = h.job_id,
      error_code = case when o.state = 'unconfirmed' then 'held_by_job' else null end,
      error_message = case when o.state = 'unconfirmed'
        then 'Not sent: another job sent this address, lost the answer, and could not confirm whether it was created. Check it again in that job first.'
        else null end,
      finished_at = case when o.state = 'unconfirmed' then now() else null end`;

/**
 * For a claim of rows to send (the CTE `picked`: their `id` and `address`): `taken` takes the
 * address of each that is free or already its own (its `row_id`s: only those are claimed), and
 * `others` makes the rest wait for (or end behind) the job that holds it. A hold another
 * transaction took while this one ran is seen by the insert but not by `others` (the statement's
 * snapshot): such a row stays pending, and the next claim finds the hold.
 */
export function holdsForClaim(job: Job, listLagMs: number) {
  const taken = takeHolds(
    sql`select ${job.provider}, ${job.domainId}, lower(p.address), ${job.id}, p.id from picked p`,
    holdIsFree(job, listLagMs, job.readFrom),
  );
  const others = sql`
    update job_row r set ${heldElsewhere}
    from picked p
      join address_hold h on h.provider = ${job.provider} and h.domain_id = ${job.domainId}
        and h.address = lower(p.address)
      join job_row o on o.id = h.row_id
    where r.id = p.id and h.row_id <> p.id and p.id not in (select row_id from taken)
    returning r.id`;
  return { taken, others };
}

/**
 * Takes the address of each of the job's rows in `state` that is free (or already this row's),
 * and returns how many were taken: a job that changes mailboxes before it starts, and rows that
 * waited for another job (a creation's then read the address again before their first send).
 * Rows that did not get theirs wait; rows whose address is held by an unconfirmed row of another
 * job end: that job must settle it first.
 *
 * A released hold is free a list's lag after its release: a read made then shows any mailbox
 * the hold's last job made. No hold at all means no job of ours worked the address for over an
 * hour (pruneHolds), which any read shows too.
 */
export async function acquireHolds(
  db: Db,
  job: Job,
  state: "pending" | "waiting",
  listLagMs: number,
): Promise<{ acquired: number; waiting: number; blocked: number }> {
  const creates = job.kind === "create";
  // One statement: the holds, the waiting rows that got theirs, and the count to compare with
  // (of the rows as they were before it). The held row ids stay in the database: returning
  // 10,000 of them to be counted cost a tenth of the preflight.
  const [counts] = await execRows<{ acquired: number; total: number }>(
    db,
    sql`
    with taken as (${takeHolds(
      sql`select ${job.provider}, ${job.domainId}, lower(r.address), r.job_id, r.id
      from job_row r where r.job_id = ${job.id} and r.finished_at is null and r.state = ${state}`,
      holdIsFree(job, listLagMs),
    )})${
      state === "waiting"
        ? // Got it: a creation reads the address before its first send (another job may have just
          // made it); a change is due again.
          sql`, checked as (
      update job_row set state = ${creates ? "check" : "pending"}, next_attempt_at = null,
        held_by_job = null
      where id in (select row_id from taken) and state = 'waiting')`
        : sql``
    }
    select (select count(*) from taken)::int as acquired,
      (select count(*) from job_row where job_id = ${job.id} and finished_at is null
        and state = ${state})::int as total`,
  );
  const acquired = counts?.acquired ?? 0;
  // Usually every row got its address: then there is nothing more to do.
  if (acquired === (counts?.total ?? 0)) return { acquired, waiting: 0, blocked: 0 };
  const others = await execRows<{ state: string }>(
    db,
    sql`
    update job_row r set ${heldElsewhere}
    from address_hold h join job_row o on o.id = h.row_id
    where r.job_id = ${job.id} and r.finished_at is null and r.state = ${state}
      and not exists (select 1 from address_hold mine where mine.row_id = r.id
                      and mine.released_at is null)
      and h.provider = ${job.provider} and h.domain_id = ${job.domainId}
      and h.address = lower(r.address) and h.row_id <> r.id
    returning r.state`,
  );
  return {
    acquired,
    waiting: others.filter((r) => r.state === "waiting").length,
    blocked: others.filter((r) => r.state === "failed").length,
  };
}

/**
 * A retry of job A, for an address whose row in A is unconfirmed (its answer was lost, and it
 * could not be read): the retry's row takes that row over instead of starting afresh. It takes
 * A's hold, A's evidence (lost answers, absent before the first send) and A's password — the one
 * the lost request carried, so the one that opens the mailbox if it was made — and is read before
 * anything is sent. A's row points to the retry (`superseded_by`) and gives up its password copy.
 */
export async function inheritFromRetried(
  db: Db,
  key: Uint8Array,
  job: Job,
  state: "pending" | "waiting",
): Promise<number> {
  if (!job.retryOf) return 0;
  const pairs = await execRows<{
    id: number;
    row_no: number;
    old_id: number;
    old_job: string;
    old_row_no: number;
    old_password: string | null;
    old_generated: boolean;
  }>(
    db,
    sql`
    select r.id, r.row_no, o.id as old_id, o.job_id as old_job, o.row_no as old_row_no,
      o.password_enc as old_password, o.password_generated as old_generated
    from job_row r
    join address_hold h on h.provider = ${job.provider} and h.domain_id = ${job.domainId}
      and h.address = lower(r.address) and h.released_at is null
    join job_row o on o.id = h.row_id
    where r.job_id = ${job.id} and r.finished_at is null and r.state = ${state}
      and o.job_id = ${job.retryOf} and o.state = 'unconfirmed' and o.superseded_by is null`,
  );
  for (const p of pairs) {
    const password = p.old_password
      ? seal(
          open(p.old_password, key, `${p.old_job}:${p.old_row_no}`),
          key,
          `${job.id}:${p.row_no}`,
        )
      : null;
    await db.transaction(async (tx) => {
      const moved = await execRows<unknown>(
        tx,
        sql`
        update address_hold set job_id = ${job.id}, row_id = ${p.id}, held_at = now()
        where row_id = ${p.old_id} and released_at is null returning row_id`,
      );
      if (moved.length === 0) return;
      await tx.execute(sql`
        update job_row r set state = 'unknown', inherited_from = ${p.old_job},
          ambiguous_attempts = o.ambiguous_attempts, ambiguous_at = o.ambiguous_at,
          absent_before = o.absent_before, absent_then_fail = o.absent_then_fail,
          error_code = o.error_code, error_message = o.error_message,
          error_status = o.error_status, provider_code = o.provider_code,
          uncertain_since = now(), next_attempt_at = null,
          password_enc = coalesce(${password}, r.password_enc),
          password_generated = case when ${password}::text is null then r.password_generated
                                    else ${p.old_generated} end,
          password_lost = ${password}::text is null and o.password_purged_at is not null
        from job_row o where r.id = ${p.id} and o.id = ${p.old_id}`);
      await tx.execute(sql`
        update job_row set superseded_by = ${job.id}, password_enc = null,
          password_purged_at = case when password_enc is not null then now() else password_purged_at end
        where id = ${p.old_id}`);
    });
  }
  return pairs.length;
}

/**
 * Released holds older than the lag are the same as none: keep the table small. Not one released
 * less than a lag before the read of a creation that has not finished: its rows take their
 * addresses when they are first claimed, maybe hours after that read, and such a hold is what
 * tells them the read may not show the mailbox.
 */
export async function pruneHolds(db: Db, listLagMs: number): Promise<void> {
  const lag = sql`make_interval(secs => ${listLagMs / 1000})`;
  await db.execute(sql`
    delete from address_hold
    where released_at is not null
      and released_at < now() - ${lag} - interval '1 hour'
      and released_at < coalesce(
        (select min(read_from) from job where finished_at is null and kind = 'create'),
        'infinity') - ${lag}`);
}

/**
 * Rows that failed because the address exists: name the job that made it, when one of ours did
 * (the page links to it).
 */
export async function linkCreators(db: Db, jobId: string): Promise<void> {
  await db.execute(sql`
    update job_row r set held_by_job = (
      select o.job_id from job_row o join job oj on oj.id = o.job_id
      where oj.kind = 'create' and oj.provider = j.provider and oj.domain_id = j.domain_id
        and o.address = r.address
        and o.state = 'created' and o.job_id <> r.job_id
      order by o.finished_at desc limit 1)
    from job j
    where j.id = r.job_id and r.job_id = ${jobId} and r.state = 'failed'
      and r.error_code = 'already_exists' and r.held_by_job is null`);
}
