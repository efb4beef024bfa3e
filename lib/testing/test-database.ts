import { randomBytes } from "node:crypto";
import { rawEnvSchema } from "@/lib/config/schema";
import { openDatabase, type Database } from "@/lib/db/open";

/**
 * A migrated database for one test file: in-memory PGlite by default (in a worker thread unless
 * PGLITE_WORKER=false, as the server would run it), or — when the test run has
 * DATABASE_URL (as .ci/run does) — a fresh database on that PostgreSQL server, dropped afterwards,
 * so parallel runs and earlier runs never see each other's rows.
 */
export async function openTestDatabase(): Promise<Database & { label: string; url?: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    // In a worker thread as the server would run it, unless PGLITE_WORKER=false.
    const worker = rawEnvSchema.shape.PGLITE_WORKER.parse(process.env.PGLITE_WORKER) as boolean;
    const database = await openDatabase({ kind: "pglite", dataDir: "memory://", worker });
    return { ...database, label: `pglite memory://${worker ? " (worker)" : ""}` };
  }
  const name = `mbc_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(url, `create database "${name}"`);
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ kind: "postgres", url: testUrl.toString() });
  return {
    ...database,
    label: `postgres database ${name}`,
    url: testUrl.toString(),
    async close() {
      await database.close();
      await adminQuery(url, `drop database if exists "${name}" with (force)`);
    },
  };
}

async function adminQuery(url: string, statement: string) {
  const { Client } = await import("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The database's own message: Drizzle wraps it in "Failed query: …" with the cause inside. */
export function dbMessage(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string } };
  return `${e.message ?? ""} ${e.cause?.message ?? ""}`;
}
