import "server-only";
import { z } from "zod";

// Wire shapes of the Hybridbox public API (shared/providers/hybridbox.md). Objects strip unknown
// keys, so new provider fields never break us. Only what identifies a mailbox is required: a
// create is reported "unknown" when its answer cannot be read, and a missing `updated_at` should
// not turn a plainly created mailbox into a verification.

const idSchema = z.string().min(1);

export const mailboxDtoSchema = z.object({
  id: idSchema,
  local_part: z.string().min(1),
  primary_email: z.string().min(3),
  domain_id: idSchema,
  domain_name: z.string().min(1),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  status: z.string().nullish(),
  quota: z.object({ allowed: z.number(), used: z.number() }).nullish(),
  aliases: z.array(z.object({ alias: z.string(), is_catch_all: z.boolean().nullish() })).nullish(),
  workspace_id: z.string().nullish(),
  workspace_name: z.string().nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type MailboxDTO = z.output<typeof mailboxDtoSchema>;

/** `index` is the item's position in that request's `items`. */
export const bulkCreatedSchema = z.object({
  index: z.int().nonnegative(),
  mailbox: mailboxDtoSchema,
});

export const bulkFailedSchema = z.object({
  index: z.int().nonnegative(),
  code: z.string().nullish(),
  message: z.string().nullish(),
});

/**
 * Entries are kept raw here and read one by one, so one malformed entry makes only its own row
 * unknown instead of the whole chunk.
 */
export const bulkCreateResponseSchema = z.object({
  created: z.array(z.unknown()).nullish(),
  failed: z.array(z.unknown()).nullish(),
});

export interface BulkItemDTO {
  first_name: string;
  last_name: string;
  local_part: string;
}

export interface BulkCreateRequestDTO {
  domain: string;
  items: BulkItemDTO[];
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.int(),
    page_size: z.int(),
    total: z.int().nonnegative(),
  });
}

export const mailboxPageSchema = pageSchema(mailboxDtoSchema);
export type MailboxPageDTO = z.output<typeof mailboxPageSchema>;

export const domainMailboxSchema = z.object({
  id: idSchema,
  email: z.string(),
  active: z.boolean().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
});

export const domainDtoSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  status: z.string().nullish(),
  workspace_id: z.string().nullish(),
  outbound_routing_ready: z.boolean().nullish(),
  /**
   * [assumed] Only in the list (`GET /domains`). The docs are silent, so a missing or unreadable
   * count is dropped rather than failing the whole list.
   */
  mailbox_count: z.int().nonnegative().nullish().catch(undefined),
  mailboxes: z.array(domainMailboxSchema).nullish(),
});
export type DomainDTO = z.output<typeof domainDtoSchema>;

export const domainPageSchema = pageSchema(domainDtoSchema);
export type DomainPageDTO = z.output<typeof domainPageSchema>;

/**
 * `POST /mailboxes` is documented by route and arguments only: accept a bare DTO or one wrapped
 * in `{mailbox}`. A preprocess rather than a union, so errors still name the missing field.
 */
export const createMailboxResponseSchema = z.preprocess(
  (body) =>
    typeof body === "object" && body !== null && "mailbox" in body && !("id" in body)
      ? body.mailbox
      : body,
  mailboxDtoSchema,
);
