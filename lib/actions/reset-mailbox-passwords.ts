"use server";

import { action } from "@/lib/actions";
import { planPasswordReset } from "@/lib/changes/plan";
import { resetPasswordsSchema } from "@/lib/changes/schema";
import { startChangeJob } from "@/lib/changes/start";

/**
 * New passwords for Z.com mailboxes (operators and admins), as a durable job: generated to the
 * provider's policy per mailbox, or one typed password for one mailbox. Stored encrypted, handed
 * out once to the person who ran the job, exactly as creation hands out its credentials.
 */
export const resetMailboxPasswordsAction = action(
  { name: "resetMailboxPasswords", schema: resetPasswordsSchema, role: "operator" },
  async (input, ctx) =>
    startChangeJob(
      {
        kind: "reset_password",
        provider: "zcom",
        domain: input.domain,
        submissionId: input.submissionId,
        plan: (provider, domain) =>
          planPasswordReset(provider, domain, input.selection, input.password, input.confirmCount),
        audit: { action: "mailboxes.passwords_reset", details: { password: input.password.mode } },
      },
      ctx,
    ),
);
