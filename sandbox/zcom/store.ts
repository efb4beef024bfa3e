import type { ZcomIdFormat } from "../core/profile";
import { hashPassword, verifyPassword } from "./rules";
import { emailIdFor, usernameFor, zcomSeed } from "./seed";
import type { EmailDto, EmailRecord, ServiceRecord, ZcomDomainRecord } from "./types";

/**
 * The in-memory Z.com tenant. Passwords exist here only as scrypt hashes; every read hands out
 * copies of the public email object.
 */
export class ZcomStore {
  private services: ServiceRecord[] = [];
  private domains: ZcomDomainRecord[] = [];
  private emails = new Map<string, EmailRecord>();
  private emailCounter = 0;
  // Indexes, so a 100,000-address domain answers as fast as a small one.
  private byAddress = new Map<string, string>();
  private countByDomain = new Map<string, number>();
  private idFormat: ZcomIdFormat = "hex";

  constructor(private readonly now: () => Date = () => new Date()) {
    this.reset();
  }

  /** Ids are fixed when data is seeded: another format re-seeds the data (answers whether it did). */
  setIdFormat(format: ZcomIdFormat): boolean {
    if (format === this.idFormat) return false;
    this.idFormat = format;
    this.reset();
    return true;
  }

  reset(): void {
    const seed = zcomSeed(this.idFormat);
    this.services = seed.services;
    this.domains = seed.domains;
    this.emails = new Map(seed.emails.map((e) => [e.dto.email_id, e]));
    this.emailCounter = seed.emails.length;
    this.byAddress = new Map(seed.emails.map((e) => [e.dto.email, e.dto.email_id]));
    this.countByDomain = new Map();
    for (const e of seed.emails) this.bump(e.dto.domain_id, 1);
  }

  private bump(domainId: string, by: number): void {
    this.countByDomain.set(domainId, (this.countByDomain.get(domainId) ?? 0) + by);
  }

  listServices(): ServiceRecord[] {
    return this.services.map((s) => ({ ...s }));
  }

  findService(id: string): ServiceRecord | undefined {
    const found = this.services.find((s) => s.service_id === id);
    return found && { ...found };
  }

  listDomains(serviceId?: string): ZcomDomainRecord[] {
    return this.domains
      .filter((d) => !serviceId || d.service_id === serviceId)
      .map((d) => ({ ...d }));
  }

  findDomain(id: string): ZcomDomainRecord | undefined {
    const found = this.domains.find((d) => d.domain_id === id);
    return found && { ...found };
  }

  /** Emails with their creation time (for create_date sorting), optionally of one domain. */
  listEmails(domainId?: string): { dto: EmailDto; createdAt: number }[] {
    return [...this.emails.values()]
      .filter((e) => !domainId || e.dto.domain_id === domainId)
      .map((e) => ({ dto: { ...e.dto }, createdAt: e.createdAt }));
  }

  countOn(domainId: string): number {
    return this.countByDomain.get(domainId) ?? 0;
  }

  findEmail(id: string): EmailDto | undefined {
    const found = this.emails.get(id);
    return found && { ...found.dto };
  }

  findByAddress(address: string): EmailDto | undefined {
    const id = this.byAddress.get(address);
    const found = id ? this.emails.get(id) : undefined;
    return found && { ...found.dto };
  }

  create(domain: ZcomDomainRecord, address: string, password: string): EmailDto {
    this.emailCounter += 1;
    const dto: EmailDto = {
      domain_id: domain.domain_id,
      email_id: emailIdFor(this.emailCounter, this.idFormat),
      email: address,
      username: usernameFor(this.emailCounter),
      total_usage: 0,
      virus_check: true,
      spam_filter: true,
      spam_filter_type: "tray",
      forwarding_copy: true,
    };
    this.emails.set(dto.email_id, {
      dto,
      createdAt: this.now().getTime(),
      passwordHash: hashPassword(password),
    });
    this.byAddress.set(dto.email, dto.email_id);
    this.bump(dto.domain_id, 1);
    return { ...dto };
  }

  setPassword(id: string, password: string): boolean {
    const record = this.emails.get(id);
    if (!record) return false;
    record.passwordHash = hashPassword(password);
    return true;
  }

  /** For tests (admin check-password): does this address have this password? */
  passwordMatches(id: string, password: string): boolean {
    const record = this.emails.get(id);
    return record ? verifyPassword(password, record.passwordHash) : false;
  }

  delete(id: string): boolean {
    const record = this.emails.get(id);
    if (!record) return false;
    this.emails.delete(id);
    this.byAddress.delete(record.dto.email);
    this.bump(record.dto.domain_id, -1);
    return true;
  }
}
