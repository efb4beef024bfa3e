import "server-only";
import { and, desc, eq, gte, ilike, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { auditEvents } from "@/lib/db/schema";
import { AUDIT_ACTIONS } from "./record";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

// Days the database can hold either side of (PostgreSQL has no year 0).
const day = z.iso.date().refine((d) => d >= "1970-01-01" && d <= "9999-12-30");

export const auditFilterSchema = z.object({
  action: z.preprocess(blankToUndefined, z.enum(AUDIT_ACTIONS).optional()).catch(undefined),
  actor: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()).catch(undefined),
  provider: z.preprocess(blankToUndefined, z.string().trim().max(50).optional()).catch(undefined),
  domain: z.preprocess(blankToUndefined, z.string().trim().max(253).optional()).catch(undefined),
  from: z.preprocess(blankToUndefined, day.optional()).catch(undefined),
  to: z.preprocess(blankToUndefined, day.optional()).catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type AuditFilter = z.output<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function queryAudit(filter: AuditFilter) {
  const where: SQL[] = [];
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.actor) where.push(ilike(auditEvents.actorEmail, `%${escapeLike(filter.actor)}%`));
  if (filter.provider) where.push(eq(auditEvents.provider, filter.provider));
  if (filter.domain) where.push(ilike(auditEvents.domain, `%${escapeLike(filter.domain)}%`));
  if (filter.from) where.push(gte(auditEvents.at, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) {
    const end = new Date(`${filter.to}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 1);
    where.push(lt(auditEvents.at, end));
  }
  const db = await getDb();
  // One row more than a page tells whether a next page exists without counting the table.
  const rows = await db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((filter.page - 1) * AUDIT_PAGE_SIZE);
  return { events: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}
