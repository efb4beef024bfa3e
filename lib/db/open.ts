import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Both drivers give the same Drizzle query builder; code above this layer never knows which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DbTarget =
  | {
      kind: "pglite";
      dataDir: string | "memory://";
      /**
       * Run PGlite in a worker thread (lib/db/pglite-worker-client.ts), so its statements do not
       * stop this thread's event loop. Off unless asked; the app's PGLITE_WORKER asks by default.
       */
      worker?: boolean;
    }
  | { kind: "postgres"; url: string };

export interface Database {
  db: Db;
  kind: DbTarget["kind"];
  close(): Promise<void>;
}

export const migrationsFolder = path.join(process.cwd(), "lib", "db", "migrations");

export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

/**
 * PGlite serves one process. A second process on the same data directory (a second server, or
 * `npm run runner` beside a server) would take back the first one's claims and send its rows
 * again, so the directory is locked (proper-lockfile: `<dir>.lock`, its time kept fresh while the
 * process lives). A second process is refused at once while the first is alive; a lock left by a
 * process that died on this host is taken over at once (its pid is recorded beside the lock), and one
 * from elsewhere when it goes stale.
 */
const LOCK = { staleMs: 10_000, updateMs: 2_000 };

async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const { lock } = await import("proper-lockfile");
  const target = path.resolve(dataDir);
  const lockPath = `${target}.lock`;
  // Beside the lock, not in it: the library removes its lock directory with rmdir.
  const owner = `${lockPath}.owner.json`;
  const take = async () => {
    const release = await lock(target, {
      realpath: false,
      lockfilePath: lockPath,
      stale: LOCK.staleMs,
      update: LOCK.updateMs,
      onCompromised: (error) => {
        // Another process may have taken the data directory: stop before both write to it.
        console.error(`The lock on the embedded database was lost (${error.message}); stopping.`);
        process.exit(1);
      },
    });
    writeFileSync(owner, JSON.stringify({ pid: process.pid, host: hostname() }));
    return async () => {
      rmSync(owner, { force: true });
      await release();
    };
  };
  try {
    return await take();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    const holder = readOwner(owner);
    if (holder && holder.host === hostname() && !isAlive(holder.pid)) {
      rmSync(lockPath, { recursive: true, force: true });
      return take();
    }
    throw new DatabaseUnavailableError(
      `Another process${holder ? ` (pid ${holder.pid} on ${holder.host})` : ""} is using the ` +
        `embedded database in ${target} — a console server or \`npm run runner\`. The embedded ` +
        "database serves one process: stop the other one, or set DATABASE_URL to a PostgreSQL " +
        "server to run several.",
    );
  }
}

function readOwner(file: string): { pid: number; host: string } | null {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { pid?: unknown; host?: unknown };
    return typeof parsed.pid === "number" && typeof parsed.host === "string"
      ? { pid: parsed.pid, host: parsed.host }
      : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Opens the database and applies every pending migration before anything may use it. */
export async function openDatabase(target: DbTarget): Promise<Database> {
  return target.kind === "pglite"
    ? openPglite(target.dataDir, target.worker ?? false)
    : openPostgres(target);
}

async function openPglite(dataDir: string, inWorker: boolean): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { startPgliteWorker } = await import("./pglite-worker-client");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  let unlock = async () => {};
  if (dataDir !== "memory://") {
    // PGlite creates only the last folder of its path.
    mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  try {
    // The worker client offers what drizzle-orm/pglite calls of a PGlite instance.
    const client = inWorker
      ? ((await startPgliteWorker(dataDir)) as unknown as InstanceType<typeof PGlite>)
      : new PGlite(dataDir);
    let db;
    try {
      await client.waitReady;
      db = drizzle(client, { schema });
      await migrate(db, { migrationsFolder });
    } catch (error) {
      await client.close().catch(() => {});
      throw error;
    }
    return {
      db: db as unknown as Db,
      kind: "pglite",
      close: async () => {
        await client.close();
        await unlock();
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
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
