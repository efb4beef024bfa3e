import type { SQL } from "drizzle-orm";
import type { Db } from "./open";

/** Anything that runs SQL: the database or a transaction. */
export type Executor = Pick<Db, "execute">;

/**
 * Runs a raw statement and returns its rows, typed. Both drivers (PGlite, node-postgres) answer
 * `{ rows }`; Drizzle's shared type cannot say so, so it is said once, here.
 */
export async function execRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
