import { describe, expect, it } from "vitest";
import { toFieldErrors } from "@/lib/actions/create-action-client";
import { JOB_MAX_ROWS, jobPartSchema, PART_MAX_ROWS } from "./submission";

const part = (over: Record<string, unknown> = {}) => ({
  submissionId: "6f1d3c2a-9b7e-4c5d-8a1f-2e3b4c5d6e7f",
  provider: "zcom",
  domain: "example.com",
  partNo: 0,
  partsTotal: 1,
  rowsTotal: 2,
  rows: [
    { localPart: "ann-lee", firstName: "Ann" },
    { localPart: "bob", password: "Weak" },
  ],
  ...over,
});

describe("a submitted part", () => {
  it("is refused whole, with an error on each bad cell, keyed as the form's fields", () => {
    const result = jobPartSchema.safeParse(
      part({ rows: [{ localPart: "Ann.Lee" }, { localPart: "bob", password: "Weak" }] }),
    );
    expect(result.success).toBe(false);
    const errors = toFieldErrors(result.error!);
    expect(Object.keys(errors).sort()).toEqual(["rows.0.localPart", "rows.1.password"]);
  });

  it("refuses duplicates inside the part on every row involved", () => {
    const result = jobPartSchema.safeParse(
      part({ rows: [{ localPart: "ann" }, { localPart: "ANN" }] }),
    );
    expect(result.success).toBe(false);
    expect(Object.keys(toFieldErrors(result.error!)).sort()).toEqual([
      "rows.0.localPart",
      "rows.1.localPart",
    ]);
  });

  it("refuses more than 100,000 rows per job with a clear message", () => {
    const result = jobPartSchema.safeParse(part({ rowsTotal: JOB_MAX_ROWS + 1, partsTotal: 11 }));
    expect(result.success).toBe(false);
    expect(JSON.stringify(toFieldErrors(result.error!))).toMatch(
      /At most 100,000 rows per job; split the list/,
    );
  });

  it("refuses a part over 10,000 rows and a part number out of range", () => {
    const rows = Array.from({ length: PART_MAX_ROWS + 1 }, (_, i) => ({ localPart: `u${i}` }));
    expect(jobPartSchema.safeParse(part({ rows, rowsTotal: rows.length })).success).toBe(false);
    expect(jobPartSchema.safeParse(part({ partNo: 1, partsTotal: 1 })).success).toBe(false);
  });

  it("takes a valid part, normalising local parts", () => {
    const result = jobPartSchema.parse(part({ rows: [{ localPart: " Ann-Lee " }], rowsTotal: 1 }));
    expect(result.rows[0]?.localPart).toBe("ann-lee");
  });

  it("takes as retryOf only a job id, never a path or a script", () => {
    const job = "0b8e2f4c-1d3a-4e5b-9c7d-6f8a9b0c1d2e";
    const valid = { rows: [{ localPart: "ann" }], rowsTotal: 1 };
    expect(jobPartSchema.parse(part({ ...valid, retryOf: job })).retryOf).toBe(job);
    for (const retryOf of [
      "../../api/domains/hybridbox/acme.example/export",
      "javascript:alert(1)",
      "x",
      `${job}?x`,
      "",
    ]) {
      const result = jobPartSchema.safeParse(part({ ...valid, retryOf }));
      expect(result.success, retryOf).toBe(false);
      expect(Object.keys(toFieldErrors(result.error!))).toEqual(["retryOf"]);
    }
  });
});
