import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Derived,
  fillMissingLocalParts,
  type Pattern,
  patternProblems,
  transliterate,
} from "./derive";
import type { ProviderId } from "./provider-id";
import { localPartProblems } from "./rules";

const person = (firstName: string, lastName = "", localPart = "") => ({
  firstName,
  lastName,
  localPart,
});
const one = (provider: ProviderId, pattern: Pattern, firstName: string, lastName = "") =>
  fillMissingLocalParts(provider, [person(firstName, lastName)], pattern)[0]!;
const made = (localPart: string, suffixed = false): Derived => ({
  localPart,
  derived: true,
  suffixed,
});

describe("transliterate", () => {
  it("spells accented Latin in a–z", () => {
    expect(transliterate("José Müller")).toBe("Jose Muller");
    expect(transliterate("Zoë Ørsted")).toBe("Zoe Orsted");
    expect(transliterate("Łukasz Straße")).toBe("Lukasz Strasse");
    expect(transliterate("Æsa Œuvre Đorđe Ðóra Þór ıris Ħal")).toBe(
      "AEsa OEuvre Dorde Dora Thor iris Hal",
    );
    expect(transliterate("Çağrı Nuñez Ångström Dvořák")).toBe("Cagri Nunez Angstrom Dvorak");
    expect(transliterate("Ｊａｎｅ ﬁnn")).toBe("Jane finn");
    expect(transliterate("O'Brien-Smith")).toBe("O'Brien-Smith");
  });

  it("returns null for any letter it cannot spell, never a guess", () => {
    for (const name of [
      "김민준",
      "佐藤",
      "はなこ",
      "ハナコ",
      "Hanako 佐藤",
      "Иван",
      "Σοφία",
      "محمد",
    ]) {
      expect(transliterate(name), name).toBeNull();
    }
  });
});

describe("fillMissingLocalParts: patterns", () => {
  const cases: [Pattern, string, string][] = [
    ["first.last", "jane.doe", "jane-doe"],
    ["f.last", "j.doe", "j-doe"],
    ["first", "jane", "jane"],
    ["firstlast", "janedoe", "janedoe"],
    ["last.first", "doe.jane", "doe-jane"],
    [{ custom: "{f}{last}" }, "jdoe", "jdoe"],
    [{ custom: "{last}_{first}" }, "doe_jane", "doe-jane"],
    [{ custom: "{First}.{L}" }, "jane.d", "jane-d"],
    [{ custom: "x-{first}" }, "x-jane", "x-jane"],
  ];
  for (const [pattern, hybridbox, zcom] of cases) {
    it(`${JSON.stringify(pattern)} → ${hybridbox} on Hybridbox, ${zcom} on Z.com`, () => {
      expect(one("hybridbox", pattern, "Jane", "Doe")).toEqual(made(hybridbox));
      expect(one("zcom", pattern, "Jane", "Doe")).toEqual(made(zcom));
    });
  }

  it("transliterates accents", () => {
    expect(one("hybridbox", "first.last", "José", "Müller")).toEqual(made("jose.muller"));
    expect(one("hybridbox", "first.last", "Zoë", "Ørsted")).toEqual(made("zoe.orsted"));
    expect(one("hybridbox", "first", "Łukasz")).toEqual(made("lukasz"));
    expect(one("zcom", "f.last", "Łukasz", "Dvořák")).toEqual(made("l-dvorak"));
  });

  it("drops what a local part cannot hold, keeping hyphens inside names", () => {
    expect(one("hybridbox", "first.last", "Jean-Luc", "O'Brien")).toEqual(made("jean-luc.obrien"));
    expect(one("hybridbox", "first.last", "Mary Ann", "van der Berg")).toEqual(
      made("maryann.vanderberg"),
    );
    expect(one("zcom", "first.last", " Jean-Luc ", "St. John")).toEqual(made("jean-luc-stjohn"));
    // An empty part leaves no stray separator.
    expect(one("hybridbox", "first.last", "Jane", "")).toEqual(made("jane"));
    // Punctuation only counts as no name; a name with nothing usable at all is an error.
    expect(one("zcom", "last.first", "Jane", "---")).toEqual(made("jane"));
    expect(one("zcom", "first", "!!!", "Doe")).toEqual({
      error: "Enter a local part: !!! cannot be turned into one",
    });
  });

  it("reports a pattern that cannot work, on every row that needs it", () => {
    expect(patternProblems("first.last")).toEqual([]);
    expect(patternProblems({ custom: "{first}.{middle}" })).toEqual([
      "Unknown placeholder {middle}; use {first}, {last}, {f} or {l}",
    ]);
    expect(patternProblems({ custom: "admin" })).toEqual([
      "Use at least one of {first}, {last}, {f} or {l}",
    ]);
    expect(patternProblems({ custom: "{first}+{last} x" })).toEqual([
      'Only letters, digits, dot (.), underscore (_) and - can be used; found "+", space',
    ]);
    const rows = [person("Jane", "Doe"), person("John", "Smith", "jsmith")];
    expect(fillMissingLocalParts("hybridbox", rows, { custom: "{first}+{last}" })).toEqual([
      {
        error:
          'Fix the pattern: Only letters, digits, dot (.), underscore (_) and - can be used; found "+"',
      },
      { localPart: "jsmith", derived: false, suffixed: false },
    ]);
  });
});

describe("fillMissingLocalParts: names that cannot be spelled", () => {
  it("asks for a local part, naming the name", () => {
    expect(one("hybridbox", "first.last", "김민준")).toEqual({
      error: "Enter a local part: 김민준 cannot be turned into one",
    });
    expect(one("zcom", "first.last", "花子", "佐藤")).toEqual({
      error: "Enter a local part: 佐藤 花子 cannot be turned into one",
    });
    expect(one("zcom", "first", "ハナコ")).toEqual({
      error: "Enter a local part: ハナコ cannot be turned into one",
    });
  });

  it("treats a half-Latin name as unspellable when the pattern uses the other half", () => {
    expect(one("hybridbox", "first.last", "Hanako", "佐藤")).toEqual({
      error: "Enter a local part: Hanako 佐藤 cannot be turned into one",
    });
    expect(one("hybridbox", "f.last", "Hanako", "佐藤")).toEqual({
      error: "Enter a local part: Hanako 佐藤 cannot be turned into one",
    });
    // The pattern "first" never looks at the last name.
    expect(one("hybridbox", "first", "Hanako", "佐藤")).toEqual(made("hanako"));
  });

  it("asks for a local part or the missing name", () => {
    expect(one("hybridbox", "first.last", "", "")).toEqual({
      error: "Enter a local part, or a name to build one from",
    });
    expect(one("hybridbox", "f.last", "Jane", "")).toEqual({
      error: "Enter a local part, or a last name for the pattern f.last",
    });
    expect(one("zcom", "first", "", "Doe")).toEqual({
      error: "Enter a local part, or a first name for the pattern first",
    });
  });
});

describe("fillMissingLocalParts: given local parts and collisions", () => {
  it("keeps given local parts, normalised and never suffixed", () => {
    const rows = [
      person("Jane", "Doe", "  Ｊａｎｅ.Doe "),
      person("Jane", "Doe", "jane.doe"),
      person("Bad", "Name", "not valid!"),
    ];
    expect(fillMissingLocalParts("hybridbox", rows, "first.last")).toEqual([
      { localPart: "jane.doe", derived: false, suffixed: false },
      { localPart: "jane.doe", derived: false, suffixed: false },
      { localPart: "not valid!", derived: false, suffixed: false },
    ]);
  });

  it("suffixes collisions within the list, visibly", () => {
    const rows = [person("Jane", "Doe"), person("Jané", "Doe"), person("JANE", "DOE")];
    expect(fillMissingLocalParts("hybridbox", rows, "first.last")).toEqual([
      made("jane.doe"),
      made("jane.doe2", true),
      made("jane.doe3", true),
    ]);
    expect(fillMissingLocalParts("zcom", rows, "first.last")).toEqual([
      made("jane-doe"),
      made("jane-doe2", true),
      made("jane-doe3", true),
    ]);
  });

  it("avoids local parts that exist on the domain or are given anywhere in the list", () => {
    const rows = [person("Jane", "Doe"), person("Jane", "Doe"), person("X", "Y", "Jane.Doe3")];
    const taken = new Set(["jane.doe", "jane.doe2"]);
    expect(fillMissingLocalParts("hybridbox", rows, "first.last", taken)).toEqual([
      made("jane.doe4", true),
      made("jane.doe5", true),
      { localPart: "jane.doe3", derived: false, suffixed: false },
    ]);
  });

  it("respects the length limits, suffix included", () => {
    const long = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft";
    const h = fillMissingLocalParts(
      "hybridbox",
      [person("Hubert", long), person("Hubert", long)],
      "first.last",
    );
    const z = fillMissingLocalParts(
      "zcom",
      [person("Hubert", long), person("Hubert", long)],
      "first.last",
    );
    for (const [provider, results, max] of [
      ["hybridbox", h, 64],
      ["zcom", z, 63],
    ] as const) {
      const [a, b] = results.map((r) => ("localPart" in r ? r.localPart : r.error));
      expect(a).toHaveLength(max);
      expect(b).toHaveLength(max);
      expect(b!.endsWith("2")).toBe(true);
      expect(localPartProblems(provider, a!)).toEqual([]);
      expect(localPartProblems(provider, b!)).toEqual([]);
    }
    // A separator cut at the limit is trimmed rather than left at the end.
    const cut = one("hybridbox", "first.last", "a".repeat(63), "Doe");
    expect(cut).toEqual(made("a".repeat(63)));
  });

  it("respects Z.com's minimum of 2 characters", () => {
    expect(one("hybridbox", "first", "J")).toEqual(made("j"));
    expect(one("zcom", "first", "J")).toEqual({
      error: 'Enter a local part: "j" (from J) is shorter than 2 characters',
    });
    expect(one("zcom", { custom: "{f}{l}" }, "Jane", "Doe")).toEqual(made("jd"));
  });
});

describe("fillMissingLocalParts: properties", () => {
  const letters = [..."abzAZéÉüÜøØßæœłŁđðþıçñåÅ"];
  const name = fc.string({ unit: fc.constantFrom(...letters, " ", "-", "'"), maxLength: 12 });
  const pattern = fc.constantFrom<Pattern>(
    "first.last",
    "f.last",
    "first",
    "firstlast",
    "last.first",
    { custom: "{l}_{first}" },
    { custom: "{f}{l}" },
  );
  const provider = fc.constantFrom<ProviderId>("hybridbox", "zcom");
  const row = fc.record({
    firstName: name,
    lastName: name,
    localPart: fc.oneof(
      fc.constant(""),
      fc.constant(""),
      fc.constantFrom("jane.doe", "a", "zz-top"),
    ),
  });

  it("gives valid, unique local parts for Latin names with accents", () => {
    fc.assert(
      fc.property(
        provider,
        pattern,
        fc.array(row, { maxLength: 30 }),
        fc.uniqueArray(fc.constantFrom("a", "b", "a.b", "a-b", "ab", "b.a", "ba", "a2", "ab2")),
        (p, pat, rows, takenList) => {
          const taken = new Set<string>(takenList);
          const results = fillMissingLocalParts(p, rows, pat, taken);
          expect(results).toHaveLength(rows.length);
          const seen = new Set<string>();
          results.forEach((result, i) => {
            const given = rows[i]!.localPart;
            if (given) {
              expect(result).toEqual({ localPart: given, derived: false, suffixed: false });
              return;
            }
            if ("error" in result) {
              // Only when the names the pattern needs hold no letter (or too little for Z.com).
              const hasLetter = (s: string) => /\p{L}/u.test(s);
              const { firstName, lastName } = rows[i]!;
              if (pat === "first.last" && hasLetter(firstName) && hasLetter(lastName)) {
                expect.unreachable(`${firstName} ${lastName}: ${result.error}`);
              }
              return;
            }
            expect(result.derived).toBe(true);
            expect(localPartProblems(p, result.localPart)).toEqual([]);
            expect(taken.has(result.localPart)).toBe(false);
            expect(rows.some((r) => r.localPart === result.localPart)).toBe(false);
            expect(seen.has(result.localPart)).toBe(false);
            seen.add(result.localPart);
          });
        },
      ),
    );
  });
});

describe("fillMissingLocalParts: size", () => {
  it("makes 10,000 distinct local parts for 10,000 namesakes", () => {
    const rows = Array.from({ length: 10_000 }, () => person("José", "Müller"));
    const results = fillMissingLocalParts("zcom", rows, "first.last", new Set(["jose-muller5"]));
    const localParts = results.map((r) => ("localPart" in r ? r.localPart : r.error));
    expect(new Set(localParts).size).toBe(10_000);
    expect(localParts.slice(0, 6)).toEqual([
      "jose-muller",
      "jose-muller2",
      "jose-muller3",
      "jose-muller4",
      "jose-muller6",
      "jose-muller7",
    ]);
    expect(localParts.at(-1)).toBe("jose-muller10001");
  });

  it("handles 10,000 different names", () => {
    const first = ["Zoë", "Łukasz", "Chloé", "Björn", "Dário"];
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      person(first[i % 5]!, `Ørsted${i.toString(36)}`, i % 10 === 0 ? `given${i}` : ""),
    );
    const results = fillMissingLocalParts("hybridbox", rows, "f.last");
    expect(results.filter((r) => "localPart" in r && r.derived)).toHaveLength(9_000);
    expect(results[1]).toEqual(made("l.orsted1"));
    expect(results[10]).toEqual({ localPart: "given10", derived: false, suffixed: false });
  });
});
