import "server-only";
import { getProvider } from "@/lib/providers";
import type { Mailbox, ProviderId } from "@/lib/providers/types";

/**
 * Page size for reading a whole domain: Z.com documents 1000 as its default limit; Hybridbox
 * publishes no maximum, so 100 stays well inside any sensible one.
 */
const SCAN_PAGE_SIZE: Readonly<Record<ProviderId, number>> = { hybridbox: 100, zcom: 1000 };
/** Stops a provider whose total keeps growing from being read forever. */
const MAX_PAGES = 10_000;

/**
 * Every mailbox of a domain (or every match of a search), one provider page at a time, through
 * the provider's own paging. A mailbox seen on an earlier page (the list shifted while we read)
 * is not yielded twice.
 */
export async function* mailboxPages(
  provider: ProviderId,
  domain: string,
  options: { search?: string; signal?: AbortSignal } = {},
): AsyncGenerator<Mailbox[]> {
  const client = getProvider(provider);
  const pageSize = SCAN_PAGE_SIZE[provider];
  const seen = new Set<string>();
  // Counted, not computed from our page size: a provider may cap page sizes lower.
  let read = 0;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await client.listMailboxes(
      domain,
      { page, pageSize, ...(options.search ? { search: options.search } : {}) },
      { signal: options.signal },
    );
    const fresh = answer.items.filter((m) => !seen.has(m.id));
    for (const m of fresh) seen.add(m.id);
    if (fresh.length > 0) yield fresh;
    read += answer.items.length;
    if (answer.items.length === 0 || read >= answer.total) return;
  }
}

/** The whole list at once, for sorting; only called when the total is known to be small. */
export async function readAllMailboxes(
  provider: ProviderId,
  domain: string,
  options: { search?: string; signal?: AbortSignal } = {},
): Promise<Mailbox[]> {
  const all: Mailbox[] = [];
  for await (const page of mailboxPages(provider, domain, options)) all.push(...page);
  return all;
}
