import { describe, expect, it } from "vitest";
import type { RoleMapping } from "@/lib/config/resolve";
import { roleFromClaims } from "./sso-roles";

const mapping = (claim: string): RoleMapping => ({
  claim,
  values: { admin: ["console-admins"], operator: ["mail-operators", "it"], viewer: ["staff"] },
});

describe("roles from the identity provider", () => {
  it("gives the strongest role whose value the claim holds", () => {
    const claims = { groups: ["staff", "it", "console-admins"] };
    expect(roleFromClaims(claims, mapping("groups"), "viewer")).toEqual({
      role: "admin",
      from: "claim",
      values: ["console-admins"],
    });
    expect(roleFromClaims({ groups: ["staff", "it"] }, mapping("groups"), "viewer")).toEqual({
      role: "operator",
      from: "claim",
      values: ["it"],
    });
  });

  it("keeps the default role when nothing matches, the claim is absent or no mapping is set", () => {
    const none = { role: "viewer", from: "default", values: [] };
    expect(roleFromClaims({ groups: ["Console-Admins"] }, mapping("groups"), "viewer")).toEqual(
      none,
    );
    expect(roleFromClaims({}, mapping("groups"), "viewer")).toEqual(none);
    expect(roleFromClaims({ groups: [42, null] }, mapping("groups"), "viewer")).toEqual(none);
    expect(roleFromClaims({ groups: ["console-admins"] }, undefined, "operator")).toEqual({
      ...none,
      role: "operator",
    });
  });

  it("reads a single string, a nested path and a URL-like claim name", () => {
    expect(roleFromClaims({ role: "it" }, mapping("role"), "viewer").role).toBe("operator");
    const keycloak = { realm_access: { roles: ["offline_access", "console-admins"] } };
    expect(roleFromClaims(keycloak, mapping("realm_access.roles"), "viewer").role).toBe("admin");
    const okta = { "https://example.com/roles": ["staff"] };
    expect(roleFromClaims(okta, mapping("https://example.com/roles"), "operator")).toEqual({
      role: "viewer",
      from: "claim",
      values: ["staff"],
    });
  });
});
