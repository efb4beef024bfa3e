import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { providerPauses } from "@/lib/db/schema";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

// A provider told us to wait (429/503 with Retry-After): every runner process waits.

export async function pausedUntil(db: Db): Promise<Map<string, Date>> {
  const rows = await db.select().from(providerPauses);
  return new Map(rows.map((r) => [r.provider, r.until]));
}

export async function pauseProvider(db: Db, provider: ProviderId, until: Date, reason: string) {
  await db
    .insert(providerPauses)
    .values({ provider, until, reason })
    .onConflictDoUpdate({
      target: providerPauses.provider,
      set: { until: sql`greatest(${providerPauses.until}, excluded.until)`, reason },
    });
}
