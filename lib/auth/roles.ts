import { z } from "zod";
import { codedText } from "@/lib/i18n/coded";

/** Roles, weakest first: each may do everything the ones before it may. */
export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const roleSchema = z.enum(ROLES, { error: codedText("validation.role") });

/** English names, for server-side text; screens word roles through the catalog ("roles"). */
export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  operator: "Operator",
  admin: "Admin",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  viewer: "Reads jobs, domains and mailboxes.",
  operator:
    "Also creates and retries bulk jobs and downloads their credentials, resets Z.com passwords and edits Hybridbox names.",
  admin:
    "Everything: also deletes mailboxes and undoes creation jobs, manages users and reads the audit trail.",
};

/** Unknown or missing roles (e.g. a row edited by hand) get no rights at all. */
export function hasRole(actual: string | null | undefined, required: Role): boolean {
  const have = ROLES.indexOf(actual as Role);
  return have >= 0 && have >= ROLES.indexOf(required);
}
