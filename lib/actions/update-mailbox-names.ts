"use server";

import { action } from "@/lib/actions";
import { planNameChanges } from "@/lib/changes/plan";
import { updateNamesSchema } from "@/lib/changes/schema";
import { startChangeJob } from "@/lib/changes/start";

/**
 * Edit the names of Hybridbox mailboxes (operators and admins), as a durable job: the names typed
 * for each, or first and last name swapped for every mailbox selected, from what the provider has
 * now. Only mailboxes the server finds on the domain are changed; unchanged ones are left alone.
 */
export const updateMailboxNamesAction = action(
  { name: "updateMailboxNames", schema: updateNamesSchema, role: "operator" },
  async (input, ctx) =>
    startChangeJob(
      {
        kind: "update_names",
        provider: "hybridbox",
        domain: input.domain,
        submissionId: input.submissionId,
        plan: (provider, domain) => planNameChanges(provider, domain, input.changes),
        audit: { action: "mailboxes.names_updated", details: { mode: input.changes.mode } },
      },
      ctx,
    ),
);
