import { z } from "zod";
import { codedText } from "@/lib/i18n/coded";
import { providerIdSchema } from "@/lib/mailboxes/provider-id";
import { nameSchema, zcomPasswordSchema } from "@/lib/mailboxes/rules";

// What the browser sends to act on mailboxes that exist, shared by the forms and the actions
// (isomorphic). The browser names what the admin chose; the server reads the provider again and
// acts only on what it finds (never on the browser's list as such).

/** At most this many mailboxes per change job (the "select all" of a big domain). */
export const MAX_CHANGE_TARGETS = 100_000;

/**
 * Mailboxes chosen on the domain view: by id (one, or a page), or "all that match the search"
 * (an empty search: the whole domain).
 */
export const selectionSchema = z.discriminatedUnion("mode", [
  z.object({
    mode: z.literal("ids"),
    ids: z.array(z.string().min(1).max(200)).min(1).max(1_000),
  }),
  z.object({ mode: z.literal("search"), search: z.string().trim().max(200) }),
]);
export type Selection = z.infer<typeof selectionSchema>;

/** Type the domain's name and the count: a delete cannot be undone. */
export const confirmationSchema = z.object({
  confirmDomain: z.string().trim().min(1, codedText("changes.typeDomain")).max(253),
  confirmCount: z.coerce
    .number<string | number>()
    .int(codedText("changes.typeCount"))
    .min(1, codedText("changes.typeCount")),
});
export type Confirmation = z.output<typeof confirmationSchema>;

export const deleteMailboxesSchema = confirmationSchema.extend({
  submissionId: z.uuid(),
  provider: providerIdSchema,
  domain: z.string().trim().min(1).max(253),
  selection: selectionSchema,
});

export const undoJobSchema = confirmationSchema.extend({
  submissionId: z.uuid(),
  jobId: z.string().min(1).max(100),
});

/**
 * What is wrong with a confirmation (field → coded message), or null: the typed domain must be
 * the domain (case and surrounding spaces aside) and the typed count the number that will be acted on.
 */
export function confirmationProblems(
  typed: Confirmation,
  domain: string,
  count: number,
): Record<string, string[]> | null {
  const problems: Record<string, string[]> = {};
  if (typed.confirmDomain.trim().toLowerCase() !== domain.toLowerCase()) {
    problems.confirmDomain = [codedText("changes.domainMismatch", { domain })];
  }
  if (typed.confirmCount !== count) {
    problems.confirmCount = [codedText("changes.countMismatch", { count })];
  }
  return Object.keys(problems).length > 0 ? problems : null;
}

/**
 * New passwords (Z.com): generated to the provider's policy for each mailbox, or typed (one
 * mailbox) and checked by the same rules as at creation. Confirmed by the count.
 */
export const newPasswordSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("generate") }),
  z.object({ mode: z.literal("typed"), password: zcomPasswordSchema }),
]);

export const resetPasswordsSchema = z.object({
  submissionId: z.uuid(),
  provider: z.literal("zcom"),
  domain: z.string().trim().min(1).max(253),
  selection: selectionSchema,
  password: newPasswordSchema,
  confirmCount: confirmationSchema.shape.confirmCount,
});

/** Names one mailbox gets (Hybridbox), checked by the rules of creation. */
export const nameChangeSchema = z.object({
  id: z.string().min(1).max(200),
  firstName: nameSchema({ required: true, field: "firstName" }),
  lastName: nameSchema({ required: false, field: "lastName" }),
});

/**
 * Edit names: set the names of the chosen mailboxes, or swap first and last name of every mailbox
 * selected (a column pasted the wrong way round) — swapped from what the provider has now.
 */
export const updateNamesSchema = z.object({
  submissionId: z.uuid(),
  provider: z.literal("hybridbox"),
  domain: z.string().trim().min(1).max(253),
  changes: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("set"), items: z.array(nameChangeSchema).min(1).max(1_000) }),
    z.object({
      mode: z.literal("swap"),
      selection: selectionSchema,
      confirmCount: confirmationSchema.shape.confirmCount,
    }),
  ]),
});
