"use server";

import { action } from "@/lib/actions";
import { recordAudit } from "@/lib/audit/record";
import { nameChangeSchema, updateNamesSchema } from "@/lib/changes/schema";
import { readSelection } from "@/lib/changes/select";
import { getDb } from "@/lib/db";
import { domainCatalog } from "@/lib/domains/catalog";
import { codedText } from "@/lib/i18n/coded";
import { storeChangeJob, type ChangeTarget } from "@/lib/jobs/changes";
import { encryptionKey, wakeJobRunner } from "@/lib/jobs/service";
import { getProvider } from "@/lib/providers";
import type { Mailbox } from "@/lib/providers/types";
import { UserError } from "@/lib/user-error";

const before = (m: Mailbox): [string, string][] => [
  ["first name", m.firstName ?? ""],
  ["last name", m.lastName ?? ""],
];

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
    const provider = getProvider("hybridbox");
    const { changes } = input;
    let targets: ChangeTarget[];
    if (changes.mode === "set") {
      const found = await readSelection(provider, domain, {
        mode: "ids",
        ids: changes.items.map((i) => i.id),
      });
      const byId = new Map(found.map((m) => [m.id, m]));
      targets = changes.items.flatMap((item) => {
        const m = byId.get(item.id);
        if (!m || (m.firstName === item.firstName && (m.lastName ?? "") === item.lastName))
          return [];
        return [{ address: m.address, ...item, before: before(m) }];
      });
    } else {
      const found = await readSelection(provider, domain, changes.selection);
      if (changes.confirmCount !== found.length) {
        throw UserError.coded(
          { key: "changes.confirmAgain" },
          {
            confirmCount: [codedText("changes.countMismatchNames", { count: found.length })],
          },
        );
      }
      targets = found.flatMap((m) => {
        // Swapped names must pass the same rules (a mailbox with no last name has nothing to swap).
        const swapped = nameChangeSchema.safeParse({
          id: m.id,
          firstName: m.lastName ?? "",
          lastName: m.firstName ?? "",
        });
        if (!swapped.success) return [];
        return [{ address: m.address, ...swapped.data, before: before(m) }];
      });
    }
    if (targets.length === 0) throw UserError.coded({ key: "changes.nothingToChange" });
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
