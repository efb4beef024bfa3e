import "server-only";
import { and, count, eq, gte } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { auditEvents } from "@/lib/db/schema";

/**
 * Failed sign-ins per account, counted from the audit trail. The per-IP limit alone is not
 * enough: without a reverse proxy a client can send any X-Forwarded-For, so guesses against one
 * account are also capped by the account's own recent failures.
 */
export const ACCOUNT_FAILURE_LIMIT = 10;
export const ACCOUNT_FAILURE_WINDOW_MS = 15 * 60_000;

export async function recentFailures(email: string, now = Date.now()): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, "auth.sign_in_failed"),
        eq(auditEvents.target, email),
        gte(auditEvents.at, new Date(now - ACCOUNT_FAILURE_WINDOW_MS)),
      ),
    );
  return row?.n ?? 0;
}
