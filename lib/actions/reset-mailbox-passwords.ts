"use server";

import { action } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/record";
import { resetPasswordsSchema } from "@/lib/changes/schema";
import { readSelection } from "@/lib/changes/select";
import { getDb } from "@/lib/db";
import { domainCatalog } from "@/lib/domains/catalog";
import { codedText } from "@/lib/i18n/coded";
import { storeChangeJob } from "@/lib/jobs/changes";
import { encryptionKey, wakeJobRunner } from "@/lib/jobs/service";
import { generatePassword } from "@/lib/mailboxes/password";
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
    const mailboxes = await readSelection(getProvider("zcom"), domain, input.selection);
    if (mailboxes.length === 0) throw UserError.coded({ key: "changes.nothingSelected" });
    if (input.password.mode === "typed" && mailboxes.length !== 1) {
      throw UserError.coded(
        { key: "changes.confirmAgain" },
        {
          password: [codedText("changes.typedOneOnly")],
        },
      );
    }
    if (input.confirmCount !== mailboxes.length) {
      throw UserError.coded(
        { key: "changes.confirmAgain" },
        {
          confirmCount: [codedText("changes.countMismatchReset", { count: mailboxes.length })],
        },
      );
    }
    const typed = input.password.mode === "typed" ? input.password.password : undefined;
    const stored = await storeChangeJob(
      { db: await getDb(), key: encryptionKey() },
      {
        kind: "reset_password",
        provider: "zcom",
        domain,
        submissionId: input.submissionId,
        targets: mailboxes.map((m) => ({
          id: m.id,
          address: m.address,
          password: typed ?? generatePassword(),
          generated: typed === undefined,
        })),
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
        details: { rows: mailboxes.length, password: input.password.mode },
        ip: ctx.ip,
      });
      wakeJobRunner();
    }
    return { jobId: stored.jobId };
  },
);
