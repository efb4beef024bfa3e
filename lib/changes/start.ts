import "server-only";
import type { ActionContext } from "@/lib/auth/guard";
import { recordAudit, type AuditAction } from "@/lib/audit/record";
import { getDb } from "@/lib/db";
import { domainCatalog } from "@/lib/domains/catalog";
import { storeChangeJob, type ChangeJobInput, type ChangeTarget } from "@/lib/jobs/changes";
import { encryptionKey, wakeJobRunner } from "@/lib/jobs/service";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { getProvider } from "@/lib/providers";
import type { Domain, MailProvider } from "@/lib/providers/types";
import { UserError } from "@/lib/user-error";

/**
 * What every action that changes existing mailboxes does around its own plan: finds the domain
 * (the browser's name is not trusted), plans the targets from what the provider has now, stores
 * the job (a double submit finds the same one), audits a new job and wakes the runner.
 */
export async function startChangeJob(
  input: {
    kind: ChangeJobInput["kind"];
    provider: ProviderId;
    domain: string;
    submissionId?: string;
    plan: (provider: MailProvider, domain: Domain) => Promise<readonly ChangeTarget[]>;
    audit: { action: AuditAction; details: Record<string, unknown> };
  },
  ctx: ActionContext,
): Promise<{ jobId: string }> {
  const domain = await domainCatalog(input.provider).find(input.domain);
  if (!domain) throw UserError.coded({ key: "changes.noDomain", params: { domain: input.domain } });
  const targets = await input.plan(getProvider(input.provider), domain);
  const stored = await storeChangeJob(
    { db: await getDb(), key: encryptionKey() },
    {
      kind: input.kind,
      provider: input.provider,
      domain,
      submissionId: input.submissionId,
      targets,
    },
    ctx.user,
  );
  if (stored.created) {
    await recordAudit({
      action: input.audit.action,
      actor: ctx.user,
      provider: input.provider,
      domain: domain.name,
      target: stored.jobId,
      details: { rows: targets.length, ...input.audit.details },
      ip: ctx.ip,
    });
    wakeJobRunner();
  }
  return { jobId: stored.jobId };
}
