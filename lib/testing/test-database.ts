import { randomBytes } from "node:crypto";
import { openDatabase, type Database } from "@/lib/db/open";

/**
 * A migrated database for one test file: in-memory PGlite by default, or — when the test run has
 * DATABASE_URL (as .ci/run does) — a fresh schema in that PostgreSQL, dropped afterwards, so
 * parallel runs and earlier runs never see each other's rows.
 */
export async function openTestDatabase(): Promise<Database & { label: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: "pglite", dataDir: "memory://" });
    return { ...database, label: "pglite memory://" };
  }
  const schemaName = `test_${randomBytes(6).toString("hex")}`;
  const { Client } = await import("pg");
  const admin = new Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema "${schemaName}"`);
  await admin.end();
  const database = await openDatabase({ kind: "postgres", url, searchPath: schemaName });
  return {
    ...database,
    label: `postgres schema ${schemaName}`,
    async close() {
      await database.close();
      const cleanup = new Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema "${schemaName}" cascade`);
      await cleanup.end();
    },
  };
}
