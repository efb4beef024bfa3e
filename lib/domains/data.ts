import "server-only";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { getProvider } from "@/lib/providers";
import { ProviderError, redact } from "@/lib/providers/errors";
import type { Mailbox } from "@/lib/providers/types";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import { domainCatalog } from "./catalog";
import { createdByJobs } from "./job-links";
import { readAllMailboxes } from "./scan";
import { sortMailboxes } from "./sort";
import type { Loaded, MailboxListing, MailboxRow, ProviderDomains, PublicFailure } from "./types";
import type { MailboxView } from "./view";

/**
 * Up to this many matching mailboxes are read whole to sort them, so a sort holds across pages.
 * Past it, only the page shown is sorted (and the page says so).
 */
export const SORT_ALL_LIMIT = 1_000;

/** The server side of GET /api/domains: one provider's domains, or why they cannot be shown. */
export async function loadDomains(
  provider: ProviderId,
  signal?: AbortSignal,
): Promise<Loaded<ProviderDomains>> {
  try {
    // The page where admins look at the providers reads afresh (and refreshes the shared list).
    signal?.throwIfAborted();
    const domains = await domainCatalog(provider).list(0);
    return {
      ok: true,
      data: {
        provider,
        domains: domains
          .map(({ id, name, mailboxCount }) => ({
            id,
            name,
            ...(mailboxCount !== undefined ? { mailboxCount } : {}),
          }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
    };
  } catch (error) {
    return { ok: false, failure: toPublicFailure(error, { provider }) };
  }
}

/** The server side of GET /api/domains/[provider]/[domain]/mailboxes: one view of one domain. */
export async function loadMailboxes(
  provider: ProviderId,
  domain: string,
  view: MailboxView,
  signal?: AbortSignal,
): Promise<Loaded<MailboxListing>> {
  const search = view.search || undefined;
  try {
    const answer = await getProvider(provider).listMailboxes(
      domain,
      { page: view.page, pageSize: view.pageSize, ...(search ? { search } : {}) },
      { signal },
    );
    let items: Mailbox[] = answer.items;
    let sort: MailboxListing["sort"];
    if (view.sort) {
      const { key, dir } = view.sort;
      if (answer.total <= SORT_ALL_LIMIT) {
        const whole =
          view.page === 1 && answer.items.length >= answer.total
            ? answer.items
            : await readAllMailboxes(provider, domain, { search, signal });
        const start = (view.page - 1) * view.pageSize;
        items = sortMailboxes(whole, key, dir).slice(start, start + view.pageSize);
        sort = { key, dir, scope: "all" };
      } else {
        items = sortMailboxes(answer.items, key, dir);
        sort = { key, dir, scope: "page" };
      }
    }
    const listing: MailboxListing = {
      provider,
      domain,
      items: await withJobLinks(provider, domain, items),
      total: answer.total,
      page: view.page,
      pageSize: view.pageSize,
    };
    if (answer.search) listing.search = answer.search;
    if (sort) listing.sort = sort;
    return { ok: true, data: listing };
  } catch (error) {
    return { ok: false, failure: await explainMailboxFailure(error, provider, domain, signal) };
  }
}

export async function withJobLinks(
  provider: ProviderId,
  domain: string,
  items: readonly Mailbox[],
): Promise<MailboxRow[]> {
  const links = await createdByJobs(
    await getDb(),
    provider,
    domain,
    items.map((m) => m.address),
  );
  return items.map((m) => {
    const job = links.get(m.address.toLowerCase());
    return job ? { ...m, createdByJob: job } : m;
  });
}

/**
 * A 404 on a domain's mailboxes usually means the domain is not there, but Hybridbox also
 * answers 404 for a wrong account: ask for the domain list to tell the two apart.
 */
export async function explainMailboxFailure(
  error: unknown,
  provider: ProviderId,
  domain: string,
  signal?: AbortSignal,
): Promise<PublicFailure> {
  const failure = toPublicFailure(error, { provider, domain });
  if (failure.code !== "not_found") return failure;
  signal?.throwIfAborted();
  // A miss reads the list afresh (the domain may be new); a failed read proves nothing.
  const known = await domainCatalog(provider)
    .find(domain)
    .then((d) => d !== null)
    .catch(() => true);
  return known ? failure : { ...failure, code: "unknown_domain" };
}

/**
 * What the browser may learn of a failure: the code, the provider's status and code, and its
 * message with our credentials and account id cut out (a transport error names the URL path,
 * which holds Hybridbox's account id). Anything else is a bug of ours: logged, shown by reference.
 */
export function toPublicFailure(
  error: unknown,
  context: { provider: ProviderId; domain?: string },
): PublicFailure {
  if (!(error instanceof ProviderError)) {
    const ref = randomUUID().slice(0, 8);
    log.error({ err: error, ...context, ref }, "reading from the provider failed");
    return { code: "internal", ref };
  }
  const { code, status, providerCode, message, retryAfterMs } = error.failure;
  const failure: PublicFailure = { code, detail: redact(message, providerSecrets()) };
  if (status !== undefined) failure.status = status;
  if (providerCode !== undefined) failure.providerCode = providerCode;
  if (retryAfterMs !== undefined) failure.retryAfterSeconds = Math.ceil(retryAfterMs / 1000);
  log.warn({ ...context, code, status }, "provider read failed");
  return failure;
}

function providerSecrets(): string[] {
  const { hybridbox, zcom } = env();
  const secrets = [hybridbox.accountId, hybridbox.token];
  if (zcom.auth.kind === "token") secrets.push(zcom.auth.token);
  else secrets.push(zcom.auth.password, zcom.auth.username);
  return secrets;
}
