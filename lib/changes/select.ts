import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/lib/db/open";
import { jobRows, jobs } from "@/lib/db/schema";
import type { Domain, Mailbox, MailProvider } from "@/lib/providers/types";
import { UserError } from "@/lib/user-error";
import { MAX_CHANGE_TARGETS, type Selection } from "./schema";

/** How long a selection's read waits out a busy provider (an admin is waiting on it). */
const READ_WAIT_BUDGET_MS = 30_000;

async function scan(
  provider: MailProvider,
  domain: Domain,
  keep: (m: Mailbox) => boolean,
  search?: string,
): Promise<Mailbox[]> {
  const kept = new Map<string, Mailbox>();
  for await (const batch of provider.scanMailboxes(domain, {
    ...(search ? { search } : {}),
    waitBudgetMs: READ_WAIT_BUDGET_MS,
  })) {
    for (const m of batch) if (keep(m)) kept.set(m.id, m);
    if (kept.size > MAX_CHANGE_TARGETS) {
      throw UserError.coded({ key: "changes.tooMany", params: { max: MAX_CHANGE_TARGETS } });
    }
  }
  return [...kept.values()];
}

const inDomain = (domain: Domain) => (m: Mailbox) =>
  m.address.toLowerCase().endsWith(`@${domain.name.toLowerCase()}`);

/**
 * The mailboxes a selection names, as the provider has them now: by id, only ids that are on this
 * domain; by search, every mailbox on it that matches (as the domain view searches). Whatever the
 * browser listed, nothing outside the domain is ever returned.
 */
export async function readSelection(
  provider: MailProvider,
  domain: Domain,
  selection: Selection,
): Promise<Mailbox[]> {
  const onDomain = inDomain(domain);
  if (selection.mode === "ids") {
    const wanted = new Set(selection.ids);
    return scan(provider, domain, (m) => wanted.has(m.id) && onDomain(m));
  }
  const needle = selection.search.toLowerCase();
  return scan(
    provider,
    domain,
    // The provider's search may be looser than ours (unpublished): every match is checked again.
    (m) =>
      onDomain(m) &&
      (needle === "" ||
        [m.address, m.localPart, m.firstName ?? "", m.lastName ?? ""].some((v) =>
          v.toLowerCase().includes(needle),
        )),
    selection.search || undefined,
  );
}

/**
 * For "undo a job": the rows the creation job created (with the provider's id it got), that still
 * exist on the provider with that id and address. Nothing the job did not create is included.
 */
export async function createdAndStillThere(
  db: Db,
  provider: MailProvider,
  job: { id: string; domain: string; domainId: string },
): Promise<Mailbox[]> {
  const rows = await db
    .select({ mailboxId: jobRows.mailboxId, address: jobRows.address })
    .from(jobRows)
    .where(
      and(eq(jobRows.jobId, job.id), eq(jobRows.state, "created"), isNotNull(jobRows.mailboxId)),
    );
  const created = new Map(rows.map((r) => [r.mailboxId!, r.address.toLowerCase()]));
  if (created.size === 0) return [];
  const domain = { id: job.domainId, name: job.domain };
  return scan(provider, domain, (m) => created.get(m.id) === m.address.toLowerCase());
}

/** A finished creation job, or null. */
export async function finishedCreationJob(db: Db, jobId: string) {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  if (!job || job.kind !== "create" || !job.finishedAt) return null;
  return job;
}
