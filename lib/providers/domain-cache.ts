import type { Domain } from "./types";

/**
 * A provider's domain list, read once and shared for a while: domains rarely change, and reading
 * them for every page, submission or create would double the requests. A failed read is not
 * kept; a lookup that misses reads once more, freshly (the domain may be new).
 */
export interface DomainCache {
  list(maxAgeMs?: number): Promise<Domain[]>;
  /** By id or name (any case); null when the provider has no such domain. */
  find(idOrName: string): Promise<Domain | null>;
  forget(): void;
}

export function createDomainCache(
  load: () => Promise<Domain[]>,
  options: { maxAgeMs?: number; now?: () => number } = {},
): DomainCache {
  const maxAge = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  let entry: { at: number; domains: Promise<Domain[]> } | undefined;

  function list(maxAgeMs = maxAge): Promise<Domain[]> {
    if (!entry || now() - entry.at > maxAgeMs) {
      // No caller's signal: the list is shared, and one caller giving up must not fail others.
      const domains = load();
      const mine = { at: now(), domains };
      entry = mine;
      domains.catch(() => {
        if (entry === mine) entry = undefined;
      });
    }
    return entry.domains;
  }

  return {
    list,
    async find(idOrName) {
      const key = idOrName.toLowerCase();
      const match = (domains: Domain[]) =>
        domains.find((d) => d.id === idOrName || d.name.toLowerCase() === key) ?? null;
      return match(await list()) ?? match(await list(1_000));
    },
    forget() {
      entry = undefined;
    },
  };
}
