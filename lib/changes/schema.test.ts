import { describe, expect, it } from "vitest";
import { confirmationProblems, confirmationSchema, deleteMailboxesSchema } from "./schema";

describe("the delete confirmation", () => {
  const typed = (confirmDomain: string, confirmCount: string | number) =>
    confirmationSchema.parse({ confirmDomain, confirmCount });

  it("passes only with the domain (any case, spaces around) and the exact count", () => {
    expect(confirmationProblems(typed(" Acme.Example ", "12"), "acme.example", 12)).toBeNull();
    expect(confirmationProblems(typed("acme.example", 11), "acme.example", 12)).toEqual({
      confirmCount: ['changes.countMismatch|{"count":12}'],
    });
    expect(confirmationProblems(typed("acme.exampl", 12), "acme.example", 12)).toEqual({
      confirmDomain: ['changes.domainMismatch|{"domain":"acme.example"}'],
    });
  });

  it("refuses an empty domain or a count that is not a positive whole number", () => {
    expect(confirmationSchema.safeParse({ confirmDomain: "", confirmCount: 1 }).success).toBe(
      false,
    );
    for (const count of ["", "0", "1.5", "-3", "abc"]) {
      expect(
        confirmationSchema.safeParse({ confirmDomain: "a.example", confirmCount: count }).success,
        count,
      ).toBe(false);
    }
  });

  it("names what to delete by id or by search, never an open-ended list", () => {
    const base = {
      submissionId: "6f1f6f9e-8b3c-4a51-9f57-1f2d4b1b8a10",
      provider: "zcom",
      domain: "a.example",
      confirmDomain: "a.example",
      confirmCount: 1,
    };
    expect(
      deleteMailboxesSchema.safeParse({ ...base, selection: { mode: "ids", ids: [] } }).success,
    ).toBe(false);
    expect(
      deleteMailboxesSchema.safeParse({ ...base, selection: { mode: "search", search: "" } })
        .success,
    ).toBe(true);
    expect(
      deleteMailboxesSchema.safeParse({ ...base, selection: { mode: "every", ids: ["x"] } })
        .success,
    ).toBe(false);
  });
});
