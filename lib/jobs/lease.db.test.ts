import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRows, runners } from "@/lib/db/schema";
import { heartbeat, reclaimStale, registerRunner } from "./ledger/leases";
import { claimRows } from "./ledger/rows";
import { people, startRig, submitJob, type Rig } from "@/lib/testing/job-rig";

/**
 * Leases: a runner that stops beating loses its claims to another, and finds out at its next
 * heartbeat, before it sends anything it had claimed.
 */
describe("runner leases", () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig("zcom", { listLagMs: 2_000 });
  });
  afterAll(async () => {
    await rig.close();
  });

  it("a stale runner's rows in flight become unknown (read after the lag), and its heartbeat then fails", async () => {
    const { db } = rig;
    const jobId = await submitJob(
      { db, key: rig.key, provider: rig.provider, providerId: "zcom" },
      people(3, "lease"),
    );
    await db.execute(sql`update job set state = 'running' where id = ${jobId}`);
    const dead = randomUUID();
    const alive = randomUUID();
    await registerRunner(db, dead, "host-a", 1);
    await registerRunner(db, alive, "host-b", 2);
    const claimed = await claimRows(db, dead, "zcom", "send", 2, 10_000);
    expect(claimed?.rows).toHaveLength(2);
    expect(await heartbeat(db, dead)).toBe(true);

    // Nothing is stale yet.
    expect(await reclaimStale(db, 60_000, 2_000)).toEqual({ rows: 0, jobs: 0 });
    await db
      .update(runners)
      .set({ heartbeatAt: new Date(Date.now() - 120_000) })
      .where(eq(runners.id, dead));
    const before = Date.now();
    expect(await reclaimStale(db, 60_000, 2_000)).toEqual({ rows: 2, jobs: 0 });

    const rows = await db.select().from(jobRows).where(eq(jobRows.jobId, jobId));
    const reclaimed = rows.filter((r) => r.state === "unknown");
    expect(reclaimed).toHaveLength(2);
    for (const r of reclaimed) {
      expect(r.ambiguousAttempts).toBe(1);
      expect(r.claimedBy).toBeNull();
      // Read no sooner than the list's lag: a create sent just before the crash may not show yet.
      expect(r.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before + 2_000 - 1_000);
    }
    // The stale runner wakes up: its lease is gone, and the live one's is not.
    expect(await heartbeat(db, dead)).toBe(false);
    expect(await heartbeat(db, alive)).toBe(true);
  });
});
