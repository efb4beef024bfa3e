"use server";

import { action } from "@/lib/actions";
import { planDelete } from "@/lib/changes/plan";
import { deleteMailboxesSchema } from "@/lib/changes/schema";
import { startChangeJob } from "@/lib/changes/start";

/**
 * Deletes the chosen mailboxes of one domain as a durable job (admins only). The server reads the
 * selection again from the provider; the typed domain and count must match what it found, so a
 * list that changed since the page showed it is never deleted unseen.
 */
export const deleteMailboxesAction = action(
  { name: "deleteMailboxes", schema: deleteMailboxesSchema, role: "admin" },
  async (input, ctx) =>
    startChangeJob(
      {
        kind: "delete",
        provider: input.provider,
        domain: input.domain,
        submissionId: input.submissionId,
        plan: (provider, domain) => planDelete(provider, domain, input.selection, input),
        audit: {
          action: "mailboxes.delete_started",
          details: { selection: input.selection.mode },
        },
      },
      ctx,
    ),
);
