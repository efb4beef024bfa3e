import { randomBytes } from "node:crypto";
import { eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execRows } from "@/lib/db/exec";
import { jobRows, jobs } from "@/lib/db/schema";
import type { MailProvider } from "@/lib/providers/types";
import { preflight } from "@/lib/jobs/runner/preflight";
import { openTestDatabase } from "@/lib/testing/test-database";
import { LEDGER_ONLY_PROVIDER, people, submitJob } from "@/lib/testing/job-rig";
import { acquireHolds, pruneHolds } from "./holds";
import { claimRows } from "./rows";

const provider = LEDGER_ONLY_PROVIDER;
const LAG_MS = 10_000;
let database: Awaited<ReturnType<typeof openTestDatabase>>;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const submit = (list: ReturnType<typeof people>) =>
  submitJob({ db: database.db, key: randomBytes(32), provider, providerId: "hybridbox" }, list);

const jobOf = async (id: string) =>
  (await database.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

// A row that waited for another job takes the address once that job let go of it a list's lag
// ago: a read then shows what that job made (and a creation's row reads before its first send).
describe("taking over a released hold", () => {
  /** Job A held the address, made the mailbox and let go `agoMs` ago; job B wants it now. */
  async function releasedAgo(agoMs: number) {
    const { db } = database;
    const list = people(1, `h${Math.random().toString(36).slice(2, 8)}`);
    const a = await jobOf(await submit(list));
    await acquireHolds(db, a, "pending", LAG_MS);
    await db.update(jobRows).set({ state: "created" }).where(eq(jobRows.jobId, a.id));
    await db.execute(sql`
      update address_hold set released_at = now() - make_interval(secs => ${agoMs / 1000})
      where job_id = ${a.id}`);
    return jobOf(await submit(list));
  }

  const stateOf = async (jobId: string) =>
    (await database.db.select().from(jobRows).where(eq(jobRows.jobId, jobId)))[0]!.state;

  it.each([
    { releasedLags: 1.5, acquired: 1, state: "pending" },
    { releasedLags: 0.5, acquired: 0, state: "waiting" },
  ])(
    "released $releasedLags lags ago: the row is $state",
    async ({ releasedLags, acquired, state }) => {
      const b = await releasedAgo(releasedLags * LAG_MS);
      expect(await acquireHolds(database.db, b, "pending", LAG_MS)).toMatchObject({
        acquired,
        waiting: 1 - acquired,
      });
      expect(await stateOf(b.id)).toBe(state);
    },
  );
});

// A creation's row takes its address with its first claim, which may come long after the job's
// read of the domain: whether another job's release is old enough counts from that read.
describe("taking the address with the first claim", () => {
  const ago = (ms: number) => new Date(Date.now() - ms);

  /** Job A held the address; its row ended as `endedAs`, released `releasedAgoMs` ago. */
  async function heldBefore(
    list: ReturnType<typeof people>,
    endedAs: "created" | "unconfirmed" | "sending",
    releasedAgoMs: number | null,
  ) {
    const { db } = database;
    const a = await submit(list);
    await acquireHolds(db, await jobOf(a), "pending", LAG_MS);
    await db
      .update(jobRows)
      .set({ state: endedAs, finishedAt: endedAs === "sending" ? null : new Date() })
      .where(eq(jobRows.jobId, a));
    if (releasedAgoMs !== null) {
      await db.execute(sql`
        update address_hold set released_at = now() - make_interval(secs => ${releasedAgoMs / 1000})
        where job_id = ${a}`);
    }
    return a;
  }

  /** Job B, started after a read begun `readAgoMs` ago, the only running job: its claim. */
  async function claimAfterRead(list: ReturnType<typeof people>, readAgoMs: number) {
    const { db } = database;
    const b = await submit(list);
    await db.update(jobs).set({ state: "stopped" }).where(eq(jobs.state, "running"));
    await db
      .update(jobs)
      .set({ state: "running", readFrom: ago(readAgoMs) })
      .where(eq(jobs.id, b));
    const claimed = await claimRows(db, "r1", "hybridbox", "send", 100, LAG_MS);
    const [row] = await db.select().from(jobRows).where(eq(jobRows.jobId, b));
    return { b, claimed: claimed?.rows.length ?? 0, row: row! };
  }

  const list = () => people(1, `c${Math.random().toString(36).slice(2, 8)}`);

  const holdsOf = async (jobId: string) =>
    (await execRows(database.db, sql`select 1 from address_hold where job_id = ${jobId}`)).length;

  // Taking every row's address before the first send kept every slot idle while it ran.
  it("the read before sending takes no address and keeps when it began; the claim takes it", async () => {
    const { db } = database;
    const b = await submit(people(3, `p${Math.random().toString(36).slice(2, 8)}`));
    const empty = {
      ...provider,
      async *scanMailboxes() {
        yield [];
      },
    } as unknown as MailProvider;
    const before = Date.now();
    const found = await preflight(db, randomBytes(32), empty, await jobOf(b), {
      readWaitBudgetMs: 1_000,
    });
    expect(found).toMatchObject({ existing: 0 });
    expect(Math.abs(found.readFrom.getTime() - before)).toBeLessThan(5_000);
    expect(await holdsOf(b)).toBe(0);
    await db.update(jobs).set({ state: "stopped" }).where(eq(jobs.state, "running"));
    await db.update(jobs).set({ state: "running", readFrom: found.readFrom }).where(eq(jobs.id, b));
    expect((await claimRows(db, "r1", "hybridbox", "send", 2, LAG_MS))?.rows).toHaveLength(2);
    expect(await holdsOf(b)).toBe(2);
  });

  // The read began 3 lags ago; A let go 2.5 lags ago, half a lag after the read began: the read
  // may not show what A made, though the release is older than a lag. The row waits for A.
  it("a hold released after the job's read less a lag is not taken: the row waits", async () => {
    const people1 = list();
    const a = await heldBefore(people1, "created", 2.5 * LAG_MS);
    const { claimed, row } = await claimAfterRead(people1, 3 * LAG_MS);
    expect(claimed).toBe(0);
    expect(row).toMatchObject({ state: "waiting", heldByJob: a, finishedAt: null });
  });

  it("a hold released a lag before the job's read began is taken with the claim", async () => {
    const people1 = list();
    await heldBefore(people1, "created", 4.5 * LAG_MS);
    const { claimed, row } = await claimAfterRead(people1, 3 * LAG_MS);
    expect(claimed).toBe(1);
    expect(row).toMatchObject({ state: "sending", absentBefore: true });
  });

  it("an address another job still works: the row waits, nothing is claimed", async () => {
    const people1 = list();
    const a = await heldBefore(people1, "sending", null);
    const { claimed, row } = await claimAfterRead(people1, 0);
    expect(claimed).toBe(0);
    expect(row).toMatchObject({ state: "waiting", heldByJob: a });
  });

  // The rows picked first wait; the claim looks again and takes the ones behind them, rather
  // than finding nothing until the next poll.
  it("rows picked first that must wait do not hide the rows behind them", async () => {
    const { db } = database;
    const all = people(4, `w${Math.random().toString(36).slice(2, 8)}`);
    await heldBefore(all.slice(0, 2), "sending", null);
    const b = await submit(all);
    await db.update(jobs).set({ state: "stopped" }).where(eq(jobs.state, "running"));
    await db.update(jobs).set({ state: "running", readFrom: new Date() }).where(eq(jobs.id, b));
    const claimed = await claimRows(db, "r1", "hybridbox", "send", 2, LAG_MS);
    expect(claimed?.rows.map((r) => r.rowNo)).toEqual([2, 3]); // numbered from 0
    const states = await db
      .select({ state: jobRows.state })
      .from(jobRows)
      .where(eq(jobRows.jobId, b));
    expect(states.map((r) => r.state).sort()).toEqual(["sending", "sending", "waiting", "waiting"]);
  });

  it("an address another job left unconfirmed: the row ends, naming that job", async () => {
    const people1 = list();
    const a = await heldBefore(people1, "unconfirmed", null);
    const { claimed, row } = await claimAfterRead(people1, 0);
    expect(claimed).toBe(0);
    expect(row).toMatchObject({ state: "failed", errorCode: "held_by_job", heldByJob: a });
    expect(row.finishedAt).not.toBeNull();
  });

  // Released holds are pruned an hour after the lag, but not while a creation that read before
  // the release may still claim the address: without the hold its row would take it as free.
  it("keeps a released hold while an unfinished creation read before it", async () => {
    const { db } = database;
    const people1 = list();
    const twoHours = 2 * 3_600_000;
    await db.update(jobs).set({ finishedAt: new Date() }).where(isNull(jobs.finishedAt));
    const a = await heldBefore(people1, "created", twoHours);
    const b = await submit(people1);
    await db
      .update(jobs)
      .set({ state: "running", readFrom: ago(twoHours + 2 * LAG_MS) })
      .where(eq(jobs.id, b));
    await pruneHolds(db, LAG_MS);
    expect(await holdsOf(a)).toBe(1);
    await db.update(jobs).set({ finishedAt: new Date() }).where(eq(jobs.id, b));
    await pruneHolds(db, LAG_MS);
    expect(await holdsOf(a)).toBe(0);
  });
});
