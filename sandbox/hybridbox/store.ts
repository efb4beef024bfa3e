import { deterministicUuid } from "../core/ids";
import { buildHybridboxSeed, DEFAULT_QUOTA_ALLOWED, MAILBOX_ID_NAMESPACE } from "./seed";
import type { DomainRecord, MailboxDto, WorkspaceRecord } from "./types";

export interface NewMailbox {
  first_name: string;
  last_name: string;
  local_part: string;
}

/** Lists are ordered by created_at, then address: stable even when a bulk shares a timestamp. */
const byCreation = (a: MailboxDto, b: MailboxDto): number =>
  a.created_at.localeCompare(b.created_at) || a.primary_email.localeCompare(b.primary_email);

/**
 * The in-memory Hybridbox account. Every read hands out copies, so a response held back by a
 * hang fault still shows the mailbox as it was when the work was done.
 */
export class HybridboxStore {
  private workspaces: WorkspaceRecord[] = [];
  private domains: DomainRecord[] = [];
  private mailboxes = new Map<string, MailboxDto>();
  private mailboxCounter = 0;
  // Indexes, so a 100,000-mailbox domain answers as fast as a small one (a provider would).
  private byAddress = new Map<string, string>();
  private sortedByDomain = new Map<string, MailboxDto[]>();
  private countByDomain = new Map<string, number>();

  constructor(private readonly now: () => Date = () => new Date()) {
    this.reset();
  }

  reset(): void {
    const seed = buildHybridboxSeed();
    this.workspaces = seed.workspaces;
    this.domains = seed.domains;
    this.mailboxes = new Map(seed.mailboxes.map((m) => [m.id, m]));
    this.mailboxCounter = seed.mailboxes.length;
    this.reindex();
  }

  private reindex(): void {
    this.byAddress = new Map();
    this.countByDomain = new Map();
    for (const m of this.mailboxes.values()) {
      this.indexAddresses(m);
      this.bump(m.domain_id, 1);
    }
    this.sortedByDomain.clear();
  }

  private bump(domainId: string, by: number): void {
    this.countByDomain.set(domainId, (this.countByDomain.get(domainId) ?? 0) + by);
  }

  private indexAddresses(m: MailboxDto): void {
    this.byAddress.set(m.primary_email, m.id);
    for (const a of m.aliases) this.byAddress.set(a.alias, m.id);
  }

  /** One domain's mailboxes in list order, sorted once per change, not once per page. */
  private sortedOn(domainId: string): MailboxDto[] {
    let list = this.sortedByDomain.get(domainId);
    if (!list) {
      list = [...this.mailboxes.values()].filter((m) => m.domain_id === domainId).sort(byCreation);
      this.sortedByDomain.set(domainId, list);
    }
    return list;
  }

  listDomains(): DomainRecord[] {
    return [...this.domains]
      .sort((a, b) => a.created_at.localeCompare(b.created_at) || a.name.localeCompare(b.name))
      .map((d) => ({ ...d }));
  }

  /** `ref` is a domain id or a domain name (names compare case-insensitively, like DNS). */
  findDomain(ref: string): DomainRecord | undefined {
    const key = ref.toLowerCase();
    const found = this.domains.find((d) => d.id === key || d.name === key);
    return found && { ...found };
  }

  /** Mailboxes, optionally of one domain and/or workspace, in list order. */
  listMailboxes(filter: { domainId?: string; workspaceId?: string } = {}): MailboxDto[] {
    if (filter.domainId) {
      return this.sortedOn(filter.domainId)
        .filter((m) => !filter.workspaceId || m.workspace_id === filter.workspaceId)
        .map(copy);
    }
    return [...this.mailboxes.values()]
      .filter((m) => !filter.workspaceId || m.workspace_id === filter.workspaceId)
      .sort(byCreation)
      .map(copy);
  }

  countOn(domainId: string): number {
    return this.countByDomain.get(domainId) ?? 0;
  }

  /** `ref` is a mailbox id or its primary address. */
  findMailbox(ref: string): MailboxDto | undefined {
    const key = ref.toLowerCase();
    const direct = this.mailboxes.get(key);
    if (direct) return copy(direct);
    const id = this.byAddress.get(key);
    const byAddress = id ? this.mailboxes.get(id) : undefined;
    return byAddress && byAddress.primary_email === key ? copy(byAddress) : undefined;
  }

  /** An address is taken by a mailbox or by an alias of one. */
  addressTaken(domain: DomainRecord, localPart: string): boolean {
    return this.byAddress.has(`${localPart}@${domain.name}`);
  }

  create(domain: DomainRecord, input: NewMailbox): MailboxDto {
    this.mailboxCounter += 1;
    const workspace = this.workspaces.find((w) => w.id === domain.workspace_id) ?? null;
    const stamp = this.now().toISOString();
    const mailbox: MailboxDto = {
      created_at: stamp,
      domain_id: domain.id,
      domain_name: domain.name,
      first_name: input.first_name,
      id: deterministicUuid(MAILBOX_ID_NAMESPACE, this.mailboxCounter),
      last_name: input.last_name,
      local_part: input.local_part,
      primary_email: `${input.local_part}@${domain.name}`,
      quota: { allowed: DEFAULT_QUOTA_ALLOWED, used: 0 },
      status: "active",
      updated_at: stamp,
      aliases: [],
      workspace_id: workspace?.id ?? null,
      workspace_name: workspace?.name ?? null,
    };
    this.mailboxes.set(mailbox.id, mailbox);
    this.indexAddresses(mailbox);
    this.bump(domain.id, 1);
    this.sortedByDomain.delete(domain.id);
    return copy(mailbox);
  }

  update(id: string, patch: { first_name?: string; last_name?: string }): MailboxDto | undefined {
    const mailbox = this.mailboxes.get(id);
    if (!mailbox) return undefined;
    const changed =
      (patch.first_name !== undefined && patch.first_name !== mailbox.first_name) ||
      (patch.last_name !== undefined && patch.last_name !== mailbox.last_name);
    if (changed) {
      mailbox.first_name = patch.first_name ?? mailbox.first_name;
      mailbox.last_name = patch.last_name ?? mailbox.last_name;
      mailbox.updated_at = this.now().toISOString();
    }
    return copy(mailbox);
  }

  delete(id: string): boolean {
    const mailbox = this.mailboxes.get(id);
    if (!mailbox) return false;
    this.mailboxes.delete(id);
    this.byAddress.delete(mailbox.primary_email);
    for (const a of mailbox.aliases) this.byAddress.delete(a.alias);
    this.bump(mailbox.domain_id, -1);
    this.sortedByDomain.delete(mailbox.domain_id);
    return true;
  }
}

function copy(m: MailboxDto): MailboxDto {
  return { ...m, quota: { ...m.quota }, aliases: m.aliases.map((a) => ({ ...a })) };
}
