import "server-only";
import { z } from "zod";

// Wire shapes of the Z.com Mail API v1.0 and Identity v2.0 (shared/providers/zcom.md).
// IDs are "UUID" in the docs but short strings in the examples, so they are never checked as
// UUIDs; booleans are typed "string" in the tables but JSON booleans in the examples, so both
// are read.

const idSchema = z.union([z.string().min(1), z.number().transform(String)]);
const flexBoolean = z.union([
  z.boolean(),
  z.enum(["true", "false"]).transform((v) => v === "true"),
]);
const flexNumber = z.union([
  z.number(),
  z
    .string()
    .regex(/^\d+(\.\d+)?$/)
    .transform(Number),
]);

export const emailDtoSchema = z.object({
  domain_id: idSchema,
  email_id: idSchema,
  email: z.string().includes("@"),
  username: z.string().nullish(),
  total_usage: flexNumber.nullish(),
  virus_check: flexBoolean.nullish(),
  spam_filter: flexBoolean.nullish(),
  spam_filter_type: z.string().nullish(),
  forwarding_copy: flexBoolean.nullish(),
});
export type EmailDTO = z.output<typeof emailDtoSchema>;

/** `POST /v1/emails` and `GET /v1/emails/{id}` answer `{"email": {...}}`; this unwraps it. */
export const emailEnvelopeSchema = z
  .object({ email: emailDtoSchema })
  .transform((envelope) => envelope.email);

const counts = {
  total_count: z.int().nonnegative(),
  current_count: z.int().nonnegative().nullish(),
};

export const emailListSchema = z.object({ emails: z.array(emailDtoSchema), ...counts });
export type EmailListDTO = z.output<typeof emailListSchema>;

export const domainDtoSchema = z.object({
  domain_id: idSchema,
  domain_name: z.string().min(1),
  service_id: idSchema.nullish(),
});
export type ZcomDomainDTO = z.output<typeof domainDtoSchema>;

export const domainListSchema = z.object({ domains: z.array(domainDtoSchema), ...counts });
export type DomainListDTO = z.output<typeof domainListSchema>;

export interface CreateEmailRequestDTO {
  domain_id: string;
  email: string;
  password: string;
}

export interface TokenRequestDTO {
  auth: { passwordCredentials: { username: string; password: string }; tenantId?: string };
}

export const tokenResponseSchema = z.object({
  access: z.object({
    token: z.object({
      id: z.string().min(1),
      expires: z.string().nullish(),
      issued_at: z.string().nullish(),
    }),
  }),
});

export type SortType = "asc" | "desc";
export type DomainSortKey = "create_date" | "domain_name";
export type EmailSortKey = "create_date" | "email";
