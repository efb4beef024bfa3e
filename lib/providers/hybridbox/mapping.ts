import "server-only";
import type { Domain, FailureCode, Mailbox } from "../types";
import type { DomainDTO, MailboxDTO } from "./schemas";

export function toMailbox(dto: MailboxDTO): Mailbox {
  const mailbox: Mailbox = {
    id: dto.id,
    address: dto.primary_email,
    localPart: dto.local_part,
    domain: dto.domain_name,
    domainId: dto.domain_id,
  };
  if (dto.first_name != null) mailbox.firstName = dto.first_name;
  if (dto.last_name != null) mailbox.lastName = dto.last_name;
  if (dto.status != null) mailbox.status = dto.status;
  if (dto.quota != null) mailbox.quota = { allowed: dto.quota.allowed, used: dto.quota.used };
  if (dto.aliases != null) mailbox.aliases = dto.aliases.map((a) => a.alias);
  if (dto.created_at != null) mailbox.createdAt = dto.created_at;
  return mailbox;
}

export function toDomain(dto: DomainDTO): Domain {
  const domain: Domain = { id: dto.id, name: dto.name };
  // The list's count when given; a single domain's answer lists its mailboxes instead.
  if (dto.mailbox_count != null) domain.mailboxCount = dto.mailbox_count;
  else if (dto.mailboxes != null) domain.mailboxCount = dto.mailboxes.length;
  return domain;
}

// `failed[].code` values are unpublished; these are the sandbox's [assumed] ones. Anything else is
// shown with its own code and message (provider_error), never dropped.
const ITEM_CODES: Readonly<Record<string, FailureCode>> = {
  mailbox_exists: "already_exists",
  invalid_local_part: "invalid_local_part",
  invalid_name: "invalid_name",
  duplicate_in_request: "duplicate_in_request",
  quota_exceeded: "quota_exceeded",
};

export function itemFailureCode(providerCode: string | null | undefined): FailureCode {
  return (providerCode != null && ITEM_CODES[providerCode]) || "provider_error";
}
