import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execRows } from "@/lib/db/exec";
import { openDatabase, type Database } from "@/lib/db/open";
import { jobRows, jobs } from "@/lib/db/schema";
import { LEDGER_ONLY_PROVIDER, people, submitJob } from "@/lib/testing/job-rig";
import { vacuumIfDue } from "./vacuum";

// The embedded database never vacuums by itself (single-user PostgreSQL: no autovacuum launcher),
// so the runner does it while no job is worked.
describe("vacuuming the embedded database", () => {
  let database: Database;
  const provider = LEDGER_ONLY_PROVIDER;
  beforeAll(async () => {
    database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  });
  afterAll(async () => {
    await database?.close();
  });

  // The statistics reach pg_stat_user_tables when the database next reports them (within about a
  // second of going idle): wait for them.
  const settledStats = async (enough: (dead: number) => boolean) => {
    for (let i = 0; i < 100 && !enough(await deadRows()); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    return deadRows();
  };
  const deadRows = async () => {
    const [row] = await execRows<{ n: number }>(
      database.db,
      sql`select n_dead_tup::int as n from pg_stat_user_tables where relname = 'job_row'`,
    );
    return row?.n ?? 0;
  };

  it("vacuums and analyses the ledger once a job has rewritten its rows, not while one runs", async () => {
    const { db } = database;
    const jobId = await submitJob(
      { db, key: randomBytes(32), provider, providerId: "hybridbox" },
      people(500),
    );
    await db.update(jobs).set({ state: "running" }).where(eq(jobs.id, jobId));
    // As a job does: claimed, then settled. The claims are HOT updates, whose dead versions the
    // next update of the page may prune; a settlement that ends a row (finished_at, in an index's
    // predicate) moves it and leaves its old version dead until a vacuum.
    await db.update(jobRows).set({ state: "sending" }).where(eq(jobRows.jobId, jobId));
    await db
      .update(jobRows)
      .set({ state: "created", finishedAt: new Date() })
      .where(eq(jobRows.jobId, jobId));
    expect(await settledStats((n) => n >= 500)).toBeGreaterThanOrEqual(500);
    // A job is being worked: nothing is vacuumed.
    expect(await vacuumIfDue(db)).toEqual([]);
    expect(await deadRows()).toBeGreaterThanOrEqual(500);
    await db.update(jobs).set({ state: "done", finishedAt: new Date() }).where(eq(jobs.id, jobId));
    expect(await vacuumIfDue(db)).toContain("job_row");
    expect(await settledStats((n) => n === 0)).toBe(0);
    const [analysed] = await execRows<{ at: Date | null }>(
      db,
      sql`select last_analyze as at from pg_stat_user_tables where relname = 'job_row'`,
    );
    expect(analysed?.at).not.toBeNull();
    // Nothing changed since: nothing is due.
    expect(await vacuumIfDue(db)).toEqual([]);
  });
});
