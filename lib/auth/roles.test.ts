import { describe, expect, it } from "vitest";
import { trustedOrigins } from "./origins";
import { hasRole } from "./roles";

describe("roles", () => {
  it("orders viewer < operator < admin", () => {
    expect(hasRole("admin", "operator")).toBe(true);
    expect(hasRole("operator", "operator")).toBe(true);
    expect(hasRole("operator", "admin")).toBe(false);
    expect(hasRole("viewer", "operator")).toBe(false);
    expect(hasRole("viewer", "viewer")).toBe(true);
  });

  it("gives unknown or missing roles nothing", () => {
    expect(hasRole("user", "viewer")).toBe(false);
    expect(hasRole(null, "viewer")).toBe(false);
    expect(hasRole(undefined, "viewer")).toBe(false);
    expect(hasRole("ADMIN", "viewer")).toBe(false);
  });
});

describe("trusted origins", () => {
  it("trusts the app URL and its loopback twin only", () => {
    expect(trustedOrigins("http://localhost:3000")).toEqual([
      "http://localhost:3000",
      "http://127.0.0.1:3000",
    ]);
    expect(trustedOrigins("https://mail-admin.example.com/")).toEqual([
      "https://mail-admin.example.com",
    ]);
  });
});
