import { describe, expect, it } from "vitest";
import { bulkParams, jobIdParam, jobsParams } from "./search-params";

describe("search parameters", () => {
  it.each([
    [{}, 1],
    [{ page: "3" }, 3],
    [{ page: "1e400" }, 1], // Infinity: was a 500
    [{ page: "1e5" }, 1],
    [{ page: "-2" }, 1],
    [{ page: "2.5" }, 1],
    [{ page: "NaN" }, 1],
    [{ page: "0x10" }, 1],
    [{ page: ["2", "3"] }, 2],
    [{ page: "9".repeat(400) }, 1],
  ])("reads the jobs page %j as %d", (raw, page) => {
    expect(jobsParams.parse(raw)).toEqual({ page });
  });

  it("reads the bulk page's provider, domain and retry, dropping what is not one", () => {
    expect(
      bulkParams.parse({
        provider: "zcom",
        domain: " acme.example ",
        retry: "6f1d3c2a-9b7e-4c5d-8a1f-2e3b4c5d6e7f",
      }),
    ).toEqual({
      provider: "zcom",
      domain: "acme.example",
      retry: "6f1d3c2a-9b7e-4c5d-8a1f-2e3b4c5d6e7f",
    });
    expect(
      bulkParams.parse({ provider: "evil", domain: "x".repeat(300), retry: "javascript:alert(1)" }),
    ).toEqual({});
    expect(bulkParams.parse({ provider: ["zcom", "hybridbox"], retry: ["a", "b"] })).toEqual({
      provider: "zcom",
    });
  });

  it("takes only a UUID as a job id", () => {
    expect(jobIdParam("6f1d3c2a-9b7e-4c5d-8a1f-2e3b4c5d6e7f")).toBe(
      "6f1d3c2a-9b7e-4c5d-8a1f-2e3b4c5d6e7f",
    );
    for (const bad of ["", "x", "../users", "6f1d3c2a-9b7e-4c5d-8a1f-2e3b4c5d6e7f/", "1e400"])
      expect(jobIdParam(bad)).toBeNull();
  });
});
