import { afterEach, describe, expect, it } from "vitest";
import { people, startRig, type Rig } from "@/lib/testing/job-rig";

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe.each(["zcom", "hybridbox"] as const)("the runner on %s", (provider) => {
  it("creates every row, fails rows that already exist without sending them, and finishes", async () => {
    rig = await startRig(provider);
    await rig.runner.start();
    const before = await rig.submit(people(3, "pre"));
    await rig.waitUntilFinished(before, 8_000);
    const existing = (await rig.rows(before)).map((r) => r.address);

    const list = [...people(3, "pre"), ...people(40)];
    const jobId = await rig.submit(list);
    const job = await rig.waitUntilFinished(jobId);
    expect(job.state).toBe("done");
    const rows = await rig.expectInvariants(jobId, list.length, existing);
    const failed = rows.filter((r) => r.state === "failed");
    expect(failed.map((r) => r.localPart)).toEqual(["pre0001-x", "pre0002-x", "pre0003-x"]);
    expect(failed[0]?.errorCode).toBe("already_exists");
    expect(failed[0]?.errorMessage).toMatch(/found before sending/);
    // …and names the job that made them; every row that was sent had been read absent first.
    expect(failed.every((r) => r.heldByJob === before)).toBe(true);
    expect(rows.filter((r) => r.state === "created").every((r) => r.absentBefore)).toBe(true);
    expect(rows.filter((r) => r.state === "created")).toHaveLength(40);
    const stats = await rig.stats();
    // The three existing addresses were never sent.
    expect(Object.keys(stats.createsByAddress).filter((a) => a.startsWith("pre"))).toHaveLength(3);
  });
});

describe("rate limits", () => {
  it.each(["seconds", "http-date"] as const)(
    "a provider answering 429 (Retry-After in %s) is paused as told, not hammered",
    async (retryAfterFormat) => {
      rig = await startRig("zcom", { runner: { concurrency: { zcom: 8, hybridbox: 2 } } });
      await rig.faults({ ratePerSecond: 40, retryAfterSeconds: 1, retryAfterFormat, scope: "all" });
      await rig.runner.start();
      const started = Date.now();
      const jobId = await rig.submit(people(120));
      await rig.waitUntilFinished(jobId);
      await rig.expectInvariants(jobId, 120);
      const stats = await rig.stats();
      // 120 creates at 40/s take about three seconds; each 429 paused every slot for a second,
      // so only the requests already out when the limit hit were refused.
      expect(Date.now() - started).toBeGreaterThan(2_000);
      expect(stats.limited.status429).toBeGreaterThan(0);
      expect(stats.limited.status429).toBeLessThanOrEqual(4 * 8);
    },
    60_000,
  );
});
