import "server-only";
import { PROVIDER_LABELS } from "@/lib/mailboxes/provider-id";
import { describeRules } from "@/lib/mailboxes/rules";
import { createOutcomeFromFailure, failureFromUnknown, ProviderError } from "../errors";
import type {
  CreateOutcome,
  Domain,
  Mailbox,
  MailboxPage,
  MailProvider,
  RequestOptions,
} from "../types";
import { createZcomClient, type ZcomClient, type ZcomConfig } from "./client";
import type { EmailDTO, ZcomDomainDTO } from "./schemas";

/** How many addresses a local search reads at most (5 requests of 1000). */
const LOCAL_SEARCH_LIMIT = 5_000;
/** Domains rarely change; resolving a name on every create would double the request count. */
const DOMAIN_CACHE_MS = 60_000;

export interface ZcomProvider extends MailProvider {
  readonly client: ZcomClient;
  close(): void;
}

export function toMailbox(dto: EmailDTO): Mailbox {
  const at = dto.email.lastIndexOf("@");
  const mailbox: Mailbox = {
    id: dto.email_id,
    address: dto.email,
    localPart: dto.email.slice(0, at),
    domain: dto.email.slice(at + 1),
  };
  if (dto.username != null) mailbox.username = dto.username;
  if (dto.total_usage != null) mailbox.totalUsage = dto.total_usage;
  if (dto.spam_filter != null) mailbox.spamFilter = dto.spam_filter;
  if (dto.virus_check != null) mailbox.virusCheck = dto.virus_check;
  return mailbox;
}

const toDomain = (dto: ZcomDomainDTO): Domain => ({ id: dto.domain_id, name: dto.domain_name });

export function createZcomProvider(config: ZcomConfig): ZcomProvider {
  const client = createZcomClient(config);
  const now = config.now ?? Date.now;
  let domainCache: { at: number; domains: Promise<Domain[]> } | undefined;

  async function listDomains(options: RequestOptions = {}): Promise<Domain[]> {
    const domains: Domain[] = [];
    for (;;) {
      const page = await client.listDomains({ offset: domains.length, limit: 1000 }, options);
      domains.push(...page.domains.map(toDomain));
      if (page.domains.length === 0 || domains.length >= page.total_count) return domains;
    }
  }

  function cachedDomains(maxAgeMs: number): Promise<Domain[]> {
    if (!domainCache || now() - domainCache.at > maxAgeMs) {
      // No caller's signal: the list is shared, and one caller giving up must not fail others.
      const domains = listDomains();
      const entry = { at: now(), domains };
      domainCache = entry;
      domains.catch(() => {
        if (domainCache === entry) domainCache = undefined;
      });
    }
    return domainCache.domains;
  }

  /** Z.com needs both: the id to create, the name to spell the address. */
  async function resolveDomain(domain: Domain | string): Promise<Domain> {
    if (typeof domain !== "string") return domain;
    const key = domain.toLowerCase();
    const match = (list: Domain[]) =>
      list.find((d) => d.id === domain || d.name.toLowerCase() === key);
    // A miss may be a domain added since the list was cached: look once more, freshly.
    const found = match(await cachedDomains(DOMAIN_CACHE_MS)) ?? match(await cachedDomains(1_000));
    if (found) return found;
    throw new ProviderError({
      code: "not_found",
      errorClass: "final",
      message: `Z.com has no domain "${domain}" in this account`,
    });
  }

  async function findMailbox(
    domain: Domain | string,
    localPart: string,
    options: RequestOptions = {},
  ) {
    const { id, name } = await resolveDomain(domain);
    const address = `${localPart}@${name}`.toLowerCase();
    for await (const page of client.pagesOfEmails(id, options)) {
      const match = page.emails.find((email) => email.email.toLowerCase() === address);
      if (match) return toMailbox(match);
    }
    return null;
  }

  async function createOne(
    domain: Domain | string,
    item: { localPart: string; password?: string | undefined },
    options: RequestOptions,
  ): Promise<CreateOutcome> {
    if (!item.password) {
      return {
        status: "failed",
        failure: {
          code: "invalid_password",
          errorClass: "final",
          message: "Z.com needs a password for every address; none was given",
        },
      };
    }
    let resolved: Domain;
    try {
      resolved = await resolveDomain(domain);
    } catch (error) {
      // Only a read happened, so nothing was created whatever went wrong.
      const failure = failureFromUnknown(error);
      const errorClass = failure.errorClass === "ambiguous" ? "retryable" : failure.errorClass;
      return {
        status: "failed",
        failure: {
          ...failure,
          errorClass,
          code: failure.code === "unknown_outcome" ? "unavailable" : failure.code,
        },
      };
    }
    try {
      const email = await client.createEmail(
        {
          domainId: resolved.id,
          email: `${item.localPart}@${resolved.name}`,
          password: item.password,
        },
        options,
      );
      return { status: "created", mailbox: toMailbox(email) };
    } catch (error) {
      return createOutcomeFromFailure(failureFromUnknown(error));
    }
  }

  return {
    client,
    capabilities: {
      id: "zcom",
      label: PROVIDER_LABELS.zcom,
      bulkMax: 1,
      passwordRequired: true,
      returnsPasswords: false,
      searchSupported: false,
      namesSupported: false,
      rules: describeRules("zcom"),
    },

    listDomains,

    async listMailboxes(domain, query, options = {}): Promise<MailboxPage> {
      const { id } = await resolveDomain(domain);
      const offset = (query.page - 1) * query.pageSize;
      if (!query.search) {
        const page = await client.listEmails(
          { domainId: id, offset, limit: query.pageSize, sortKey: "email", sortType: "asc" },
          options,
        );
        return {
          items: page.emails.map(toMailbox),
          total: page.total_count,
          page: query.page,
          pageSize: query.pageSize,
        };
      }
      // Z.com cannot search: read up to LOCAL_SEARCH_LIMIT addresses and filter them here.
      const needle = query.search.trim().toLowerCase();
      const matches: Mailbox[] = [];
      let scanned = 0;
      let total = 0;
      for await (const page of client.pagesOfEmails(id, options)) {
        scanned += page.emails.length;
        total = page.totalCount;
        const found = page.emails.filter((e) => e.email.toLowerCase().includes(needle));
        matches.push(...found.map(toMailbox));
        if (scanned >= LOCAL_SEARCH_LIMIT) break;
      }
      const complete = scanned >= total;
      matches.sort((a, b) => a.address.localeCompare(b.address));
      return {
        items: matches.slice(offset, offset + query.pageSize),
        total: matches.length,
        page: query.page,
        pageSize: query.pageSize,
        search: { mode: "local", scanned, complete },
      };
    },

    findMailbox,

    async create(domain, items, options = {}) {
      if (items.length > 1) throw new RangeError("Z.com creates one address per call");
      const [item] = items;
      return item ? [await createOne(domain, item, options)] : [];
    },

    close: () => client.close(),
  };
}
