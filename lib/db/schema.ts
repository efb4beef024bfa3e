import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The one schema for PGlite and PostgreSQL. Change it, then `npm run db:generate` writes the
 * next SQL migration into lib/db/migrations (applied at start-up by lib/db/open.ts).
 */

/** Facts about this installation (its id, when it was first started). */
export const appMeta = pgTable("app_meta", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
