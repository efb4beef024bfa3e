import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execRows } from "@/lib/db/exec";
import { jobRows } from "@/lib/db/schema";
import { people, runningLedgerJob } from "@/lib/testing/job-rig";
import { dbMessage, openTestDatabase } from "@/lib/testing/test-database";
import { claimRows, settle } from "./rows";

// How the ledger's rows are stored, where it decides how fast a job goes: every row of a job is
// claimed and settled once at least, and on the embedded database those updates set the pace.
describe("the ledger's row updates", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    database = await openTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  const hotUpdates = async () => {
    const [row] = await execRows<{ n: number }>(
      database.db,
      sql`select n_tup_hot_upd::int as n from pg_stat_user_tables where relname = 'job_row'`,
    );
    return row?.n ?? 0;
  };
  /** The statistics arrive when the writing connection reports them (PostgreSQL: within 10 s). */
  const hotUpdatesReach = async (n: number) => {
    for (let i = 0; i < 150 && (await hotUpdates()) < n; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    return hotUpdates();
  };

  it("claims rows and gives them back mostly as HOT updates, which add no index entries", async (ctx) => {
    const { db } = database;
    // Before PostgreSQL 16 any index blocks a HOT update of its columns, BRIN too, and every
    // update takes a new change number (job_row_change_brin). The embedded database is 18.
    const [server] = await execRows<{ v: number }>(
      db,
      sql`select current_setting('server_version_num')::int as v`,
    );
    if (server!.v < 160_000) ctx.skip();
    const before = await hotUpdates();
    const jobId = await runningLedgerJob(db, people(300));
    const claimed = await claimRows(db, "r1", "hybridbox", "send", 300, 10_000);
    expect(claimed?.rows).toHaveLength(300);
    // A claim is a HOT update: `state` is in no index, and the page has room. Not every one: the
    // claimed version is wider (the runner, the time), and a page full of rows updated in one
    // statement has room for most of them (measured: 287 of 300). With `state` in an index: none.
    const claims = (await hotUpdatesReach(before + 250)) - before;
    expect(claims).toBeGreaterThanOrEqual(250);
    // A row given back stays open (no finished_at): HOT too.
    const given = await settle(
      db,
      "r1",
      claimed!.rows.map((r) => ({ id: r.id, state: "pending" as const, attemptsDelta: -1 })),
    );
    expect(given).toBe(300);
    expect((await hotUpdatesReach(before + claims + 250)) - before - claims).toBeGreaterThanOrEqual(
      250,
    );
    const rows = await db.select().from(jobRows).where(eq(jobRows.jobId, jobId));
    expect(rows.every((r) => r.state === "pending" && r.attempts === 0)).toBe(true);
  });

  it("refuses to mark an open row finished: queries for open rows would never find it again", async () => {
    const { db } = database;
    const jobId = await runningLedgerJob(db, people(2, "f"));
    const failure = await db
      .update(jobRows)
      .set({ finishedAt: new Date() })
      .where(eq(jobRows.jobId, jobId))
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(dbMessage(failure)).toContain("job_row_open_not_finished");
    // A row that ends finishes in the same update.
    await db
      .update(jobRows)
      .set({ state: "failed", finishedAt: new Date() })
      .where(eq(jobRows.jobId, jobId));
    const rows = await db.select().from(jobRows).where(eq(jobRows.jobId, jobId));
    expect(rows.map((r) => r.state)).toEqual(["failed", "failed"]);
  });
});
