import "server-only";
import { getProvider } from "@/lib/providers";
import type { Mailbox } from "@/lib/providers/types";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

/**
 * Every mailbox of a domain (or every match of a search), a batch at a time, each once, through
 * the provider's own paging whatever page size it chooses; a 429 is waited out (within
 * `waitBudgetMs`) and the read resumes where it stopped.
 */
export function mailboxPages(
  provider: ProviderId,
  domain: string,
  options: { search?: string; signal?: AbortSignal; waitBudgetMs?: number } = {},
): AsyncGenerator<Mailbox[], void, undefined> {
  return getProvider(provider).scanMailboxes(domain, options);
}

/** The whole list at once, for sorting; only called when the total is known to be small. */
export async function readAllMailboxes(
  provider: ProviderId,
  domain: string,
  options: { search?: string; signal?: AbortSignal } = {},
): Promise<Mailbox[]> {
  const all: Mailbox[] = [];
  for await (const page of mailboxPages(provider, domain, { ...options, waitBudgetMs: 15_000 }))
    all.push(...page);
  return all;
}
