import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobEvents, jobRows, jobs } from "@/lib/db/schema";
import { openTestDatabase } from "@/lib/testing/test-database";
import { people, runningLedgerJob } from "@/lib/testing/job-rig";
import { claimRows } from "../ledger/rows";
import type { ClaimedRow, Job, Settlement } from "../ledger/types";
import { SettleBuffer } from "./settle-buffer";

// A job's last settlement finishes it in the same write, when nothing of it is left in this
// runner; it does not wait for the housekeeping tick.
describe("the settle buffer finishing a job", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  // The tests' jobs are left unfinished on purpose: each new one stops the others.
  const runningJob = (rows: number) =>
    runningLedgerJob(database.db, people(rows, `f${Math.random().toString(36).slice(2, 8)}`));

  async function claimAll(jobId: string, limit: number) {
    const claimed = await claimRows(database.db, "r1", "hybridbox", "send", limit, 10_000);
    expect(claimed?.job.id).toBe(jobId);
    return claimed!;
  }

  const created = (rows: ClaimedRow[]): Settlement[] =>
    rows.map((r) => ({ id: r.id, state: "created", mailboxId: `m-${r.id}` }));

  async function write(
    idle: boolean,
    job: Job,
    rows: ClaimedRow[],
    settlements: Settlement[],
  ): Promise<void> {
    const buffer = new SettleBuffer(
      database.db,
      60_000,
      () => "r1",
      () => idle,
    );
    await buffer.push({ job, rows, kind: "send", result: { settlements, summary: {} } });
    await buffer.flush();
  }

  const stateOf = async (jobId: string) => {
    const [job] = await database.db.select().from(jobs).where(eq(jobs.id, jobId));
    const events = await database.db
      .select({ kind: jobEvents.kind })
      .from(jobEvents)
      .where(eq(jobEvents.jobId, jobId));
    return { state: job?.state, finished: !!job?.finishedAt, events: events.map((e) => e.kind) };
  };

  it("finishes the job with its last settlement when the runner holds nothing more of it", async () => {
    const jobId = await runningJob(3);
    const { job, rows } = await claimAll(jobId, 10);
    await write(true, job, rows, created(rows));
    expect(await stateOf(jobId)).toMatchObject({ state: "done", finished: true });
    expect((await stateOf(jobId)).events).toContain("finished");
  });

  it("leaves the job running while the runner still has some of it queued or in flight", async () => {
    const jobId = await runningJob(2);
    const { job, rows } = await claimAll(jobId, 10);
    await write(false, job, rows, created(rows));
    expect(await stateOf(jobId)).toMatchObject({ state: "running", finished: false });
  });

  it("leaves the job running while it has rows that did not end", async () => {
    const jobId = await runningJob(3);
    const { job, rows } = await claimAll(jobId, 2);
    await write(true, job, rows, created(rows));
    expect(await stateOf(jobId)).toMatchObject({ state: "running", finished: false });
    const [left] = await database.db
      .select({ state: jobRows.state })
      .from(jobRows)
      .where(eq(jobRows.jobId, jobId))
      .orderBy(jobRows.rowNo)
      .offset(2);
    expect(left?.state).toBe("pending");
  });

  it("leaves the job running when the last answers were not final (a row goes back to pending)", async () => {
    const jobId = await runningJob(1);
    const { job, rows } = await claimAll(jobId, 10);
    await write(
      true,
      job,
      rows,
      rows.map((r) => ({ id: r.id, state: "pending", nextAttemptAt: new Date() })),
    );
    expect(await stateOf(jobId)).toMatchObject({ state: "running", finished: false });
  });

  it("writes a job's last answers at once, without waiting for the timer, and finishes it", async () => {
    const jobId = await runningJob(2);
    const { job, rows } = await claimAll(jobId, 10);
    // The runner sees other units of the job when it writes (it is still counting this one).
    const buffer = new SettleBuffer(
      database.db,
      60_000,
      () => "r1",
      () => false,
    );
    await buffer.push({
      job,
      rows,
      kind: "send",
      result: { settlements: created(rows), summary: {} },
      last: true,
    });
    expect(await stateOf(jobId)).toMatchObject({ state: "done", finished: true });
  });

  it("keeps other answers for the timer (written together)", async () => {
    const jobId = await runningJob(2);
    const { job, rows } = await claimAll(jobId, 10);
    const buffer = new SettleBuffer(
      database.db,
      60_000,
      () => "r1",
      () => true,
    );
    await buffer.push({
      job,
      rows,
      kind: "send",
      result: { settlements: created(rows), summary: {} },
    });
    const [row] = await database.db
      .select({ state: jobRows.state })
      .from(jobRows)
      .where(eq(jobRows.id, rows[0]!.id));
    expect(row?.state).toBe("sending");
    await buffer.flush();
    expect(await stateOf(jobId)).toMatchObject({ state: "done", finished: true });
  });
});
