import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Who did what, append-only: a trigger in the migration refuses UPDATE and DELETE, so not even a
 * bug in our code can rewrite history. Never a password or token in `details`.
 */
export const auditEvents = pgTable(
  "audit_event",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: text("actor_id"),
    actorEmail: text("actor_email"),
    action: text("action").notNull(),
    provider: text("provider"),
    domain: text("domain"),
    target: text("target"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    ip: text("ip"),
  },
  (t) => [
    index("audit_event_at_idx").on(t.at),
    index("audit_event_action_at_idx").on(t.action, t.at),
  ],
);
