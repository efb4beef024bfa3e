import "server-only";
import { getProvider, providerIds } from "@/lib/providers";
import { createDomainCache, type DomainCache } from "@/lib/providers/domain-cache";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

/**
 * Each configured provider's domains, through one cache per provider for the whole process: the
 * Domains page, the bulk page, a submission's domain check and the existing-address check all ask
 * here. A page's Retry reads afresh.
 */
const holder = globalThis as typeof globalThis & {
  __domainCaches?: Partial<Record<ProviderId, DomainCache>>;
};

export function domainCatalog(provider: ProviderId): DomainCache {
  const caches = (holder.__domainCaches ??= {});
  return (caches[provider] ??= createDomainCache(() => getProvider(provider).listDomains()));
}

/** Forgets every provider's list (after a change of configuration, or in tests). */
export function forgetDomains(): void {
  for (const id of providerIds) holder.__domainCaches?.[id]?.forget();
}
