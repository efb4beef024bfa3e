"use server";

import { action } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/record";
import { planNameChanges } from "@/lib/changes/plan";
import { updateNamesSchema } from "@/lib/changes/schema";
import { getDb } from "@/lib/db";
import { domainCatalog } from "@/lib/domains/catalog";
import { storeChangeJob } from "@/lib/jobs/changes";
import { encryptionKey, wakeJobRunner } from "@/lib/jobs/service";
import { getProvider } from "@/lib/providers";
import { UserError } from "@/lib/user-error";

/**
 * Edit the names of Hybridbox mailboxes (operators and admins), as a durable job: the names typed
 * for each, or first and last name swapped for every mailbox selected, from what the provider has
 * now. Only mailboxes the server finds on the domain are changed; unchanged ones are left alone.
 */
export const updateMailboxNamesAction = action(
  { name: "updateMailboxNames", schema: updateNamesSchema, role: "operator" },
  async (input, ctx) => {
    const domain = await domainCatalog("hybridbox").find(input.domain);
    if (!domain)
      throw UserError.coded({ key: "changes.noDomain", params: { domain: input.domain } });
    const { changes } = input;
    const targets = await planNameChanges(getProvider("hybridbox"), domain, changes);
    const stored = await storeChangeJob(
      { db: await getDb(), key: encryptionKey() },
      {
        kind: "update_names",
        provider: "hybridbox",
        domain,
        submissionId: input.submissionId,
        targets,
      },
      ctx.user,
    );
    if (stored.created) {
      await recordAudit({
        action: "mailboxes.names_updated",
        actor: ctx.user,
        provider: "hybridbox",
        domain: domain.name,
        target: stored.jobId,
        details: { rows: targets.length, mode: changes.mode },
        ip: ctx.ip,
      });
      wakeJobRunner();
    }
    return { jobId: stored.jobId };
  },
);
