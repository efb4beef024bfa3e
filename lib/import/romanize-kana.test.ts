import { describe, expect, it } from "vitest";
import { isKana, romanizeReading, splitReading } from "./romanize";

const short = (s: string) => romanizeReading(s, "short");
const spelled = (s: string) => romanizeReading(s, "spelled");

describe("romanizeReading: Hepburn syllables", () => {
  it.each([
    ["し", "shi"],
    ["ち", "chi"],
    ["つ", "tsu"],
    ["ふ", "fu"],
    ["じ", "ji"],
    ["ぢ", "ji"],
    ["づ", "zu"],
    ["しゃ", "sha"],
    ["ちょ", "cho"],
    ["じゅ", "ju"],
    ["ぢゃ", "ja"],
    ["きゃ", "kya"],
    ["りょ", "ryo"],
    ["ぴゅ", "pyu"],
  ])("%s → %s", (kana, romaji) => {
    expect(short(kana)).toBe(romaji);
    expect(spelled(kana)).toBe(romaji);
  });

  it("reads を, ゐ, ゑ as o, i, e (wanakana says wo, wi, we)", () => {
    expect(short("かをる")).toBe("kaoru");
    expect(short("ヲ")).toBe("o");
    expect(short("ゐ")).toBe("i");
    expect(short("ヱビス")).toBe("ebisu");
  });

  it.each([
    ["ティ", "ti"],
    ["ディ", "di"],
    ["トゥ", "tu"],
    ["ドゥ", "du"],
    ["デュ", "dyu"],
    ["ファ", "fa"],
    ["フィ", "fi"],
    ["フェ", "fe"],
    ["フォ", "fo"],
    ["ウィ", "wi"],
    ["ウェ", "we"],
    ["ウォ", "wo"],
    ["イェ", "ye"],
    ["ツァ", "tsa"],
    ["ヴァ", "va"],
    ["ヴィ", "vi"],
    ["ヴ", "vu"],
    ["シェ", "she"],
    ["チェ", "che"],
    ["ジェ", "je"],
  ])("loan sound %s → %s", (kana, romaji) => {
    expect(short(kana)).toBe(romaji);
  });
});

describe("romanizeReading: っ and ん", () => {
  it("doubles the consonant after っ, and writes っち as tchi", () => {
    expect(short("きっさ")).toBe("kissa");
    expect(short("はっとり")).toBe("hattori");
    expect(short("べっぷ")).toBe("beppu");
    expect(short("ほっしゃ")).toBe("hossha");
    expect(short("まっちゃ")).toBe("matcha");
    expect(short("ハッチョウ")).toBe("hatcho");
  });

  it("doubles after っ in the fixed loan sounds too", () => {
    expect(short("マッティ")).toBe("matti");
    expect(short("ガッファ")).toBe("gaffa");
  });

  it("drops a final っ, which has nothing to double", () => {
    expect(short("あっ")).toBe("a");
  });

  it("writes ん as n everywhere: no apostrophe before a vowel or y, no m before b/m/p", () => {
    expect(short("しんいち")).toBe("shinichi");
    expect(short("じゅんや")).toBe("junya");
    expect(short("けんいち")).toBe("kenichi");
    expect(short("かんの")).toBe("kanno");
    expect(short("なんば")).toBe("nanba");
    expect(short("さんぺい")).toBe("sanpei");
    expect(short("ほんま")).toBe("honma");
  });
});

describe("romanizeReading: long vowels", () => {
  it.each([
    ["さとう", "sato", "satou"],
    ["かとう", "kato", "katou"],
    ["おおの", "ono", "oono"],
    ["おおた", "ota", "oota"],
    ["ゆうき", "yuki", "yuuki"],
    ["とおる", "toru", "tooru"],
    ["りょうた", "ryota", "ryouta"],
    ["しゅうへい", "shuhei", "shuuhei"],
    ["こおり", "kori", "koori"],
    ["えんどう", "endo", "endou"],
  ])("%s → short %s, spelled %s", (kana, s, sp) => {
    expect(short(kana)).toBe(s);
    expect(spelled(kana)).toBe(sp);
  });

  it("keeps えい, いい and ああ in both styles, as Hepburn does", () => {
    expect(short("えいじ")).toBe("eiji");
    expect(short("けいこ")).toBe("keiko");
    expect(short("にいがた")).toBe("niigata");
    expect(short("さあや")).toBe("saaya");
    expect(spelled("えいじ")).toBe("eiji");
  });

  it("keeps う that starts a vowel pair of its own (井上 Inoue, not Inoe)", () => {
    expect(short("いのうえ")).toBe("inoue");
    expect(short("イノウエ")).toBe("inoue");
  });

  it("collapses one long vowel at a time (大内 おおうち → Ouchi)", () => {
    expect(short("おおうち")).toBe("ouchi");
    expect(spelled("おおうち")).toBe("oouchi");
  });

  it("drops ー in the short style and repeats the vowel before it in the spelled one", () => {
    expect(short("サトー")).toBe("sato");
    expect(short("ジョージ")).toBe("joji");
    expect(spelled("サトー")).toBe("satoo");
    expect(spelled("ジョージ")).toBe("jooji");
    // So a ー spelling and a kana spelling of the same name agree.
    expect(spelled("ユーキ")).toBe(spelled("ユウキ"));
    expect(short("ユーキ")).toBe(short("ユウキ"));
  });

  it("drops a ー that follows no vowel", () => {
    expect(spelled("ケンー")).toBe("ken");
  });

  it("does not collapse across words", () => {
    expect(short("サト ウミ")).toBe("satoumi");
  });
});

describe("romanizeReading: input forms", () => {
  it("reads hiragana and katakana alike", () => {
    expect(short("さとう はなこ")).toBe(short("サトウ ハナコ"));
    expect(short("さとう はなこ")).toBe("satohanako");
  });

  it("reads half-width katakana, voiced marks and ｰ included", () => {
    expect(short("ｻﾄｳ ﾊﾅｺ")).toBe("satohanako");
    expect(short("ｼﾞｭﾝｲﾁ")).toBe("junichi");
    expect(short("ﾀﾞｲｽｹ")).toBe("daisuke");
    expect(spelled("ﾕｰｺ")).toBe("yuuko");
    expect(short("ﾊｯﾄﾘ")).toBe("hattori");
  });

  it("joins words separated by half- or full-width spaces and ・ (full- or half-width)", () => {
    expect(short("サトウ　ハナコ")).toBe("satohanako");
    expect(short("サトウ・ハナコ")).toBe("satohanako");
    expect(short("ｻﾄｳ･ﾊﾅｺ")).toBe("satohanako");
    expect(short(" サトウ ・　ハナコ ")).toBe("satohanako");
  });

  it("repeats the kana before ゝ, voiced for ゞ", () => {
    expect(short("みすゞ")).toBe("misuzu");
    expect(short("さゝき")).toBe("sasaki");
    expect(short("ミスヾ")).toBe("misuzu");
  });

  it.each([
    ["kanji", "佐藤"],
    ["kana and kanji", "サトウ花子"],
    ["Latin", "Sato"],
    ["a digit", "サトウ1"],
    ["Hangul", "김민준"],
    ["empty", ""],
    ["only spaces", " 　 "],
    ["only ー and ・", "ー・"],
    ["kana wanakana has no romaji for", "ゎ"],
    ["rare katakana outside the table", "ヷ"],
    ["small ヶ", "ヶ"],
  ])("gives null for %s", (_what, input) => {
    expect(short(input)).toBeNull();
    expect(spelled(input)).toBeNull();
  });
});

describe("isKana", () => {
  it("accepts readings in any kana form", () => {
    expect(isKana("サトウ ハナコ")).toBe(true);
    expect(isKana("さとう")).toBe(true);
    expect(isKana("ｻﾄｳ")).toBe(true);
    expect(isKana("ユーキ・ジョージ")).toBe(true);
  });

  it("refuses kanji, Latin, Hangul and kana-less marks", () => {
    expect(isKana("佐藤")).toBe(false);
    expect(isKana("Sato")).toBe(false);
    expect(isKana("민준")).toBe(false);
    expect(isKana("ー")).toBe(false);
    expect(isKana("")).toBe(false);
  });
});

describe("splitReading", () => {
  it("splits family first at a half- or full-width space or ・", () => {
    expect(splitReading("サトウ ハナコ")).toEqual({ family: "サトウ", given: "ハナコ" });
    expect(splitReading("サトウ　ハナコ")).toEqual({ family: "サトウ", given: "ハナコ" });
    expect(splitReading("サトウ・ハナコ")).toEqual({ family: "サトウ", given: "ハナコ" });
    expect(splitReading("  さとう   はなこ ")).toEqual({ family: "さとう", given: "はなこ" });
  });

  it("gives half-width parts back full-width", () => {
    expect(splitReading("ｻﾄｳ ﾊﾅｺ")).toEqual({ family: "サトウ", given: "ハナコ" });
  });

  it("keeps the whole as the family part, given empty, when there is no separator", () => {
    expect(splitReading("サトウハナコ")).toEqual({ family: "サトウハナコ", given: "" });
  });

  it("gives null for a blank reading", () => {
    expect(splitReading("")).toBeNull();
    expect(splitReading(" 　")).toBeNull();
    expect(splitReading("・")).toBeNull();
  });
});
