import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobRows, type RowState } from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { LEDGER_ONLY_PROVIDER, people, runningLedgerJob } from "@/lib/testing/job-rig";
import { ClaimQueue, READ_RECHECK_MS } from "./claim-queue";

// The queue claims the next units before it runs dry, and a claim that was out while the queue
// was released never leaves rows claimed that no one will send.
describe("the claim-ahead queue", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  const provider = LEDGER_ONLY_PROVIDER;
  const policy = { listLagMs: 10_000 };
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  const runningJob = (rows: number) =>
    runningLedgerJob(database.db, people(rows, `q${Math.random().toString(36).slice(2, 8)}`));

  async function count(jobId: string, state: RowState) {
    const [row] = await database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(jobRows)
      .where(and(eq(jobRows.jobId, jobId), eq(jobRows.state, state)));
    return row!.n;
  }

  // Two slots, one unit per slot claimed at a time: 200 rows a claim.
  const newQueue = () => new ClaimQueue(database.db, { verifyBatch: 1_000, prefetch: 1, policy });

  it("claims the next units when less than one per slot is left, before it runs dry", async () => {
    const jobId = await runningJob(1_000);
    const queue = newQueue();
    const first = await queue.next("r1", "hybridbox", provider, 2);
    expect(first?.rows).toHaveLength(100);
    await queue.settled();
    // One unit handed out, one queued, and the next claim made while it still waits.
    expect(await count(jobId, "sending")).toBe(400);
    const units = [first];
    for (let i = 0; i < 9; i++) units.push(await queue.next("r1", "hybridbox", provider, 2));
    await queue.settled();
    const rowNos = units.flatMap((u) => u!.rows.map((r) => r.rowNo));
    expect(new Set(rowNos).size).toBe(1_000);
    expect(await count(jobId, "sending")).toBe(1_000);
    expect(await queue.next("r1", "hybridbox", provider, 2)).toBeUndefined();
  });

  it("starts with one round, then claims ahead while a whole claim is still queued", async () => {
    const jobId = await runningJob(3_000);
    // Two slots, four units per slot a claim: 800 rows a claim, the next when fewer than 8 units
    // are left.
    const queue = new ClaimQueue(database.db, { verifyBatch: 1_000, prefetch: 4, policy });
    const first = await queue.next("r1", "hybridbox", provider, 2);
    // Nothing was queued: one round (a unit per slot) is claimed, so the slots start at once,
    // and a whole claim is made while they are out.
    expect(first?.rows.map((r) => r.rowNo)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    await queue.settled();
    expect(await count(jobId, "sending")).toBe(200 + 800);
    // 9 units queued: one more is handed out with no claim (8 left is a whole claim)...
    await queue.next("r1", "hybridbox", provider, 2);
    await queue.settled();
    expect(await count(jobId, "sending")).toBe(1_000);
    // ...and the next one leaves 7: the next claim goes out while they are still queued.
    await queue.next("r1", "hybridbox", provider, 2);
    await queue.settled();
    expect(await count(jobId, "sending")).toBe(1_800);
  });

  it("rows whose answer was lost are read before the sends already queued", async () => {
    const jobId = await runningJob(1_000);
    const queue = newQueue();
    await queue.next("r1", "hybridbox", provider, 2);
    await queue.settled();
    // Rows not claimed yet, whose answer (say, of an earlier attempt) was lost.
    const lost = await database.db
      .update(jobRows)
      .set({ state: "unknown", ambiguousAttempts: 1 })
      .where(and(eq(jobRows.jobId, jobId), sql`${jobRows.rowNo} > 900`))
      .returning({ id: jobRows.id });
    // As when this runner's settlement wrote them back (another process's: the next test).
    queue.changed();
    // Three units queued: the next claim is made when one is left, and reads first.
    for (let i = 0; i < 2; i++) {
      expect((await queue.next("r1", "hybridbox", provider, 2))?.kind).toBe("send");
    }
    await queue.settled();
    const read = await queue.next("r1", "hybridbox", provider, 2);
    expect(read?.kind).toBe("verify");
    expect(read?.rows.map((r) => r.id).sort()).toEqual(lost.map((r) => r.id).sort());
  });

  it("a claim that found nothing is not made again until rows may have become due", async () => {
    const jobId = await runningJob(200);
    // The loop's own poll is two minutes here: only changed() may bring a claim sooner.
    const queue = new ClaimQueue(database.db, {
      verifyBatch: 1_000,
      prefetch: 1,
      idleMs: 120_000,
      policy,
    });
    const units = [
      await queue.next("r1", "hybridbox", provider, 2),
      await queue.next("r1", "hybridbox", provider, 2),
    ];
    await queue.settled();
    expect(units.map((u) => u?.rows.length)).toEqual([100, 100]);
    // Nothing is due: the claim finds nothing, and the next slot does not ask again.
    expect(await queue.next("r1", "hybridbox", provider, 2)).toBeUndefined();
    await database.db
      .update(jobRows)
      .set({ state: "pending", claimedBy: null })
      .where(and(eq(jobRows.jobId, jobId), sql`${jobRows.rowNo} < 10`));
    expect(await queue.next("r1", "hybridbox", provider, 2)).toBeUndefined();
    expect(await count(jobId, "pending")).toBe(10);
    // Something here may have made rows due (a settlement written back as due): asked at once.
    queue.changed();
    const again = await queue.next("r1", "hybridbox", provider, 2);
    expect(again?.rows.map((r) => r.rowNo)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });

  it("asks for rows to read at most once a second, unless something here may have made some", async () => {
    const jobId = await runningJob(2_000);
    // A unit per slot a claim: every unit handed out asks for the next claim.
    const queue = new ClaimQueue(database.db, {
      verifyBatch: 1_000,
      prefetch: 1,
      idleMs: 120_000,
      policy,
    });
    const kinds = async () => (await queue.next("r1", "hybridbox", provider, 1))?.kind;
    expect(await kinds()).toBe("send");
    await queue.settled();
    // Another process leaves rows to read (a runner's lease recovery, a "check again").
    await database.db
      .update(jobRows)
      .set({ state: "unknown", ambiguousAttempts: 1, claimedBy: null })
      .where(and(eq(jobRows.jobId, jobId), sql`${jobRows.rowNo} >= 1900`));
    const soon = Date.now();
    // The last ask found none less than a second ago: the claims made now are sends only.
    const sends = [await kinds(), await kinds(), await kinds()];
    await queue.settled();
    const elapsed = Date.now() - soon;
    if (elapsed < READ_RECHECK_MS) expect(sends).toEqual(["send", "send", "send"]);
    // A settlement of this runner written back to be read: asked at once.
    queue.changed();
    await kinds();
    await queue.settled();
    expect(await count(jobId, "verifying")).toBe(100);
    // Once a second in any case: a claim after that finds rows another process left.
    await database.db
      .update(jobRows)
      .set({ state: "unknown", claimedBy: null })
      .where(and(eq(jobRows.jobId, jobId), eq(jobRows.state, "verifying")));
    await new Promise((r) => setTimeout(r, READ_RECHECK_MS + 50));
    const units: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) units.push(await kinds());
    expect(units).toContain("verify");
  });

  it("a claim still out when the queue is released gives its rows back", async () => {
    const jobId = await runningJob(1_000);
    const queue = newQueue();
    await queue.next("r1", "hybridbox", provider, 2);
    // The claim made ahead is out now; the job is released before it comes back.
    await queue.release("r1", jobId);
    // Only the unit handed out is still claimed; everything queued or claimed ahead is pending
    // again, its attempt given back.
    expect(await count(jobId, "sending")).toBe(100);
    expect(await count(jobId, "pending")).toBe(900);
    const [attempts] = await database.db
      .select({ n: sql<number>`sum(attempts)::int` })
      .from(jobRows)
      .where(eq(jobRows.jobId, jobId));
    expect(attempts!.n).toBe(100);
    expect(queue.holds(jobId)).toBe(false);
  });
});
