import "server-only";
import { PROVIDER_LABELS } from "@/lib/mailboxes/provider-id";
import { describeRules } from "@/lib/mailboxes/rules";
import { ProviderError } from "../errors";
import { PageGeometry, patiently, readPagedRange, scanList, type Slice } from "../paging";
import type { Domain, MailProvider, Mailbox, RequestOptions, ScanMailboxesOptions } from "../types";
import { createHybridboxClient, type HybridboxClient, type HybridboxConfig } from "./client";
import { toDomain, toMailbox } from "./mapping";

/** Big enough to page quickly; a provider that caps lower is read in its own page size. */
const SCAN_PAGE_SIZE = 100;
/** A domain list is what an admin waits for on a page: give up on a busy provider sooner. */
const DOMAINS_WAIT_BUDGET_MS = 10_000;
/** How long one page of the mailbox view waits out a busy provider before saying so. */
const VIEW_PATIENCE_MS = 10_000;

export interface HybridboxProvider extends MailProvider {
  readonly client: HybridboxClient;
  close(): void;
}

// Hybridbox takes a domain by id or name; the name is what admins see, so it is what we send.
const domainKey = (domain: Domain | string) => (typeof domain === "string" ? domain : domain.name);

function isInDomain(mailbox: Mailbox, domain: Domain | string): boolean {
  if (typeof domain !== "string") return mailbox.domain.toLowerCase() === domain.name.toLowerCase();
  const key = domain.toLowerCase();
  return mailbox.domain.toLowerCase() === key || mailbox.domainId === domain;
}

export function createHybridboxProvider(config: HybridboxConfig): HybridboxProvider {
  const client = createHybridboxClient(config);
  // Learned per list: the provider may cap `page_size` (silently) differently for each.
  const mailboxPages = new PageGeometry();
  const domainPages = new PageGeometry();

  /** `patienceMs`: how long one page request waits out 429/503 (0: the caller does). */
  function mailboxRange(
    domain: Domain | string | undefined,
    search: string | undefined,
    options: RequestOptions,
    preferredSize: number,
    patienceMs = 0,
  ) {
    return (offset: number, limit: number): Promise<Slice<Mailbox>> =>
      readPagedRange(
        async (page, pageSize) => {
          const query = {
            domain: domain === undefined ? undefined : domainKey(domain),
            search,
            page,
            pageSize,
          };
          const answer = await patiently(
            () => client.listMailboxes(query, options),
            patienceMs,
            options.signal,
          );
          return { items: answer.items.map(toMailbox), total: answer.total };
        },
        mailboxPages,
        offset,
        limit,
        preferredSize,
      );
  }

  let domainsRouteMissing = false;

  async function listedDomains(
    options: RequestOptions & { waitBudgetMs?: number },
  ): Promise<Domain[]> {
    const read = (offset: number, limit: number) =>
      readPagedRange(
        async (page, pageSize) => {
          const answer = await client.listDomains({ page, pageSize }, options);
          return { items: answer.items.map(toDomain), total: answer.total };
        },
        domainPages,
        offset,
        limit,
      );
    const domains: Domain[] = [];
    for await (const batch of scanList(read, (d) => d.id, {
      signal: options.signal,
      pageSize: SCAN_PAGE_SIZE,
      waitBudgetMs: options.waitBudgetMs ?? DOMAINS_WAIT_BUDGET_MS,
    })) {
      domains.push(...batch);
    }
    return domains;
  }

  /**
   * Without `GET /domains`, only published routes: the configured names, each read with
   * `GET /domains/{domain}` [doc]; else the domains the account's mailboxes are in.
   */
  async function knownDomains(
    options: RequestOptions & { waitBudgetMs?: number },
  ): Promise<Domain[]> {
    if (config.domains && config.domains.length > 0) {
      const found: Domain[] = [];
      for (const name of config.domains) {
        const dto = await client.getDomain(name, options);
        if (dto) found.push(toDomain(dto));
      }
      return found;
    }
    const seen = new Map<string, Domain>();
    const read = mailboxRange(undefined, undefined, options, SCAN_PAGE_SIZE);
    for await (const batch of scanList(read, (m) => m.id, {
      signal: options.signal,
      pageSize: SCAN_PAGE_SIZE,
      waitBudgetMs: options.waitBudgetMs ?? DOMAINS_WAIT_BUDGET_MS,
    })) {
      for (const m of batch) {
        const key = m.domainId ?? m.domain;
        const known = seen.get(key);
        if (known) known.mailboxCount = (known.mailboxCount ?? 0) + 1;
        else seen.set(key, { id: key, name: m.domain, mailboxCount: 1 });
      }
    }
    return [...seen.values()];
  }

  function scanMailboxes(
    domain: Domain | string,
    options: ScanMailboxesOptions = {},
  ): AsyncGenerator<Mailbox[]> {
    const read = mailboxRange(domain, options.search, options, SCAN_PAGE_SIZE);
    return scanList(read, (m) => m.id, {
      signal: options.signal,
      waitBudgetMs: options.waitBudgetMs,
      pageSize: SCAN_PAGE_SIZE,
    });
  }

  return {
    client,
    capabilities: {
      id: "hybridbox",
      label: PROVIDER_LABELS.hybridbox,
      get bulkMax() {
        return client.bulkMax;
      },
      passwordRequired: false,
      returnsPasswords: false,
      searchSupported: true,
      namesSupported: true,
      passwordReset: false,
      rules: describeRules("hybridbox"),
    },

    async listDomains(options = {}): Promise<Domain[]> {
      if (!domainsRouteMissing) {
        try {
          return await listedDomains(options);
        } catch (error) {
          const status = error instanceof ProviderError ? error.failure.status : undefined;
          if (status !== 404 && status !== 405) throw error;
          // `GET /domains` is not published: this account does not serve it.
          domainsRouteMissing = true;
        }
      }
      return knownDomains(options);
    },

    async listMailboxes(domain, query, options = {}) {
      const read = mailboxRange(domain, query.search, options, query.pageSize, VIEW_PATIENCE_MS);
      const slice = await read((query.page - 1) * query.pageSize, query.pageSize);
      return {
        ...slice,
        page: query.page,
        pageSize: query.pageSize,
        ...(query.search ? { search: { mode: "provider" as const } } : {}),
      };
    },

    scanMailboxes,

    /**
     * Asks for the address directly first (the docs suggest `/mailboxes/{mailbox}` takes one),
     * then searches by local part and keeps only an exact match: the search semantics
     * (substring, prefix, which fields) are unpublished, so every result is checked.
     */
    async findMailbox(domain, localPart, options = {}) {
      const wanted = localPart.toLowerCase();
      const name =
        typeof domain === "string" ? (domain.includes(".") ? domain : null) : domain.name;
      if (name) {
        const direct = await patiently(
          () => client.getMailbox(`${wanted}@${name}`, options),
          VIEW_PATIENCE_MS,
          options.signal,
        ).catch((error: unknown) => {
          // A refusal (say 422, "not an id") or an unexpected shape only means this shortcut
          // is not supported; an outage is the caller's to retry.
          const failure = error instanceof ProviderError ? error.failure : undefined;
          if (failure?.errorClass === "final" || failure?.code === "bad_response") return null;
          throw error;
        });
        const sameDomain = direct?.domain_name.toLowerCase() === name.toLowerCase();
        if (direct && sameDomain && direct.local_part.toLowerCase() === wanted) {
          return toMailbox(direct);
        }
      }
      for await (const batch of scanMailboxes(domain, { ...options, search: wanted })) {
        for (const mailbox of batch) {
          if (mailbox.localPart.toLowerCase() === wanted && isInDomain(mailbox, domain)) {
            return mailbox;
          }
        }
      }
      return null;
    },

    async create(domain, items, options = {}) {
      if (items.length > client.configuredBulkMax) {
        throw new RangeError(
          `Hybridbox creates at most ${client.configuredBulkMax} mailboxes per call`,
        );
      }
      return client.bulkCreate(domainKey(domain), items, options);
    },

    // By id: `{mailbox}` taking an address is only probable, an id is what the docs name.
    async readMailbox(mailbox, options = {}) {
      const dto = await client.getMailbox(mailbox.id, options);
      return dto ? toMailbox(dto) : null;
    },

    deleteMailbox: (mailbox, options = {}) => client.deleteMailbox(mailbox.id, options),

    async updateNames(mailbox, names, options = {}) {
      const dto = await client.updateMailbox(mailbox.id, names, options);
      return toMailbox(dto);
    },

    close: () => client.close(),
  };
}
