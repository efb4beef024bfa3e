import { codedText } from "@/lib/i18n/coded";
import { z } from "zod";
import { type ProviderId, providerIdSchema } from "./provider-id";
import { localPartSchema, nameSchema, normalizeLocalPart, zcomPasswordSchema } from "./rules";

// One schema per provider, shared by the bulk page's row checks (cell by cell, as the admin types)
// and the server action, so the two can never disagree. Isomorphic: no server-only imports here.

export { providerIdSchema, type ProviderId };

const firstNameRequired = nameSchema({ required: true, field: "firstName" });
const firstNameOptional = nameSchema({ required: false, field: "firstName" }).default("");
const lastName = nameSchema({ required: false, field: "lastName" }).default("");

export const hybridboxRowSchema = z.object({
  firstName: firstNameRequired,
  lastName,
  localPart: localPartSchema("hybridbox"),
});

/**
 * Z.com stores no names; they are kept for the admin's own records. An empty password means
 * "generate one" (lib/mailboxes/password.ts); whitespace-only is an error, not "empty", so a
 * stray space never silently turns into a generated password.
 */
export const zcomRowSchema = z.object({
  firstName: firstNameOptional,
  lastName,
  localPart: localPartSchema("zcom"),
  password: z
    .string()
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .pipe(zcomPasswordSchema.optional()),
});

export type HybridboxRowInput = z.input<typeof hybridboxRowSchema>;
export type HybridboxRow = z.output<typeof hybridboxRowSchema>;
export type ZcomRowInput = z.input<typeof zcomRowSchema>;
export type ZcomRow = z.output<typeof zcomRowSchema>;
export type RowInput = HybridboxRowInput | ZcomRowInput;
export type Row = HybridboxRow | ZcomRow;

type RowSchemaFor<P extends ProviderId> = P extends "zcom"
  ? typeof zcomRowSchema
  : typeof hybridboxRowSchema;

const ROW_SCHEMAS = { hybridbox: hybridboxRowSchema, zcom: zcomRowSchema } as const;

export function rowSchema<P extends ProviderId>(provider: P): RowSchemaFor<P> {
  return ROW_SCHEMAS[provider] as RowSchemaFor<P>;
}

/** Largest list one job accepts; bigger pastes are split by the admin, not silently truncated. */
export const MAX_ROWS_PER_JOB = 100_000;

/**
 * A whole pasted list: every row valid, and no local part twice after normalisation
 * (`John.Doe` and `john.doe` are the same mailbox). Duplicates are reported on every row involved,
 * even when other rows have errors, so the admin sees all problems in one pass.
 */
export function rowListSchema(
  provider: "hybridbox",
  max?: number,
): z.ZodArray<typeof hybridboxRowSchema>;
export function rowListSchema(provider: "zcom", max?: number): z.ZodArray<typeof zcomRowSchema>;
export function rowListSchema(
  provider: ProviderId,
  max?: number,
): z.ZodArray<typeof hybridboxRowSchema> | z.ZodArray<typeof zcomRowSchema>;
export function rowListSchema(provider: ProviderId, max = MAX_ROWS_PER_JOB) {
  return provider === "zcom" ? listOf(zcomRowSchema, max) : listOf(hybridboxRowSchema, max);
}

function listOf<S extends z.ZodType>(row: S, max: number): z.ZodArray<S> {
  return z
    .array(row)
    .min(1, "Add at least one mailbox")
    .max(max, `At most ${max.toLocaleString("en")} mailboxes per job; split the list`)
    .superRefine((rows, ctx) => addDuplicateIssues(rows, ctx), {
      // Rows with other errors must not hide duplicates elsewhere in the list.
      when: () => true,
    });
}

/**
 * An issue on every row whose local part is also on another row (`path` leads to the rows). The
 * list check of the whole paste and of each submitted part, which has checked its rows already.
 */
export function addDuplicateIssues(
  rows: readonly unknown[],
  ctx: { addIssue: (issue: { code: "custom"; path: PropertyKey[]; message: string }) => void },
  path: PropertyKey[] = [],
): void {
  for (const [localPart, indexes] of duplicateLocalParts(rows)) {
    for (const index of indexes) {
      ctx.addIssue({
        code: "custom",
        path: [...path, index, "localPart"],
        message: codedText("rowRules.alsoOn", { localPart, ...otherRows(indexes, index) }),
      });
    }
  }
}

// Row numbers are 1-based, as the admin sees them; capped so 1,000 copies stay readable.
function otherRows(
  indexes: readonly number[],
  self: number,
): { count: number; rows: string; more: number } {
  const others = indexes.filter((i) => i !== self).map((i) => i + 1);
  return {
    count: others.length,
    rows: others.slice(0, 3).join(", "),
    more: Math.max(0, others.length - 3),
  };
}

/** Normalised local part → row indexes (0-based), for local parts used more than once. */
export function duplicateLocalParts(rows: readonly unknown[]): Map<string, number[]> {
  const seen = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const raw =
      typeof row === "object" && row !== null
        ? (row as { localPart?: unknown }).localPart
        : undefined;
    if (typeof raw !== "string") return;
    const key = normalizeLocalPart(raw);
    if (key === "") return;
    const list = seen.get(key);
    if (list) list.push(index);
    else seen.set(key, [index]);
  });
  return new Map([...seen].filter(([, indexes]) => indexes.length > 1));
}
