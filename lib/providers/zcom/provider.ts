import "server-only";
import { PROVIDER_LABELS } from "@/lib/mailboxes/provider-id";
import { describeRules } from "@/lib/mailboxes/rules";
import { createOutcomeFromFailure, failureFromUnknown, ProviderError } from "../errors";
import { createDomainCache } from "../domain-cache";
import { patiently, readOffsetRange, scanList, type Slice } from "../paging";
import type {
  CreateOutcome,
  Domain,
  Mailbox,
  MailboxPage,
  MailProvider,
  RequestOptions,
  ScanMailboxesOptions,
} from "../types";
import { createZcomClient, type ZcomClient, type ZcomConfig } from "./client";
import type { EmailDTO, ZcomDomainDTO } from "./schemas";

/** How many addresses a local search reads at most. */
const LOCAL_SEARCH_LIMIT = 5_000;
/** Asked for per request when reading a whole domain; Z.com documents 1000 as its default. */
const SCAN_LIMIT = 1_000;
/** A search is what an admin waits for on a page: give up on a busy provider sooner. */
const SEARCH_WAIT_BUDGET_MS = 10_000;
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

  async function listDomains(
    options: RequestOptions & { waitBudgetMs?: number } = {},
  ): Promise<Domain[]> {
    const domains: Domain[] = [];
    const read = async (offset: number, limit: number): Promise<Slice<Domain>> => {
      const page = await client.listDomains({ offset, limit }, options);
      return { items: page.domains.map(toDomain), total: page.total_count };
    };
    for await (const batch of scanList(read, (d) => d.id, {
      signal: options.signal,
      pageSize: SCAN_LIMIT,
      waitBudgetMs: options.waitBudgetMs ?? SEARCH_WAIT_BUDGET_MS,
    })) {
      domains.push(...batch);
    }
    return domains;
  }

  /**
   * Every address of a domain, oldest first when the provider honours the sort (an address made
   * while reading then lands on a later page); correct in any order, as the next offset is the
   * count received so far.
   */
  // Z.com's API takes domain ids, admins and pages use names: resolved through a cached list.
  const domains = createDomainCache(() => listDomains(), { maxAgeMs: DOMAIN_CACHE_MS, now });

  async function* scanMailboxes(
    domain: Domain | string,
    options: ScanMailboxesOptions = {},
  ): AsyncGenerator<Mailbox[]> {
    const { id } = await resolveDomain(domain);
    const needle = options.search?.trim().toLowerCase();
    const read = async (offset: number, limit: number): Promise<Slice<Mailbox>> => {
      const page = await client.listEmails(
        { domainId: id, offset, limit, sortKey: "create_date", sortType: "asc" },
        { signal: options.signal },
      );
      return { items: page.emails.map(toMailbox), total: page.total_count };
    };
    for await (const batch of scanList(read, (m) => m.id, {
      signal: options.signal,
      waitBudgetMs: options.waitBudgetMs,
      pageSize: SCAN_LIMIT,
    })) {
      const kept = needle ? batch.filter((m) => m.address.toLowerCase().includes(needle)) : batch;
      if (kept.length > 0) yield kept;
    }
  }

  /** Z.com needs both: the id to create, the name to spell the address. */
  async function resolveDomain(domain: Domain | string): Promise<Domain> {
    if (typeof domain !== "string") return domain;
    const found = await domains.find(domain);
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
    const resolved = await resolveDomain(domain);
    const address = `${localPart}@${resolved.name}`.toLowerCase();
    for await (const batch of scanMailboxes(resolved, options)) {
      const match = batch.find((mailbox) => mailbox.address.toLowerCase() === address);
      if (match) return match;
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
      passwordReset: true,
      rules: describeRules("zcom"),
    },

    listDomains,

    async listMailboxes(domain, query, options = {}): Promise<MailboxPage> {
      const resolved = await resolveDomain(domain);
      const offset = (query.page - 1) * query.pageSize;
      if (!query.search) {
        const slice = await readOffsetRange(
          async (from, limit) => {
            const page = await patiently(
              () =>
                client.listEmails(
                  { domainId: resolved.id, offset: from, limit, sortKey: "email", sortType: "asc" },
                  options,
                ),
              SEARCH_WAIT_BUDGET_MS,
              options.signal,
            );
            return { items: page.emails.map(toMailbox), total: page.total_count };
          },
          offset,
          query.pageSize,
        );
        return { ...slice, page: query.page, pageSize: query.pageSize };
      }
      // Z.com cannot search: read up to LOCAL_SEARCH_LIMIT addresses and filter them here.
      const needle = query.search.trim().toLowerCase();
      const matches: Mailbox[] = [];
      let scanned = 0;
      let complete = true;
      for await (const batch of scanMailboxes(resolved, {
        ...options,
        waitBudgetMs: SEARCH_WAIT_BUDGET_MS,
      })) {
        scanned += batch.length;
        matches.push(...batch.filter((m) => m.address.toLowerCase().includes(needle)));
        if (scanned >= LOCAL_SEARCH_LIMIT) {
          complete = false;
          break;
        }
      }
      matches.sort((a, b) => a.address.localeCompare(b.address));
      return {
        items: matches.slice(offset, offset + query.pageSize),
        total: matches.length,
        page: query.page,
        pageSize: query.pageSize,
        search: { mode: "local", scanned, complete },
      };
    },

    scanMailboxes,
    findMailbox,

    async create(domain, items, options = {}) {
      if (items.length > 1) throw new RangeError("Z.com creates one address per call");
      const [item] = items;
      return item ? [await createOne(domain, item, options)] : [];
    },

    async readMailbox(mailbox, options = {}) {
      const email = await client.getEmail(mailbox.id, options);
      return email ? toMailbox(email) : null;
    },

    deleteMailbox: (mailbox, options = {}) => client.deleteEmail(mailbox.id, options),

    setPassword: (mailbox, password, options = {}) =>
      client.changePassword(mailbox.id, password, options),

    close: () => client.close(),
  };
}
