"use server";

import { action } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/record";
import { resetPasswordsSchema } from "@/lib/changes/schema";
import { planPasswordReset } from "@/lib/changes/plan";
import { getDb } from "@/lib/db";
import { domainCatalog } from "@/lib/domains/catalog";
import { storeChangeJob } from "@/lib/jobs/changes";
import { encryptionKey, wakeJobRunner } from "@/lib/jobs/service";
import { getProvider } from "@/lib/providers";
import { UserError } from "@/lib/user-error";

/**
 * New passwords for Z.com mailboxes (operators and admins), as a durable job: generated to the
 * provider's policy per mailbox, or one typed password for one mailbox. Stored encrypted, handed
 * out once to the person who ran the job, exactly as creation hands out its credentials.
 */
export const resetMailboxPasswordsAction = action(
  { name: "resetMailboxPasswords", schema: resetPasswordsSchema, role: "operator" },
  async (input, ctx) => {
    const domain = await domainCatalog("zcom").find(input.domain);
    if (!domain)
      throw UserError.coded({ key: "changes.noDomain", params: { domain: input.domain } });
    const targets = await planPasswordReset(
      getProvider("zcom"),
      domain,
      input.selection,
      input.password,
      input.confirmCount,
    );
    const stored = await storeChangeJob(
      { db: await getDb(), key: encryptionKey() },
      {
        kind: "reset_password",
        provider: "zcom",
        domain,
        submissionId: input.submissionId,
        targets,
      },
      ctx.user,
    );
    if (stored.created) {
      await recordAudit({
        action: "mailboxes.passwords_reset",
        actor: ctx.user,
        provider: "zcom",
        domain: domain.name,
        target: stored.jobId,
        details: { rows: targets.length, password: input.password.mode },
        ip: ctx.ip,
      });
      wakeJobRunner();
    }
    return { jobId: stored.jobId };
  },
);
