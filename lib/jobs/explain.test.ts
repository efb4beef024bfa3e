import { describe, expect, it } from "vitest";
import { explainFailure } from "./explain";

describe("failure reasons", () => {
  it("explains known codes and names unknown ones", () => {
    expect(explainFailure("quota_exceeded")).toMatch(/quota/);
    expect(explainFailure("weird_code")).toBe('The provider reported "weird_code".');
  });
});
