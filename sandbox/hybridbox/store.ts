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

  constructor(private readonly now: () => Date = () => new Date()) {
    this.reset();
  }

  reset(): void {
    const seed = buildHybridboxSeed();
    this.workspaces = seed.workspaces;
    this.domains = seed.domains;
    this.mailboxes = new Map(seed.mailboxes.map((m) => [m.id, m]));
    this.mailboxCounter = seed.mailboxes.length;
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
    return [...this.mailboxes.values()]
      .filter((m) => !filter.domainId || m.domain_id === filter.domainId)
      .filter((m) => !filter.workspaceId || m.workspace_id === filter.workspaceId)
      .sort(byCreation)
      .map(copy);
  }

  countOn(domainId: string): number {
    let count = 0;
    for (const m of this.mailboxes.values()) if (m.domain_id === domainId) count += 1;
    return count;
  }

  /** `ref` is a mailbox id or its primary address. */
  findMailbox(ref: string): MailboxDto | undefined {
    const key = ref.toLowerCase();
    const direct = this.mailboxes.get(key);
    if (direct) return copy(direct);
    for (const m of this.mailboxes.values()) if (m.primary_email === key) return copy(m);
    return undefined;
  }

  /** An address is taken by a mailbox or by an alias of one. */
  addressTaken(domain: DomainRecord, localPart: string): boolean {
    const address = `${localPart}@${domain.name}`;
    for (const m of this.mailboxes.values()) {
      if (m.primary_email === address) return true;
      if (m.aliases.some((a) => a.alias === address)) return true;
    }
    return false;
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
    return this.mailboxes.delete(id);
  }
}

function copy(m: MailboxDto): MailboxDto {
  return { ...m, quota: { ...m.quota }, aliases: m.aliases.map((a) => ({ ...a })) };
}
