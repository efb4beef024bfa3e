import { describe, expect, it } from "vitest";
import { toFieldErrors } from "@/lib/actions/create-action-client";
import { MAX_ROWS_PER_JOB } from "@/lib/mailboxes/schema";
import { jobPartSchema, PART_MAX_BYTES, PART_MAX_ROWS, splitIntoParts } from "./submission";

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
    const result = jobPartSchema.safeParse(
      part({ rowsTotal: MAX_ROWS_PER_JOB + 1, partsTotal: 11 }),
    );
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

describe("splitting a list into parts", () => {
  // The file: 10,000 rows with 25 extra columns made one 13.7 MB part.
  const wide = Array.from({ length: 10_000 }, (_, i) => ({
    firstName: "Person",
    lastName: `Number${i}`,
    localPart: `person.n${i}`,
    skip: false,
    source: Object.fromEntries(
      Array.from({ length: 28 }, (_, c) => [`Column ${c + 1}`, `${"x".repeat(40)} ${i}-${c}`]),
    ),
  }));
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

  it("keeps every part under the byte limit as well as the row limit, in order", () => {
    expect(bytes(wide)).toBeGreaterThan(10_000_000);
    const parts = splitIntoParts(wide);
    expect(parts.length).toBeGreaterThan(5);
    let next = 0;
    for (const part of parts) {
      expect(part.firstRow).toBe(next);
      expect(part.rows.length).toBeLessThanOrEqual(PART_MAX_ROWS);
      // What the page sends: the part with its envelope.
      expect(
        bytes({ submissionId: "x".repeat(36), domain: "x".repeat(253), ...part }),
      ).toBeLessThan(PART_MAX_BYTES);
      next += part.rows.length;
    }
    expect(next).toBe(wide.length);
  });

  it("splits small rows by count alone", () => {
    const rows = Array.from({ length: 25_001 }, (_, i) => ({ localPart: `u${i}` }));
    expect(splitIntoParts(rows).map((p) => [p.firstRow, p.rows.length])).toEqual([
      [0, 10_000],
      [10_000, 10_000],
      [20_000, 5_001],
    ]);
  });

  it("takes a part's first row and refuses one that runs past the list", () => {
    const ok = part({ rows: [{ localPart: "ann" }], rowsTotal: 3, partsTotal: 2, firstRow: 2 });
    expect(jobPartSchema.parse(ok).firstRow).toBe(2);
    const past = part({ rows: [{ localPart: "ann" }], rowsTotal: 3, partsTotal: 2, firstRow: 3 });
    expect(Object.keys(toFieldErrors(jobPartSchema.safeParse(past).error!))).toEqual(["firstRow"]);
  });

  it("lets the server read a part no larger than the largest the page sends", async () => {
    // @ts-expect-error next.config.mjs has no type declarations
    const config = (await import("../../next.config.mjs")).default as {
      experimental: { serverActions: { bodySizeLimit: string } };
    };
    const limit = config.experimental.serverActions.bodySizeLimit;
    const [, n, unit] = /^(\d+(?:\.\d+)?)(kb|mb)$/.exec(limit)!;
    const limitBytes = Number(n) * (unit === "mb" ? 1024 * 1024 : 1024);
    expect(limitBytes).toBeGreaterThanOrEqual(PART_MAX_BYTES);
    // No more than the largest part plus React's encoding margin: bodies are parsed before the
    // session is checked.
    expect(limitBytes).toBeLessThanOrEqual(PART_MAX_BYTES * 1.5);
  });
});
