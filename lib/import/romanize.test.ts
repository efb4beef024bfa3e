import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { romanizeHangul, romanizeReading, suggestNames, type NameCells } from "./romanize";

const names = (cells: Partial<NameCells>, style: "short" | "spelled" = "short") =>
  suggestNames({ firstName: "", lastName: "", ...cells }, style);

describe("suggestNames: Japanese readings", () => {
  it("takes separate reading columns over the kanji names", () => {
    expect(
      names({ lastName: "佐藤", firstName: "花子", readingLast: "サトウ", readingFirst: "ハナコ" }),
    ).toEqual({ first: "hanako", last: "sato" });
  });

  it("splits one reading column family first", () => {
    expect(names({ lastName: "佐藤", firstName: "花子", reading: "サトウ ハナコ" })).toEqual({
      first: "hanako",
      last: "sato",
    });
    expect(names({ lastName: "大野", firstName: "裕子", reading: "ｵｵﾉ　ﾕｳｺ" })).toEqual({
      first: "yuko",
      last: "ono",
    });
  });

  it("writes long vowels in the style asked for", () => {
    expect(
      names({ lastName: "佐藤", firstName: "裕子", reading: "サトウ ユウコ" }, "spelled"),
    ).toEqual({ first: "yuuko", last: "satou" });
  });

  it("places an unsplittable reading on the only name the row has", () => {
    expect(names({ lastName: "佐藤", reading: "サトウ" })).toEqual({ first: "", last: "sato" });
    expect(names({ firstName: "花子", reading: "ハナコ" })).toEqual({ first: "hanako", last: "" });
  });

  it("gives null for an unsplittable reading of a two-part kanji name", () => {
    expect(names({ lastName: "佐藤", firstName: "花子", reading: "サトウハナコ" })).toBeNull();
    expect(names({ fullName: "佐藤花子", reading: "サトウハナコ" })).toBeNull();
  });

  it("uses a reading when the row has no name columns at all", () => {
    expect(names({ reading: "サトウ ハナコ" })).toEqual({ first: "hanako", last: "sato" });
  });

  it("gives null when a reading is not kana and the name is kanji", () => {
    expect(names({ lastName: "佐藤", firstName: "花子", reading: "佐藤 花子" })).toBeNull();
    expect(names({ lastName: "佐藤", readingLast: "sato" })).toBeNull();
  });

  it("falls back to the names when a reading is not kana", () => {
    expect(names({ lastName: "Sato", firstName: "Hanako", reading: "？？" })).toEqual({
      first: "hanako",
      last: "sato",
    });
  });

  it("romanises names written in kana themselves", () => {
    expect(names({ lastName: "さとう", firstName: "はなこ" })).toEqual({
      first: "hanako",
      last: "sato",
    });
    expect(names({ lastName: "佐藤", firstName: "さくら", readingLast: "サトウ" })).toEqual({
      first: "sakura",
      last: "sato",
    });
    expect(names({ fullName: "サトウ ハナコ" })).toEqual({ first: "hanako", last: "sato" });
  });

  it("gives null for kanji without a reading", () => {
    expect(names({ lastName: "佐藤", firstName: "花子" })).toBeNull();
    expect(names({ lastName: "佐藤", firstName: "花子", readingLast: "サトウ" })).toBeNull();
    expect(names({ fullName: "佐藤 花子" })).toBeNull();
  });
});

describe("suggestNames: Korean names", () => {
  it("uses the surname table and RR for name columns", () => {
    expect(names({ lastName: "김", firstName: "민준" })).toEqual({ first: "minjun", last: "kim" });
    expect(names({ lastName: "남궁", firstName: "민" })).toEqual({ first: "min", last: "namgung" });
    expect(names({ lastName: "봉", firstName: "빛나" })).toEqual({ first: "bitna", last: "bong" });
  });

  it("splits a whole name pasted into one cell", () => {
    expect(names({ firstName: "이서연" })).toEqual({ first: "seoyeon", last: "lee" });
    expect(names({ fullName: "박지훈" })).toEqual({ first: "jihun", last: "park" });
    expect(names({ fullName: "남궁 민수" })).toEqual({ first: "minsu", last: "namgung" });
  });

  it("keeps a one-syllable name in one cell as a given name", () => {
    expect(names({ firstName: "준" })).toEqual({ first: "jun", last: "" });
  });
});

describe("suggestNames: other names", () => {
  it("passes plain a–z names through lower-cased", () => {
    expect(names({ lastName: "Sato", firstName: "Hanako" })).toEqual({
      first: "hanako",
      last: "sato",
    });
    expect(names({ lastName: "佐藤", firstName: "Hanako", readingLast: "サトウ" })).toEqual({
      first: "hanako",
      last: "sato",
    });
  });

  it("gives null for what it cannot romanise mechanically, and for no name at all", () => {
    expect(names({ lastName: "Иванов", firstName: "Иван" })).toBeNull();
    expect(names({ lastName: "Doe", firstName: "Jean-Luc" })).toBeNull();
    expect(names({})).toBeNull();
    expect(names({ lastName: " ", firstName: "　" })).toBeNull();
  });
});

describe("properties", () => {
  const KANA_UNITS = [
    ...range(0x3041, 0x3096),
    ...range(0x30a1, 0x30fe),
    ...range(0xff61, 0xff9f),
    " ",
    "　",
  ];
  const KANJI = ["佐", "藤", "花", "子", "々"];
  const reading = fc.string({ unit: fc.constantFrom(...KANA_UNITS), maxLength: 12 });
  const style = fc.constantFrom("short" as const, "spelled" as const);

  it("romanises every kana reading to a–z or null", () => {
    fc.assert(
      fc.property(reading, style, (s, st) => {
        const r = romanizeReading(s, st);
        return r === null || /^[a-z]+$/.test(r);
      }),
    );
  });

  it("gives null for any reading with kanji in it", () => {
    const withKanji = fc
      .tuple(reading, fc.constantFrom(...KANJI), reading)
      .map(([a, k, b]) => a + k + b);
    fc.assert(fc.property(withKanji, style, (s, st) => romanizeReading(s, st) === null));
  });

  it("romanises every single kana the common forms use, each on its own", () => {
    const common = [...range(0x3042, 0x3093), ...range(0x30a2, 0x30f3)].filter(
      (ch) => !"ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ".includes(ch),
    );
    for (const ch of common) expect(romanizeReading(ch, "short"), ch).toMatch(/^[a-z]+$/);
  });

  it("romanises every Hangul syllable to a–z", () => {
    for (const ch of range(0xac00, 0xd7a3)) expect(romanizeHangul(ch), ch).toMatch(/^[a-z]+$/);
  });

  it("suggests a–z names or null, never both parts empty, for any mix of scripts", () => {
    const unit = fc.constantFrom(
      "サ",
      "ト",
      "ウ",
      "ー",
      "김",
      "민",
      "준",
      "佐",
      "a",
      "B",
      " ",
      "-",
    );
    const cell = fc.string({ unit, maxLength: 6 });
    const cells = fc.record({
      firstName: cell,
      lastName: cell,
      fullName: cell,
      reading: cell,
      readingFirst: cell,
      readingLast: cell,
    });
    fc.assert(
      fc.property(cells, style, (c, st) => {
        const s = suggestNames(c, st);
        return (
          s === null ||
          (/^[a-z]*$/.test(s.first) && /^[a-z]*$/.test(s.last) && s.first + s.last !== "")
        );
      }),
    );
  });
});

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i));
}
