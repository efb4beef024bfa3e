import "server-only";
import { getDb } from "@/lib/db";
import { auditEvents } from "@/lib/db/schema";
import { log } from "@/lib/log";

export const AUDIT_ACTIONS = [
  "setup.admin_created",
  "auth.signed_in",
  "auth.signed_out",
  "auth.sign_in_failed",
  "auth.break_glass_signed_in",
  "user.created",
  "user.role_changed",
  "user.disabled",
  "user.enabled",
  "user.password_reset",
  "user.locale_changed",
  "job.created",
  "job.rows_retried",
  "job.credentials_downloaded",
  "job.checked_again",
  "job.undo_started",
  "mailboxes.delete_started",
  "mailboxes.passwords_reset",
  "mailboxes.names_updated",
  "domain.exported",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  action: AuditAction;
  actor?: { id: string; email: string } | null;
  provider?: string | null;
  domain?: string | null;
  /** What was acted on: a user's email, a job id. Never a secret. */
  target?: string | null;
  /** Counts and ids only; never a password, token or row contents. */
  details?: Record<string, unknown>;
  ip?: string | null;
}

/** Appends one event. The table refuses updates and deletes (see migration 0002). */
export async function recordAudit(entry: AuditEntry): Promise<void> {
  const db = await getDb();
  await db.insert(auditEvents).values({
    action: entry.action,
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    provider: entry.provider ?? null,
    domain: entry.domain ?? null,
    target: entry.target ?? null,
    details: entry.details ?? null,
    ip: entry.ip ?? null,
  });
  log.info({ audit: entry.action, actor: entry.actor?.email, target: entry.target }, "audit");
}
