/** The provider's email object, field for field (what create, get and list answer). */
export interface EmailDto {
  domain_id: string;
  email_id: string;
  email: string;
  username: string;
  total_usage: number;
  virus_check: boolean;
  spam_filter: boolean;
  spam_filter_type: "tray" | "subject";
  forwarding_copy: boolean;
}

/** What the store keeps: the object, its creation time for sorting, and only a password hash. */
export interface EmailRecord {
  dto: EmailDto;
  createdAt: number;
  passwordHash: string;
}

export interface ZcomDomainRecord {
  service_id: string;
  domain_id: string;
  domain_name: string;
  createdAt: number;
}

export interface ServiceRecord {
  service_id: string;
  service_name: string;
  status: "active" | "suspended" | "pending" | "creating" | "deleting" | "error";
  createdAt: number;
}

/** Runtime-adjustable limits (start options, PUT /__sandbox/limits). */
export interface ZcomLimits {
  /** Addresses per domain; past it a create answers 400 Quota Exceeded. */
  mailboxCapPerDomain: number;
  /** Lifetime of new tokens; fractions allowed so tests can make it short. */
  tokenTtlSeconds: number;
}
