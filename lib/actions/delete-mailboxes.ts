"use server";

import { action } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/record";
import { planDelete } from "@/lib/changes/plan";
import { deleteMailboxesSchema } from "@/lib/changes/schema";
import { getDb } from "@/lib/db";
import { domainCatalog } from "@/lib/domains/catalog";
import { storeChangeJob } from "@/lib/jobs/changes";
import { encryptionKey, wakeJobRunner } from "@/lib/jobs/service";
import { getProvider } from "@/lib/providers";
import { UserError } from "@/lib/user-error";

/**
 * Deletes the chosen mailboxes of one domain as a durable job (admins only). The server reads the
 * selection again from the provider; the typed domain and count must match what it found, so a
 * list that changed since the page showed it is never deleted unseen.
 */
export const deleteMailboxesAction = action(
  { name: "deleteMailboxes", schema: deleteMailboxesSchema, role: "admin" },
  async (input, ctx) => {
    const domain = await domainCatalog(input.provider).find(input.domain);
    if (!domain)
      throw UserError.coded({ key: "changes.noDomain", params: { domain: input.domain } });
    const targets = await planDelete(getProvider(input.provider), domain, input.selection, input);
    const stored = await storeChangeJob(
      { db: await getDb(), key: encryptionKey() },
      {
        kind: "delete",
        provider: input.provider,
        domain,
        submissionId: input.submissionId,
        targets,
      },
      ctx.user,
    );
    if (stored.created) {
      await recordAudit({
        action: "mailboxes.delete_started",
        actor: ctx.user,
        provider: input.provider,
        domain: domain.name,
        target: stored.jobId,
        details: { rows: targets.length, selection: input.selection.mode },
        ip: ctx.ip,
      });
      wakeJobRunner();
    }
    return { jobId: stored.jobId };
  },
);
