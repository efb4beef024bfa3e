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

  it("released a lag before the read began: taken, the read shows the mailbox", async () => {
    const b = await releasedAgo(2.5 * LAG_MS);
    const readFrom = new Date(Date.now() - LAG_MS);
    expect(await acquireHolds(database.db, b, "pending", LAG_MS, readFrom)).toMatchObject({
      acquired: 1,
      waiting: 0,
    });
    expect(await stateOf(b.id)).toBe("pending");
  });

  it("released a lag before now but not before the read began: the row waits", async () => {
    const b = await releasedAgo(1.5 * LAG_MS);
    // Taken a lag after its release, but the read that began a lag ago may not show the mailbox.
    const readFrom = new Date(Date.now() - LAG_MS);
    expect(await acquireHolds(database.db, b, "pending", LAG_MS, readFrom)).toMatchObject({
      acquired: 0,
      waiting: 1,
    });
    expect(await stateOf(b.id)).toBe("waiting");
  });

  it("with no read under way, a lag after the release is enough", async () => {
    const b = await releasedAgo(1.5 * LAG_MS);
    expect(await acquireHolds(database.db, b, "pending", LAG_MS)).toMatchObject({ acquired: 1 });
  });
});
