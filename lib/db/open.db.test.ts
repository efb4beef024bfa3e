import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "@/lib/testing/test-database";
import { DatabaseUnavailableError, openDatabase } from "./open";
import { appMeta } from "./schema";

describe("database layer", () => {
  let database: Awaited<ReturnType<typeof openTestDatabase>>;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("applies the migrations and round-trips a row through the migrated schema", async () => {
    const { db } = database;
    await db.insert(appMeta).values({ key: "installation_id", value: "abc-123" });
    await db
      .insert(appMeta)
      .values({ key: "installation_id", value: "def-456" })
      .onConflictDoUpdate({ target: appMeta.key, set: { value: "def-456" } });

    const rows = await db.select().from(appMeta).where(eq(appMeta.key, "installation_id"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.value).toBe("def-456");
    expect(rows[0]?.updatedAt).toBeInstanceOf(Date);
  });

  it("records the applied migration so a second start applies nothing again", async () => {
    const { db, kind } = database;
    const table =
      kind === "postgres"
        ? sql.raw(`"__drizzle_migrations"`)
        : sql.raw(`drizzle."__drizzle_migrations"`);
    const applied = (await db.execute(sql`select count(*)::int as n from ${table}`)) as {
      rows: { n: number }[];
    };
    const n = applied.rows[0]?.n ?? 0;
    expect(n).toBeGreaterThanOrEqual(1);
  });

  it("rolls a failed transaction back", async () => {
    const { db } = database;
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(appMeta).values({ key: "tx_probe", value: "1" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const rows = await db.select().from(appMeta).where(eq(appMeta.key, "tx_probe"));
    expect(rows).toHaveLength(0);
  });
});

describe("an unreachable PostgreSQL", () => {
  it("fails with a message that names DATABASE_URL and hides the password", async () => {
    const attempt = openDatabase({
      kind: "postgres",
      // Port 1 on loopback: nothing listens there, so the connection is refused at once.
      url: "postgres://admin:s3cret-pw@127.0.0.1:1/app",
    });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnavailableError);
    await expect(attempt).rejects.toThrow(
      /Cannot reach PostgreSQL at 127\.0\.0\.1:1\/app \(DATABASE_URL\)/,
    );
    await expect(attempt).rejects.not.toThrow(/s3cret-pw/);
  });
});
