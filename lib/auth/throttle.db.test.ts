import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/open";
import { openTestDatabase } from "@/lib/testing/test-database";
import { ACCOUNT_WINDOW_MS, admitSignIn, clearAccountAttempts, countAttempt } from "./throttle";

describe("the sign-in count", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;
  /** A second connection pool, as a second app process has (PostgreSQL only). */
  let other: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase();
    if (database.url) other = await openDatabase({ kind: "postgres", url: database.url });
  });
  afterAll(async () => {
    await other?.close();
    await database?.close();
  });

  it("gives 30 parallel attempts from two processes 30 different counts", async () => {
    const dbs = [database.db, other?.db ?? database.db];
    const counts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => countAttempt(dbs[i % 2]!, "k:parallel", 60_000)),
    );
    expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
  });

  it("starts again when the window has passed, and says when it ends", async () => {
    for (let i = 0; i < 3; i++) await countAttempt(database.db, "k:window", ACCOUNT_WINDOW_MS);
    const fourth = await countAttempt(database.db, "k:window", ACCOUNT_WINDOW_MS);
    expect(fourth.count).toBe(4);
    expect(fourth.retryAfterSeconds).toBeGreaterThan(890);
    expect(fourth.retryAfterSeconds).toBeLessThanOrEqual(900);
    await database.db.execute(
      sql`update sign_in_throttle set window_started_at = now() - interval '16 minutes' where key = 'k:window'`,
    );
    expect((await countAttempt(database.db, "k:window", ACCOUNT_WINDOW_MS)).count).toBe(1);
  });

  it("admits 10 attempts per account at one address, and a success clears them", async () => {
    const attempt = (ip: string) =>
      admitSignIn(database.db, { email: "eve@example.test", ip, perMinute: 1_000 });
    for (let i = 0; i < 10; i++) expect(await attempt("192.0.2.1")).toEqual({ ok: true });
    expect(await attempt("192.0.2.1")).toMatchObject({ ok: false, scope: "account" });
    expect(await attempt("192.0.2.2")).toEqual({ ok: true });
    await clearAccountAttempts(database.db, "eve@example.test", "192.0.2.1");
    expect(await attempt("192.0.2.1")).toEqual({ ok: true });
  });
});
