import "server-only";
import { sql } from "drizzle-orm";
import { execRows } from "@/lib/db/exec";
import type { Db } from "@/lib/db/open";

/**
 * The embedded database (PGlite) runs PostgreSQL in single-user mode: `autovacuum` reads "on",
 * but nothing ever launches it. Every job rewrites each of its rows at least twice (claim and
 * settlement), so without this the ledger's tables and indexes only grow, and the planner never
 * gets statistics. The runner of the embedded database calls this from its housekeeping: the
 * tables past autovacuum's own default thresholds (dead rows over 50 + 20% of the live ones, or
 * changes since the last analysis over 50 + 10%) are vacuumed and analysed, only while no job is
 * being worked (a vacuum holds the database while it runs). PostgreSQL does this itself.
 */
export async function vacuumIfDue(db: Db): Promise<string[]> {
  const busy = await execRows(
    db,
    sql`select 1 from job
        where state in ('queued', 'preflight', 'running') or (state = 'stopped' and finished_at is null)
        limit 1`,
  );
  if (busy.length > 0) return [];
  const due = await execRows<{ relname: string }>(
    db,
    sql`select relname from pg_stat_user_tables
        where schemaname = current_schema()
          and (n_dead_tup > 50 + 0.2 * n_live_tup or n_mod_since_analyze > 50 + 0.1 * n_live_tup)
        order by relname`,
  );
  if (due.length === 0) return [];
  const names = due.map((r) => r.relname);
  await db.execute(sql.raw(`vacuum (analyze) ${names.map(quoteIdent).join(", ")}`));
  return names;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
