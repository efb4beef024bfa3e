import "server-only";
import type { Domain, Mailbox, MailProvider } from "@/lib/providers/types";

const PAGE_SIZE = 500;

/**
 * Every mailbox of a domain by local part, read page by page through the provider's own paging.
 * One read settles any number of rows at once: the preflight, and the rows whose answer was lost.
 */
export async function readDomain(
  provider: MailProvider,
  domain: Domain,
  signal?: AbortSignal,
): Promise<Map<string, Mailbox>> {
  const found = new Map<string, Mailbox>();
  for (let page = 1; ; page++) {
    const result = await provider.listMailboxes(domain, { page, pageSize: PAGE_SIZE }, { signal });
    for (const mailbox of result.items) found.set(mailbox.localPart.toLowerCase(), mailbox);
    if (result.items.length < result.pageSize || page * result.pageSize >= result.total) break;
  }
  return found;
}
