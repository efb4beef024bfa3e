import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { words } from "@/lib/testing/words";
import {
  describeRules,
  localPartProblems as localPartCodes,
  localPartSchema,
  nameSchema,
  normalizeLocalPart,
  passwordProblems as passwordCodes,
  zcomPasswordSchema,
} from "./rules";
import type { ProviderId } from "./provider-id";

// The problems are catalog codes; these tests read them as an English reader does.
const localPartProblems = (provider: ProviderId, value: string) =>
  localPartCodes(provider, value).map(words);
const passwordProblems = (value: string) => passwordCodes(value).map(words);

// Independent statements of the rules, written as plain regular expressions straight from
// shared/providers/*.md, so the property tests compare two different formulations.
const normalise = (s: string) => s.normalize("NFKC").trim().toLowerCase();
const zcomLocalOk = (s: string) => /^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/.test(s);
const hybridboxLocalOk = (s: string) =>
  /^[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/.test(s) && !s.includes("..");
const zcomPasswordOk = (s: string) =>
  /^[A-Za-z0-9!#$%&?"'=+\-_{}[\]^~:;().,/|\\*@]{9,70}$/.test(s) &&
  /[A-Z]/.test(s) &&
  /[a-z]/.test(s) &&
  /[0-9]/.test(s);

// Characters near every boundary of the rules: allowed, forbidden, and ones NFKC or lower-casing
// turn into allowed ones.
const localChars = [
  ..."abcxyz019-._@ A\u00a0\u3000é`<",
  "Ｊ", // full-width J → j
  "\u212a", // Kelvin sign → k
  "\u0130", // İ lower-cases to i + combining dot
  "\u200b",
];
const passwordChars = [..."aZ09!\"'\\`<> \u201cé~|*@{}()[]=+-_"];
const from = (chars: string[], maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...chars), maxLength });

describe("normalizeLocalPart", () => {
  it("trims, applies NFKC and lower-cases", () => {
    expect(normalizeLocalPart("  John.Doe ")).toBe("john.doe");
    expect(normalizeLocalPart("ＪＯＨＮ")).toBe("john");
    expect(normalizeLocalPart("\u3000ann\u00a0")).toBe("ann");
  });
});

describe("local part schemas", () => {
  it("returns the normalised value", () => {
    expect(localPartSchema("hybridbox").parse("John.Doe")).toBe("john.doe");
    expect(localPartSchema("zcom").parse(" Sales-1 ")).toBe("sales-1");
  });

  it("names the characters Z.com does not allow", () => {
    expect(localPartProblems("zcom", "john.doe")).toEqual([
      'Only a–z, 0–9 and - are allowed (no dots); found "."',
    ]);
    expect(localPartProblems("zcom", "a b\u200b\u200e")).toEqual([
      "Only a–z, 0–9 and - are allowed (no dots); found space, zero-width space, U+200E",
    ]);
  });

  it("reports each Z.com problem", () => {
    expect(localPartProblems("zcom", "-")).toEqual([
      "Must be 2–63 characters (this one has 1)",
      "Must not start or end with -",
    ]);
    expect(localPartProblems("zcom", "a".repeat(64))).toEqual([
      "Must be 2–63 characters (this one has 64)",
    ]);
    expect(localPartProblems("zcom", "ab")).toEqual([]);
  });

  it("reports each Hybridbox problem", () => {
    expect(localPartProblems("hybridbox", "a")).toEqual([]);
    expect(localPartProblems("hybridbox", ".a..b_")).toEqual([
      "Must start and end with a letter or digit",
      "Must not contain two dots in a row (..)",
    ]);
  });

  it("explains a whole address pasted as a local part, and an empty one", () => {
    expect(localPartProblems("hybridbox", "ann@example.com")).toEqual([
      "Enter only the part before the @ (the domain is chosen separately)",
    ]);
    expect(words(localPartSchema("zcom").safeParse("   ").error?.issues[0]?.message)).toBe(
      "Enter the part before the @",
    );
    expect(words(localPartSchema("zcom").safeParse(42).error?.issues[0]?.message)).toBe(
      "Enter the part before the @",
    );
  });

  it("Z.com: accepts exactly what the independent rule accepts", () => {
    const schema = localPartSchema("zcom");
    fc.assert(
      fc.property(from(localChars, 70), (s) => {
        expect(schema.safeParse(s).success).toBe(zcomLocalOk(normalise(s)));
      }),
      { numRuns: 3000 },
    );
  });

  it("Hybridbox: accepts exactly what the independent rule accepts", () => {
    const schema = localPartSchema("hybridbox");
    fc.assert(
      fc.property(from(localChars, 70), (s) => {
        expect(schema.safeParse(s).success).toBe(hybridboxLocalOk(normalise(s)));
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees with the independent rules on arbitrary Unicode too", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 70 }), (s) => {
        expect(localPartSchema("zcom").safeParse(s).success).toBe(zcomLocalOk(normalise(s)));
        expect(localPartSchema("hybridbox").safeParse(s).success).toBe(
          hybridboxLocalOk(normalise(s)),
        );
      }),
      { numRuns: 1000 },
    );
  });
});

describe("Z.com password", () => {
  it("accepts the documented example and ASCII quotes", () => {
    expect(passwordProblems("ZE!Zr0vKO")).toEqual([]);
    expect(passwordProblems(`Ab1"'\\|*@{}[]`)).toEqual([]);
  });

  it("reports every failure reason separately", () => {
    expect(passwordProblems("short")).toEqual([
      "Must be 9–70 characters (this one has 5)",
      "Needs at least one capital letter (A–Z)",
      "Needs at least one digit (0–9)",
    ]);
    expect(passwordProblems("ABCDEFGH1")).toEqual(["Needs at least one small letter (a–z)"]);
    expect(passwordProblems("Abcdefgh1<")).toEqual(['Character not allowed: "<"']);
    expect(passwordProblems("Abc defgh1`é\u201c")).toEqual([
      'Characters not allowed: space, "`", "é", "\u201c"',
    ]);
    expect(passwordProblems(`Aa1${"x".repeat(68)}`)).toEqual([
      "Must be 9–70 characters (this one has 71)",
    ]);
  });

  it("never puts the password into the zod issue", () => {
    const result = zcomPasswordSchema.safeParse("secretpw<", { reportInput: true });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).not.toContain("secretpw");
  });

  it("accepts exactly what the independent rule accepts", () => {
    fc.assert(
      fc.property(from(passwordChars, 75), (s) => {
        expect(zcomPasswordSchema.safeParse(s).success).toBe(zcomPasswordOk(s));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii", minLength: 9, maxLength: 72 }), (s) => {
        expect(zcomPasswordSchema.safeParse(s).success).toBe(zcomPasswordOk(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe("names", () => {
  const first = nameSchema({ required: true, field: "firstName" });
  const last = nameSchema({ required: false, field: "lastName" });

  it("trims and requires a first name", () => {
    expect(first.parse("  Ann ")).toBe("Ann");
    expect(first.safeParse("  ").error?.issues.map((i) => words(i.message))).toEqual([
      "Enter a first name",
    ]);
    expect(last.parse(" ")).toBe("");
  });

  it("rejects control characters and over-long names, counting code points", () => {
    expect(words(first.safeParse("An\tn").error?.issues[0]?.message)).toBe(
      "Must not contain control characters such as tabs or line breaks",
    );
    expect(first.safeParse("A\u007f").success).toBe(false);
    expect(last.safeParse("😀".repeat(100)).success).toBe(true);
    expect(words(last.safeParse("é".repeat(101)).error?.issues[0]?.message)).toBe(
      "Must be at most 100 characters (this one has 101)",
    );
  });
});

describe("describeRules", () => {
  it("describes both providers for the UI", () => {
    expect(describeRules("zcom").password?.join(" ")).toContain("! # $ % & ? \" '");
    expect(describeRules("zcom").localPart).toContain("Only a–z, 0–9 and - are allowed (no dots)");
    expect(describeRules("hybridbox").password).toBeNull();
  });
});
