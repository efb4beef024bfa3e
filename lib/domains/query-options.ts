import { queryOptions, type QueryClient } from "@tanstack/react-query";
import { FetchError, fetchJson } from "@/lib/client/fetch-json";
import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { Loaded, MailboxListing, ProviderDomains } from "./types";
import { type MailboxView, viewToParams } from "./view";

// Query options per entity, shared by the server page (which prefetches with its own queryFn,
// calling lib/domains/data.ts directly) and the client components (which fetch the route
// handlers). One key per view, so every page, search and sort is cached on its own.

export const domainKeys = {
  all: ["domains"] as const,
  list: (provider: ProviderId) => ["domains", "list", provider] as const,
  /** Every view of one domain's mailboxes; what invalidateDomain clears. */
  mailboxesOf: (provider: ProviderId, domain: string) =>
    ["domains", "mailboxes", provider, domain.toLowerCase()] as const,
  mailboxes: (provider: ProviderId, domain: string, view: MailboxView) =>
    [...domainKeys.mailboxesOf(provider, domain), view] as const,
};

/**
 * A good answer is fresh for 30 s. A failure only for 5 s: long enough that the browser does not
 * ask a failing provider again the moment the server's answer arrives, short enough that coming
 * back to the page asks again. Retry always asks.
 */
const staleUnlessFailed = (loaded: Loaded<unknown> | undefined) =>
  loaded?.ok === false ? 5_000 : 30_000;

export function domainsQuery(provider: ProviderId) {
  return queryOptions({
    queryKey: domainKeys.list(provider),
    queryFn: ({ signal }) =>
      getLoaded<ProviderDomains>(`/api/domains?${new URLSearchParams({ provider })}`, signal),
    staleTime: (query) => staleUnlessFailed(query.state.data),
  });
}

export function mailboxesQuery(provider: ProviderId, domain: string, view: MailboxView) {
  const path = `/api/domains/${provider}/${encodeURIComponent(domain)}/mailboxes`;
  return queryOptions({
    queryKey: domainKeys.mailboxes(provider, domain, view),
    queryFn: ({ signal }) => getLoaded<MailboxListing>(`${path}?${viewToParams(view)}`, signal),
    staleTime: (query) => staleUnlessFailed(query.state.data),
  });
}

/**
 * For pages that change a domain (the job page, when a job creates mailboxes on it): the
 * domain's mailbox views and its provider's domain list (counts) are read again.
 */
export async function invalidateDomain(
  queryClient: QueryClient,
  provider: ProviderId,
  domain: string,
): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: domainKeys.list(provider) }),
    queryClient.invalidateQueries({ queryKey: domainKeys.mailboxesOf(provider, domain) }),
  ]);
}

/**
 * A provider failure comes back as data (`{ok: false}`, HTTP 404/502) and is shown with Retry;
 * anything else (session ended, the console itself failing) is thrown as an Error whose message
 * is the console's own sentence.
 */
async function getLoaded<T>(url: string, signal: AbortSignal): Promise<Loaded<T>> {
  let body: unknown;
  try {
    body = await fetchJson<unknown>(url, { signal, headers: { accept: "application/json" } });
  } catch (error) {
    if (error instanceof FetchError && isLoaded(error.body)) return error.body as Loaded<T>;
    throw error;
  }
  if (isLoaded(body)) return body as Loaded<T>;
  throw new FetchError(200, undefined, body, undefined);
}

function isLoaded(body: unknown): boolean {
  return typeof body === "object" && body !== null && "ok" in body && typeof body.ok === "boolean";
}
