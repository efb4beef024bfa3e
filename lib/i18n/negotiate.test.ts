import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./negotiate";

describe("negotiateLocale", () => {
  it.each([
    ["ko-KR,ko;q=0.9,en-US;q=0.8", "ko"],
    ["ja", "ja"],
    ["ja-JP", "ja"],
    ["en-US,en;q=0.9", "en"],
    ["fr-FR,fr;q=0.9", "en"],
    ["fr;q=0.9,ja;q=0.8", "ja"],
    ["en;q=0.5,ko;q=0.9", "ko"],
    ["ko;q=0,ja;q=0.1", "ja"],
    ["*", "en"],
    ["", "en"],
    [null, "en"],
    ["zz-!!,@@", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});
