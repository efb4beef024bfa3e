import { afterEach, describe, expect, it } from "vitest";
import { EMPTY_DOMAIN, people, startRig, type Rig } from "@/lib/testing/job-rig";

/**
 * The concurrency cap counts every request the runner makes, reads included: the preflight, the
 * read-back of lost answers and the direct lookups all pass the same gate as the creates. (It
 * counted only sends; with a Hybridbox cap of 2 the provider saw 5 requests at once.)
 */
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe.each(["zcom", "hybridbox"] as const)("%s", (provider) => {
  it("never has more requests in flight at the provider than the cap, reads included", async () => {
    rig = await startRig(provider, {
      listLagMs: 30,
      bulkMax: 4,
      runner: { concurrency: { zcom: 2, hybridbox: 2 } },
    });
    await rig.faults({ seed: 11, latencyMs: 15, jitterMs: 10, resetAfterRate: 0.35 });
    await rig.runner.start();
    // Three jobs at once: one job's preflight and read-backs overlap the others' creates.
    const lists = ["capa", "capb", "capc"].map((prefix) => people(30, prefix));
    const jobIds = await Promise.all(lists.map((list) => rig!.submit(list)));
    for (const [i, jobId] of jobIds.entries()) {
      await rig.waitUntilFinished(jobId, 90_000);
      // The other jobs' mailboxes are not this job's to account for.
      const others = lists
        .filter((_, j) => j !== i)
        .flat()
        .map((p) => `${p.localPart}@${EMPTY_DOMAIN[provider]}`);
      await rig.expectInvariants(jobId, lists[i]!.length, others);
    }
    const stats = await rig.stats();
    // Reads happened (lost answers were read back), and still never more than 2 at once.
    expect(stats.requestsTotal).toBeGreaterThan(
      stats.createAttemptsTotal / (provider === "zcom" ? 1 : 4),
    );
    expect(stats.inFlightPeak).toBeLessThanOrEqual(2);
  }, 120_000);
});
