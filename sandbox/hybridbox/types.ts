/** The provider's MailboxDTO, field for field; there is deliberately no password field. */
export interface MailboxDto {
  created_at: string;
  domain_id: string;
  domain_name: string;
  first_name: string;
  id: string;
  last_name: string;
  local_part: string;
  primary_email: string;
  quota: { allowed: number; used: number };
  status: "active" | "paused";
  updated_at: string;
  aliases: { alias: string; is_catch_all: boolean }[];
  workspace_id: string | null;
  workspace_name: string | null;
}

export interface WorkspaceRecord {
  id: string;
  name: string;
}

export interface DomainRecord {
  id: string;
  name: string;
  status: string;
  workspace_id: string | null;
  outbound_routing_ready: boolean;
  created_at: string;
}

export interface HybridboxSeed {
  workspaces: WorkspaceRecord[];
  domains: DomainRecord[];
  mailboxes: MailboxDto[];
}

/** Runtime-adjustable limits (start options, PUT /__sandbox/limits). */
export interface HybridboxLimits {
  /** Items per bulk request; more answers 422 for the whole request. */
  bulkMax: number;
  /** Mailboxes per domain; past it creates fail with quota_exceeded. */
  mailboxCapPerDomain: number;
  /** Largest page_size accepted by the list routes. */
  maxPageSize: number;
}
