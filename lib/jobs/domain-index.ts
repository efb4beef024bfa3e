import "server-only";
import type { Domain, Mailbox, MailProvider, ScanMailboxesOptions } from "@/lib/providers/types";

/**
 * Every mailbox of a domain by local part (lower case), read through the provider's own paging
 * (whatever page size it chooses; a 429 is waited out and the read resumes where it stopped).
 * One read settles any number of rows at once: the preflight, and the rows whose answer was lost.
 */
export async function readDomain(
  provider: MailProvider,
  domain: Domain,
  options: Pick<ScanMailboxesOptions, "signal" | "waitBudgetMs"> = {},
): Promise<Map<string, Mailbox>> {
  const found = new Map<string, Mailbox>();
  for await (const batch of provider.scanMailboxes(domain, options)) {
    for (const mailbox of batch) found.set(mailbox.localPart.toLowerCase(), mailbox);
  }
  return found;
}
