"use server";

import { action } from "@/lib/actions";
import { UserError } from "@/lib/user-error";
import { refuseRetryOf } from "@/lib/bulk/retry-rows";
import { recordAudit } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { encryptionKey, wakeJobRunner } from "@/lib/jobs/service";
import { storeJobPart } from "@/lib/jobs/store-part";
import { jobPartSchema } from "@/lib/jobs/submission";
import { domainCatalog } from "@/lib/domains/catalog";

/**
 * Stores one part of a bulk submission (the page sends parts of at most 10,000 rows). Re-checks
 * every row with the shared schemas; an invalid part is refused whole, with field errors, and
 * nothing is sent. The job starts when its last part is stored.
 */
export const submitJobPartAction = action(
  { name: "submitJobPart", schema: jobPartSchema, role: "operator" },
  async (part, ctx) => {
    const db = await getDb();
    const refused = await refuseRetryOf(db, part);
    if (refused) throw new UserError(refused, { retryOf: [refused] });
    const stored = await storeJobPart(
      {
        db,
        key: encryptionKey(),
        resolveDomain: (provider, domain) => domainCatalog(provider).find(domain),
      },
      part,
      ctx.user,
    );
    if (stored.started) {
      await recordAudit({
        action: part.retryOf ? "job.rows_retried" : "job.created",
        actor: ctx.user,
        provider: part.provider,
        domain: part.domain,
        target: stored.jobId,
        details: { rows: part.rowsTotal, ...(part.retryOf ? { retryOf: part.retryOf } : {}) },
        ip: ctx.ip,
      });
      wakeJobRunner();
    }
    return stored;
  },
);
