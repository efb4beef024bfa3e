import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRows, jobs } from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { LEDGER_ONLY_PROVIDER, people, submitJob } from "@/lib/testing/job-rig";
import { acquireHolds } from "./holds";

// The preflight takes its holds while it reads the domain: a hold another job released is taken
// over only when that read shows what the other job made (released a list's lag before the read).
describe("taking over a released hold", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  const provider = LEDGER_ONLY_PROVIDER;
  const LAG_MS = 10_000;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  async function job(list: ReturnType<typeof people>) {
    const { db } = database;
    const id = await submitJob(
      { db, key: randomBytes(32), provider, providerId: "hybridbox" },
      list,
    );
    const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
    return row!;
  }

  /** Job A held the address, made the mailbox and let go `agoMs` ago; job B wants it now. */
  async function releasedAgo(agoMs: number) {
    const { db } = database;
    const list = people(1, `h${Math.random().toString(36).slice(2, 8)}`);
    const a = await job(list);
    await acquireHolds(db, a, "pending", LAG_MS);
    await db.update(jobRows).set({ state: "created" }).where(eq(jobRows.jobId, a.id));
    await db.execute(sql`
      update address_hold set released_at = now() - make_interval(secs => ${agoMs / 1000})
      where job_id = ${a.id}`);
    return job(list);
  }

  const stateOf = async (jobId: string) =>
    (await database.db.select().from(jobRows).where(eq(jobRows.jobId, jobId)))[0]!.state;

  // The read began a lag ago. Released 2.5 lags ago: the read shows the mailbox, taken.
  // Released 1.5 lags ago: a lag before now, but the read may not show it, so the row waits.
  it.each([
    { releasedLags: 2.5, acquired: 1, state: "pending" },
    { releasedLags: 1.5, acquired: 0, state: "waiting" },
  ])(
    "released $releasedLags lags ago, the read begun a lag ago: the row is $state",
    async ({ releasedLags, acquired, state }) => {
      const b = await releasedAgo(releasedLags * LAG_MS);
      const readFrom = new Date(Date.now() - LAG_MS);
      expect(await acquireHolds(database.db, b, "pending", LAG_MS, readFrom)).toMatchObject({
        acquired,
        waiting: 1 - acquired,
      });
      expect(await stateOf(b.id)).toBe(state);
    },
  );

  it("with no read under way, a lag after the release is enough", async () => {
    const b = await releasedAgo(1.5 * LAG_MS);
    expect(await acquireHolds(database.db, b, "pending", LAG_MS)).toMatchObject({ acquired: 1 });
  });
});
