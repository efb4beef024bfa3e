import type { RoleMapping } from "@/lib/config/resolve";
import { ROLES, type Role } from "./roles";

export interface RoleDecision {
  role: Role;
  /** "claim": some value of the claim matched; "default": none did, or no mapping is set. */
  from: "claim" | "default";
  /** The claim values that gave the role (empty for the default). */
  values: string[];
}

/**
 * The role a person gets from their ID token's claims: the strongest role one of whose values
 * the claim holds, else the default. A claim may be an array of strings or one string; a dotted
 * claim name reaches into nested objects (Keycloak's `realm_access.roles`). Values compare
 * exactly, as the identity provider spells them (group ids, role names).
 */
export function roleFromClaims(
  claims: Record<string, unknown>,
  mapping: RoleMapping | undefined,
  defaultRole: Role,
): RoleDecision {
  if (!mapping) return { role: defaultRole, from: "default", values: [] };
  const held = new Set(claimValues(claims, mapping.claim));
  for (const role of [...ROLES].reverse()) {
    const matched = mapping.values[role].filter((v) => held.has(v));
    if (matched.length > 0) return { role, from: "claim", values: matched };
  }
  return { role: defaultRole, from: "default", values: [] };
}

function claimValues(claims: Record<string, unknown>, name: string): string[] {
  // A claim whose name itself holds dots (`https://example.com/roles`) wins over a nested path.
  let value: unknown = name in claims ? claims[name] : undefined;
  if (value === undefined) {
    value = name
      .split(".")
      .reduce<unknown>(
        (at, key) =>
          at && typeof at === "object" && !Array.isArray(at)
            ? (at as Record<string, unknown>)[key]
            : undefined,
        claims,
      );
  }
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}
