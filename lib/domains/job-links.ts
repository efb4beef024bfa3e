import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { jobRows, jobs } from "@/lib/db/schema";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

/**
 * Which of our jobs created each of these addresses on one domain: address (lower case) → job id.
 * Asked for one page of addresses at a time. The ledger's index is (job_id, address), so the
 * query narrows to the domain's jobs first and then probes that index with the page's addresses.
 * When a mailbox was created twice (deleted and made again), the newest job wins.
 */
export async function createdByJobs(
  db: Db,
  provider: ProviderId,
  domain: string,
  addresses: readonly string[],
): Promise<Map<string, string>> {
  const wanted = [...new Set(addresses.map((a) => a.toLowerCase()))];
  const links = new Map<string, string>();
  if (wanted.length === 0) return links;
  const rows = await db
    .select({ address: jobRows.address, jobId: jobs.id })
    .from(jobRows)
    .innerJoin(jobs, eq(jobs.id, jobRows.jobId))
    .where(
      and(
        eq(jobs.provider, provider),
        eq(sql`lower(${jobs.domain})`, domain.toLowerCase()),
        eq(jobRows.state, "created"),
        // Stored addresses are already lower case (normalised local part @ the provider's name).
        inArray(jobRows.address, wanted),
      ),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id));
  for (const { address, jobId } of rows) {
    const key = address.toLowerCase();
    if (!links.has(key)) links.set(key, jobId);
  }
  return links;
}
