import fc from "fast-check";
import { describe, expect, it } from "vitest";

describe("property tests", () => {
  it("run from a fixed seed unless FC_SEED says otherwise", () => {
    const seed = fc.readConfigureGlobal().seed;
    if (process.env.FC_SEED === undefined) expect(seed).toBe(20_261_201);
    else expect(typeof seed).toBe("number");
    // The same seed draws the same values: a failure found once is found every time.
    const draw = () => fc.sample(fc.string(), { numRuns: 5 });
    expect(draw()).toEqual(draw());
  });
});
