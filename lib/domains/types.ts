import type { FailureCode, Mailbox } from "@/lib/providers/types";
import type { ProviderId } from "@/lib/mailboxes/provider-id";

// The JSON the domain pages exchange with their route handlers, and the server seeds into the
// query cache. Types only: safe for client components. Never a token, password or account id.

/**
 * A read that failed at the provider, as the browser may see it. `unknown_domain`: the provider
 * answers, but has no such domain. `internal`: a fault on our side (the log has the reference).
 */
export interface PublicFailure {
  code: FailureCode | "unknown_domain" | "internal";
  /** The provider's HTTP status, when it answered at all. */
  status?: number;
  /** The provider's own error code, verbatim. */
  providerCode?: string;
  /** The provider's message, with anything secret removed. */
  detail?: string;
  retryAfterSeconds?: number;
  /** Our log reference for an `internal` failure. */
  ref?: string;
}

/**
 * A provider read either succeeds or fails with a failure the page explains. Failures are data,
 * not thrown errors, so the server can render them at once (a thrown error is not dehydrated)
 * and one provider's outage never hides the other's domains.
 */
export type Loaded<T> = { ok: true; data: T } | { ok: false; failure: PublicFailure };

export interface DomainSummary {
  id: string;
  name: string;
  /** Only when the provider's list gives it (Hybridbox does; Z.com does not). */
  mailboxCount?: number;
}

export interface ProviderDomains {
  provider: ProviderId;
  domains: DomainSummary[];
}

export type MailboxRow = Mailbox & {
  /** The job of ours that created this mailbox, when our ledger has one. */
  createdByJob?: string;
};

export type SortKey = "address" | "name" | "created" | "usage";
export type SortDir = "asc" | "desc";

export interface MailboxListing {
  provider: ProviderId;
  domain: string;
  items: MailboxRow[];
  /** Mailboxes on the domain, or matching the search. */
  total: number;
  page: number;
  pageSize: number;
  search?: { mode: "provider" } | { mode: "local"; scanned: number; complete: boolean };
  /**
   * How the rows were ordered. `all`: every matching mailbox was read and sorted here, so the
   * order holds across pages. `page`: too many to read at once; only this page is sorted.
   * Absent: the provider's own order.
   */
  sort?: { key: SortKey; dir: SortDir; scope: "all" | "page" };
}
