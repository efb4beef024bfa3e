import "server-only";
import { PROVIDER_LABELS } from "@/lib/mailboxes/provider-id";
import { describeRules } from "@/lib/mailboxes/rules";
import { ProviderError } from "../errors";
import type { Domain, MailProvider, Mailbox, RequestOptions } from "../types";
import { createHybridboxClient, type HybridboxClient, type HybridboxConfig } from "./client";
import { toDomain, toMailbox } from "./mapping";

/** Big enough to page quickly, small enough for an unpublished maximum page size. */
const SCAN_PAGE_SIZE = 100;
/** Stops a provider whose `total` never stops growing from paging forever. */
const MAX_PAGES = 1_000;

export interface HybridboxProvider extends MailProvider {
  readonly client: HybridboxClient;
  close(): void;
}

// Hybridbox takes a domain by id or name; the name is what admins see, so it is what we send.
const domainKey = (domain: Domain | string) => (typeof domain === "string" ? domain : domain.name);

function isInDomain(mailbox: Mailbox, domain: Domain | string, domainId: string): boolean {
  if (typeof domain !== "string") return mailbox.domain.toLowerCase() === domain.name.toLowerCase();
  const key = domain.toLowerCase();
  return mailbox.domain.toLowerCase() === key || domainId === domain;
}

export function createHybridboxProvider(config: HybridboxConfig): HybridboxProvider {
  const client = createHybridboxClient(config);

  return {
    client,
    capabilities: {
      id: "hybridbox",
      label: PROVIDER_LABELS.hybridbox,
      bulkMax: client.bulkMax,
      passwordRequired: false,
      returnsPasswords: false,
      searchSupported: true,
      namesSupported: true,
      rules: describeRules("hybridbox"),
    },

    async listDomains(options: RequestOptions = {}): Promise<Domain[]> {
      const domains: Domain[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const answer = await client.listDomains({ page, pageSize: SCAN_PAGE_SIZE }, options);
        domains.push(...answer.items.map(toDomain));
        if (answer.items.length === 0 || domains.length >= answer.total) break;
      }
      return domains;
    },

    async listMailboxes(domain, query, options = {}) {
      const answer = await client.listMailboxes(
        {
          domain: domainKey(domain),
          search: query.search,
          page: query.page,
          pageSize: query.pageSize,
        },
        options,
      );
      return {
        items: answer.items.map(toMailbox),
        total: answer.total,
        page: answer.page,
        pageSize: answer.page_size,
        ...(query.search ? { search: { mode: "provider" as const } } : {}),
      };
    },

    /**
     * Asks for the address directly first (the docs suggest `/mailboxes/{mailbox}` takes one),
     * then searches by local part and keeps only an exact match: the search semantics
     * (substring, prefix, which fields) are unpublished, so every result page is checked.
     */
    async findMailbox(domain, localPart, options = {}) {
      const wanted = localPart.toLowerCase();
      const name =
        typeof domain === "string" ? (domain.includes(".") ? domain : null) : domain.name;
      if (name) {
        const direct = await client
          .getMailbox(`${wanted}@${name}`, options)
          .catch((error: unknown) => {
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
      // Counted, not computed from our page size: the server may cap page_size lower.
      let seen = 0;
      for (let page = 1; page <= MAX_PAGES; page++) {
        const answer = await client.listMailboxes(
          { domain: domainKey(domain), search: wanted, page, pageSize: SCAN_PAGE_SIZE },
          options,
        );
        for (const dto of answer.items) {
          const mailbox = toMailbox(dto);
          if (
            mailbox.localPart.toLowerCase() === wanted &&
            isInDomain(mailbox, domain, dto.domain_id)
          ) {
            return mailbox;
          }
        }
        seen += answer.items.length;
        if (answer.items.length === 0 || seen >= answer.total) break;
      }
      return null;
    },

    async create(domain, items, options = {}) {
      if (items.length > client.bulkMax) {
        throw new RangeError(`Hybridbox creates at most ${client.bulkMax} mailboxes per call`);
      }
      return client.bulkCreate(domainKey(domain), items, options);
    },

    close: () => client.close(),
  };
}
