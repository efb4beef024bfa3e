import { describe, expect, it } from "vitest";
import { toWire } from "./wire";

describe("toWire", () => {
  it("gives what a JSON answer gives, dates as ISO strings, without a string round trip", () => {
    const value = {
      at: new Date("2026-12-01T10:00:00Z"),
      none: null,
      gone: undefined,
      list: [{ when: new Date(0) }],
      pair: ["a", "b"] as [string, string],
      n: 3,
    };
    expect(toWire(value)).toEqual(JSON.parse(JSON.stringify(value)));
  });
});
