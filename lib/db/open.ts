import { mkdirSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Both drivers give the same Drizzle query builder; code above this layer never knows which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbTarget =
  { kind: "pglite"; dataDir: string | "memory://" } | { kind: "postgres"; url: string };

export interface Database {
  db: Db;
  kind: DbTarget["kind"];
  close(): Promise<void>;
}

export const migrationsFolder = path.join(process.cwd(), "lib", "db", "migrations");

export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/** Opens the database and applies every pending migration before anything may use it. */
export async function openDatabase(target: DbTarget): Promise<Database> {
  return target.kind === "pglite" ? openPglite(target.dataDir) : openPostgres(target);
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  if (dataDir !== "memory://") {
    // PGlite creates only the last folder of its path.
    mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  }
  const client = new PGlite(dataDir);
  await client.waitReady;
  const db = drizzle(client, { schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
}

async function openPostgres(target: { url: string }): Promise<Database> {
  const { Pool } = await import("pg");
  const { drizzle } = await import("drizzle-orm/node-postgres");
  const { migrate } = await import("drizzle-orm/node-postgres/migrator");
  const pool = new Pool({
    connectionString: target.url,
    connectionTimeoutMillis: 5_000,
    max: 10,
  });
  // An idle client's network error is reported on the pool; without a listener it kills the process.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(
      `Cannot reach PostgreSQL at ${describeUrl(target.url)} (DATABASE_URL): ${reason(error)}. ` +
        "Start the server, fix DATABASE_URL, or unset it to use the embedded database.",
    );
  }
  const db = drizzle(pool, { schema });
  await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, kind: "postgres", close: () => pool.end() };
}

/** host:port/database without the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(unparseable URL)";
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
