import "server-only";
import { codedText } from "@/lib/i18n/coded";
import type { ChangeTarget } from "@/lib/jobs/changes";
import { generatePassword } from "@/lib/mailboxes/password";
import type { Domain, Mailbox, MailProvider } from "@/lib/providers/types";
import { UserError } from "@/lib/user-error";
import type { z } from "zod";
import {
  type Confirmation,
  confirmationProblems,
  nameChangeSchema,
  type newPasswordSchema,
  type Selection,
  type updateNamesSchema,
} from "./schema";
import { readSelection } from "./select";

// What each action will change, decided on the server from what the provider has now (never from
// the browser's list): the actions store these targets as a job. Each refuses with a UserError
// whose field errors go back into the form.

const countProblem = (key: string, count: number) => ({
  confirmCount: [codedText(key, { count })],
});

/** A delete: the selection as read now; the typed domain and count must match it. */
export async function planDelete(
  provider: MailProvider,
  domain: Domain,
  selection: Selection,
  typed: Confirmation,
): Promise<ChangeTarget[]> {
  const mailboxes = await readSelection(provider, domain, selection);
  if (mailboxes.length === 0) throw UserError.coded({ key: "changes.nothingSelected" });
  const problems = confirmationProblems(typed, domain.name, mailboxes.length);
  if (problems) throw UserError.coded({ key: "changes.confirmAgain" }, problems);
  return mailboxes.map((m) => ({ id: m.id, address: m.address }));
}

/** New passwords: one generated per mailbox, or one typed for a single mailbox. */
export async function planPasswordReset(
  provider: MailProvider,
  domain: Domain,
  selection: Selection,
  password: z.output<typeof newPasswordSchema>,
  confirmCount: number,
  generate: () => string = generatePassword,
): Promise<ChangeTarget[]> {
  const mailboxes = await readSelection(provider, domain, selection);
  if (mailboxes.length === 0) throw UserError.coded({ key: "changes.nothingSelected" });
  if (password.mode === "typed" && mailboxes.length !== 1) {
    throw UserError.coded(
      { key: "changes.confirmAgain" },
      { password: [codedText("changes.typedOneOnly")] },
    );
  }
  if (confirmCount !== mailboxes.length) {
    throw UserError.coded(
      { key: "changes.confirmAgain" },
      countProblem("changes.countMismatchReset", mailboxes.length),
    );
  }
  const typed = password.mode === "typed" ? password.password : undefined;
  return mailboxes.map((m) => ({
    id: m.id,
    address: m.address,
    password: typed ?? generate(),
    generated: typed === undefined,
  }));
}

const before = (m: Mailbox): [string, string][] => [
  ["first name", m.firstName ?? ""],
  ["last name", m.lastName ?? ""],
];

/**
 * Names: as typed for each mailbox found on the domain (unchanged ones left alone), or first and
 * last name swapped from what the provider has now (only where the swapped names pass the rules).
 */
export async function planNameChanges(
  provider: MailProvider,
  domain: Domain,
  changes: z.output<typeof updateNamesSchema>["changes"],
): Promise<ChangeTarget[]> {
  let targets: ChangeTarget[];
  if (changes.mode === "set") {
    const found = await readSelection(provider, domain, {
      mode: "ids",
      ids: changes.items.map((i) => i.id),
    });
    const byId = new Map(found.map((m) => [m.id, m]));
    targets = changes.items.flatMap((item) => {
      const m = byId.get(item.id);
      if (!m) return [];
      if ((m.firstName ?? "") === item.firstName && (m.lastName ?? "") === item.lastName) return [];
      return [{ address: m.address, ...item, before: before(m) }];
    });
  } else {
    const found = await readSelection(provider, domain, changes.selection);
    if (changes.confirmCount !== found.length) {
      throw UserError.coded(
        { key: "changes.confirmAgain" },
        countProblem("changes.countMismatchNames", found.length),
      );
    }
    targets = found.flatMap((m) => {
      const swapped = nameChangeSchema.safeParse({
        id: m.id,
        firstName: m.lastName ?? "",
        lastName: m.firstName ?? "",
      });
      return swapped.success ? [{ address: m.address, ...swapped.data, before: before(m) }] : [];
    });
  }
  if (targets.length === 0) throw UserError.coded({ key: "changes.nothingToChange" });
  return targets;
}
