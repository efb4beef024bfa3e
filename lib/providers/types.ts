import type { ProviderId } from "@/lib/mailboxes/provider-id";
import type { ProviderRules } from "@/lib/mailboxes/rules";

// Types only, no runtime: safe for client components to `import type` (e.g. to render
// capabilities) without pulling a provider client into the browser bundle.

/**
 * What a caller may do next.
 * - `retryable`: the request never reached the provider (refused, DNS, connect timeout) or the
 *   provider said "not now" (429, 503): sending again is safe, after `retryAfterMs` if given.
 * - `ambiguous`: the request may have been acted on (timeout or reset after connecting, 500/502/
 *   504, an unreadable 2xx): read before any retry of a non-repeatable call.
 * - `final`: the provider answered and sending the same again would get the same answer.
 */
export type ErrorClass = "retryable" | "ambiguous" | "final";

export type FailureCode =
  | "already_exists"
  | "invalid_local_part"
  | "invalid_password"
  | "invalid_name"
  | "duplicate_in_request"
  | "quota_exceeded"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "unavailable"
  | "unknown_outcome"
  | "invalid_request"
  | "bad_response"
  | "provider_error";

export interface ProviderFailure {
  /** Stable, ours: what the UI explains and the runner decides on. */
  code: FailureCode;
  errorClass: ErrorClass;
  /** HTTP status, when the provider answered at all. */
  status?: number;
  /** The provider's own error code (e.g. Hybridbox `failed[].code`), kept verbatim. */
  providerCode?: string;
  /** Human-readable; includes the provider's message. Never a password, token or request body. */
  message: string;
  /** From `Retry-After` (either form), when the provider sent one. */
  retryAfterMs?: number;
}

export interface Capabilities {
  id: ProviderId;
  label: string;
  /**
   * Most items one `create` call should be given (Z.com has no bulk call: 1). Hybridbox starts at
   * the configured maximum and lowers it when the provider refuses a request as too large.
   */
  readonly bulkMax: number;
  /** The caller must supply a password per item (Z.com); Hybridbox takes none. */
  passwordRequired: boolean;
  /** Neither provider ever returns a password; the UI must not promise one. */
  returnsPasswords: false;
  /** `listMailboxes({search})` is answered by the provider, not filtered locally. */
  searchSupported: boolean;
  /** The provider stores first and last names (and can change them: `updateNames`). */
  namesSupported: boolean;
  /** The console can give a mailbox a new password (`setPassword`). */
  passwordReset: boolean;
  /** Plain-language local-part, password and name rules, as shown in the form. */
  rules: ProviderRules;
}

export interface Domain {
  id: string;
  name: string;
  mailboxCount?: number;
}

export interface Mailbox {
  id: string;
  address: string;
  localPart: string;
  /** The domain name (not its id). */
  domain: string;
  /** The provider's id of the domain, when the answer carries it. */
  domainId?: string;
  firstName?: string;
  lastName?: string;
  status?: string;
  /** Opaque provider units (Hybridbox does not document them). */
  quota?: { allowed: number; used: number };
  aliases?: string[];
  /** Z.com's system login id, e.g. `paasmail_00000001`. */
  username?: string;
  totalUsage?: number;
  spamFilter?: boolean;
  virusCheck?: boolean;
  createdAt?: string;
}

export interface CreateItem {
  /** Already normalised by lib/mailboxes (the row schema). */
  localPart: string;
  firstName?: string;
  lastName?: string;
  password?: string;
}

/**
 * One per item, in item order. `unknown` means the provider may or may not have created it: the
 * runner must `findMailbox` before any retry. Its failure is `unknown_outcome` (the answer was
 * lost: timeout, reset, 5xx) or `bad_response` (an answer came but could not be read).
 */
export type CreateOutcome =
  | { status: "created"; mailbox: Mailbox }
  | { status: "failed"; failure: ProviderFailure }
  | { status: "unknown"; failure: ProviderFailure };

/**
 * One page of a view: mailboxes [(page - 1) × pageSize, page × pageSize) of the list. The provider
 * maps it onto its own pages (several requests when it pages in smaller steps).
 */
export interface ListMailboxesQuery {
  /** 1-based. */
  page: number;
  pageSize: number;
  search?: string;
}

export interface MailboxPage {
  items: Mailbox[];
  total: number;
  /** The view's page and size (ours, not the provider's). */
  page: number;
  pageSize: number;
  /**
   * How `search` was applied. `local`: the provider cannot search, so the first `scanned`
   * mailboxes were fetched and filtered here; `complete` says whether that was all of them.
   */
  search?: { mode: "provider" } | { mode: "local"; scanned: number; complete: boolean };
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface ScanMailboxesOptions extends RequestOptions {
  /** Only mailboxes whose address, local part or name contains this (case-insensitive). */
  search?: string;
  /**
   * Longest total time to wait out "not now" answers (429, 503) while reading; the read resumes
   * where it stopped after each. Past it, the last such failure is thrown. Default 60 s.
   */
  waitBudgetMs?: number;
}

/** A mailbox that exists, as the console names it: the provider's id, and its address. */
export interface MailboxRef {
  id: string;
  address: string;
}

export interface NameChange {
  firstName: string;
  lastName: string;
}

export interface MailProvider {
  readonly capabilities: Capabilities;
  /** `waitBudgetMs`: how long to wait out 429/503 answers (default 10 s; 0 = not at all). */
  listDomains(options?: RequestOptions & { waitBudgetMs?: number }): Promise<Domain[]>;
  /** `domain` may be a Domain or its id or name. */
  listMailboxes(
    domain: Domain | string,
    query: ListMailboxesQuery,
    options?: RequestOptions,
  ): Promise<MailboxPage>;
  /**
   * Every mailbox of a domain (or every match of `search`), a batch at a time, each mailbox once,
   * whatever page size, order or paging reading the provider has: the next request starts after
   * what was received, and the read ends at the total or an empty answer.
   */
  scanMailboxes(
    domain: Domain | string,
    options?: ScanMailboxesOptions,
  ): AsyncGenerator<Mailbox[], void, undefined>;
  /** Reads the provider for one address: how the runner verifies an `unknown` outcome. */
  findMailbox(
    domain: Domain | string,
    localPart: string,
    options?: RequestOptions,
  ): Promise<Mailbox | null>;
  /**
   * Creates up to the configured bulk maximum of mailboxes (more is a RangeError), in requests of
   * `capabilities.bulkMax`. Never retries a request whose answer was lost, and never
   * throws for a provider or network failure: those become per-item outcomes.
   */
  create(
    domain: Domain | string,
    items: readonly CreateItem[],
    options?: RequestOptions,
  ): Promise<CreateOutcome[]>;
  /** Reads one mailbox by its id: null when the provider says it does not exist (404). */
  readMailbox(mailbox: MailboxRef, options?: RequestOptions): Promise<Mailbox | null>;
  /**
   * Deletes one mailbox; throws the ProviderError of any refusal or lost answer (a 404 or 405
   * may mean the mailbox is gone or that the provider does not serve the route: read to tell).
   */
  deleteMailbox(mailbox: MailboxRef, options?: RequestOptions): Promise<void>;
  /** Only where `capabilities.passwordReset`: repeatable, throws the ProviderError. */
  setPassword?(mailbox: MailboxRef, password: string, options?: RequestOptions): Promise<void>;
  /** Only where `capabilities.namesSupported`: throws the ProviderError. */
  updateNames?(mailbox: MailboxRef, names: NameChange, options?: RequestOptions): Promise<Mailbox>;
}
