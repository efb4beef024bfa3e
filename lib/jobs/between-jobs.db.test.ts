import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { open } from "@/lib/crypto/secret-box";
import { jobs } from "@/lib/db/schema";
import { checkAgain } from "./check-again";
import { people, startRig, type Rig } from "@/lib/testing/job-rig";

/**
 * The gaps between jobs: an address is in flight in one job at a time, what one job created is
 * never claimed by another, and a retried row keeps the password its lost request carried.
 */
let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe.each(["zcom", "hybridbox"] as const)("%s", (provider) => {
  it("two jobs with the same addresses at once, under faults: each address is created by one job, and the other says which", async () => {
    rig = await startRig(provider, { listLagMs: 100 });
    await rig.faults({
      seed: 5,
      errorRate: 0.3,
      errorStatuses: [500, 502, 503],
      retryAfterSeconds: 0,
      resetAfterRate: 0.1,
    });
    await rig.runner.start();
    const list = people(80);
    const [a, b] = await Promise.all([rig.submit(list), rig.submit(list)]);
    await rig.waitUntilFinished(a, 90_000);
    await rig.waitUntilFinished(b, 90_000);
    const rows = [...(await rig.rows(a)), ...(await rig.rows(b))];
    expect(rows.filter((r) => !["created", "failed"].includes(r.state))).toEqual([]);

    const byAddress = new Map<string, typeof rows>();
    for (const r of rows) byAddress.set(r.address, [...(byAddress.get(r.address) ?? []), r]);
    for (const [address, pair] of byAddress) {
      const created = pair.filter((r) => r.state === "created");
      expect(
        created.map((r) => r.jobId),
        address,
      ).toHaveLength(1);
      const other = pair.find((r) => r.state !== "created")!;
      expect(other, address).toMatchObject({
        state: "failed",
        errorCode: "already_exists",
        heldByJob: created[0]!.jobId,
      });
    }
    const stats = await rig.stats();
    expect(Object.entries(stats.createsByAddress).filter(([, n]) => n > 1)).toEqual([]);
    const atProvider = (await rig.mailboxes(rows[0]!.address.split("@")[1]!)).sort();
    expect(atProvider).toEqual([...byAddress.keys()].sort());
    if (provider === "zcom") {
      // Every credential handed out opens its mailbox.
      for (const row of rows.filter((r) => r.state === "created")) {
        const password = open(row.passwordEnc!, rig.key, `${row.jobId}:${row.rowNo}`);
        expect(await rig.checkPassword(row.address, password), row.address).toBe(true);
      }
    }
  }, 120_000);

  it("a retry of rows whose answer was lost and could not be read takes them over: read first, original password kept", async () => {
    rig = await startRig(provider, { listLagMs: 50, bulkMax: 5 });
    // Every create is applied and its answer lost; then our credentials stop working, so the
    // lost answers cannot be read back: the first job stops with its rows unconfirmed.
    await rig.faults({
      seed: 3,
      resetAfterRate: 1,
      unauthorizedAfter: provider === "zcom" ? 8 : 3,
    });
    await rig.runner.start();
    const list = people(10);
    const first = await rig.submit(list);
    const firstJob = await rig.waitUntilFinished(first);
    expect(firstJob.state).toBe("stopped");
    const before = await rig.rows(first);
    const unconfirmed = before.filter((r) => r.state === "unconfirmed");
    expect(unconfirmed.length).toBeGreaterThan(0);
    const original = new Map(
      unconfirmed.map((r) => [
        r.address,
        r.passwordEnc ? open(r.passwordEnc, rig!.key, `${first}:${r.rowNo}`) : null,
      ]),
    );

    await rig.faults({});
    // The admin retries the failed rows: new passwords are generated for them in the page.
    const retry = await rig.submit(
      before.filter((r) => r.state !== "created").map((r) => ({ localPart: r.localPart })),
      undefined,
      { retryOf: first },
    );
    await rig.waitUntilFinished(retry);
    const after = await rig.rows(retry);
    for (const row of after.filter((r) => original.has(r.address))) {
      expect(row, row.address).toMatchObject({
        state: "created",
        verified: true,
        inheritedFrom: first,
      });
      if (provider === "zcom") {
        const password = open(row.passwordEnc!, rig.key, `${retry}:${row.rowNo}`);
        expect(password).toBe(original.get(row.address));
        expect(await rig.checkPassword(row.address, password)).toBe(true);
      }
    }
    const superseded = (await rig.rows(first)).filter((r) => r.supersededBy === retry);
    expect(superseded.map((r) => r.address).sort()).toEqual([...original.keys()].sort());
    expect(superseded.every((r) => r.passwordEnc === null)).toBe(true);
    const stats = await rig.stats();
    expect(Object.entries(stats.createsByAddress).filter(([, n]) => n > 1)).toEqual([]);
    const [retryJob] = await rig.db.select().from(jobs).where(eq(jobs.id, retry));
    expect(retryJob?.state).toBe("done");
  }, 120_000);

  it("Check again reads unconfirmed rows once more and settles them; nothing is sent", async () => {
    rig = await startRig(provider, { listLagMs: 50, bulkMax: 5 });
    await rig.faults({
      seed: 8,
      resetAfterRate: 1,
      unauthorizedAfter: provider === "zcom" ? 6 : 3,
    });
    await rig.runner.start();
    const jobId = await rig.submit(people(8, "again"));
    await rig.waitUntilFinished(jobId);
    const before = await rig.rows(jobId);
    const unconfirmed = before.filter((r) => r.state === "unconfirmed");
    expect(unconfirmed.length).toBeGreaterThan(0);
    // Absent rows (never sent) failed, not unconfirmed: only a lost answer makes a row unsure.
    expect(before.filter((r) => r.state === "unconfirmed" && r.ambiguousAttempts === 0)).toEqual(
      [],
    );
    await rig.faults({});
    const attemptsBefore = (await rig.stats()).createAttemptsTotal;
    expect(await checkAgain(rig.db, jobId)).toEqual({ ok: true, rows: unconfirmed.length });
    rig.runner.wake();
    const job = await rig.waitUntilFinished(jobId);
    expect(job.finishedAt).not.toBeNull();
    const after = await rig.rows(jobId);
    for (const row of after.filter((r) => unconfirmed.some((u) => u.id === r.id))) {
      // Every create of the first run was applied (only its answer was lost): all exist.
      expect(row, row.address).toMatchObject({ state: "created", verified: true });
    }
    expect((await rig.stats()).createAttemptsTotal).toBe(attemptsBefore);
    expect(await checkAgain(rig.db, jobId)).toMatchObject({ ok: false, status: 409 });
  }, 120_000);
});
