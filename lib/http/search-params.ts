import { z } from "zod";
import { providerIdSchema } from "@/lib/mailboxes/provider-id";

// Every page's and route's URL parameters, read with a schema: a value that is not one of ours
// (an array from a repeated key, `1e400`, a script) falls back to the default instead of reaching
// a query. Isomorphic. The domain view's parameters live in lib/domains/view.ts.

type Raw = Record<string, string | string[] | undefined>;

/** A repeated key (`?page=1&page=2`) counts with its first value. */
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const param = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => blank(first(v)), schema.optional()).catch(undefined);

/** 1-based page numbers, at most 10,000 (50 per page is half a million rows of history). */
const pageNumber = z.preprocess(
  first,
  z
    .string()
    .regex(/^\d{1,5}$/)
    .transform(Number)
    .pipe(z.int().min(1).max(10_000)),
);

export const jobsParams = z.object({ page: pageNumber.catch(1) });

export const jobIdSchema = z.uuid();

export const bulkParams = z
  .object({
    provider: param(providerIdSchema),
    domain: param(z.string().trim().min(1).max(253)),
    retry: param(jobIdSchema),
  })
  .transform(
    (p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as BulkParams,
  );

export type JobsParams = z.output<typeof jobsParams>;
export interface BulkParams {
  provider?: z.output<typeof providerIdSchema>;
  domain?: string;
  retry?: string;
}

export function readParams<T>(schema: z.ZodType<T>, raw: Raw | URLSearchParams): T {
  return schema.parse(raw instanceof URLSearchParams ? Object.fromEntries(raw) : raw);
}

/** A job id from a route, or null when it cannot be one. */
export function jobIdParam(value: string): string | null {
  const parsed = jobIdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
