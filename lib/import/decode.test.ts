import { describe, expect, it } from "vitest";
import { encodeLegacy, encodeUtf16 } from "@/lib/testing/legacy-encode";
import { decodeAs, decodeFile, detectEncoding, plausibility } from "./decode";

// Fixtures are written here: legacy bytes through TextDecoder's own table run backwards, UTF-16
// by hand, so each test states exactly which bytes it feeds the detector.

const JA =
  "姓,名,ローカルパート\n山田,太郎,taro.yamada\n佐藤,花子,hanako.sato\n鈴木,一郎,ichiro.suzuki\n";
const KO = "성,이름,아이디\n김,민준,minjun.kim\n이,서연,seoyeon.lee\n박,지훈,jihoon.park\n";
const utf8 = (s: string) => new TextEncoder().encode(s);

describe("detectEncoding", () => {
  it("reads a byte order mark first: UTF-8, UTF-16LE, UTF-16BE", () => {
    const withBom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(JA)]);
    expect(decodeFile(withBom)).toEqual({ encoding: "utf-8", by: "bom", text: JA });
    expect(decodeFile(encodeUtf16(KO, "le"))).toEqual({
      encoding: "utf-16le",
      by: "bom",
      text: KO,
    });
    expect(decodeFile(encodeUtf16(JA, "be"))).toEqual({
      encoding: "utf-16be",
      by: "bom",
      text: JA,
    });
  });

  it("takes UTF-16 without a mark from its zero bytes", () => {
    // 一 (U+4E00) and 가 (U+AC00) have a zero byte on the other side.
    const text = "First name,Last name\nJane,Doe\n山田,一郎\n가,나\n";
    expect(decodeFile(encodeUtf16(text, "le", false))).toEqual({
      encoding: "utf-16le",
      by: "zero-bytes",
      text,
    });
    expect(detectEncoding(encodeUtf16(text, "be", false))).toEqual({
      encoding: "utf-16be",
      by: "zero-bytes",
    });
  });

  it("takes UTF-8 (and plain ASCII) when it decodes strictly", () => {
    expect(decodeFile(utf8(JA))).toEqual({ encoding: "utf-8", by: "strict", text: JA });
    expect(detectEncoding(utf8(KO))).toEqual({ encoding: "utf-8", by: "strict" });
    expect(detectEncoding(utf8("Jane,Doe,jdoe\n"))).toEqual({ encoding: "utf-8", by: "strict" });
  });

  it("takes the only legacy encoding that decodes every byte", () => {
    // A Japanese staff list in CP932 is invalid UTF-8, EUC-JP and CP949 alike. (Node's ICU
    // "euc-kr" lacks CP949's extension, which browsers have; the header's bytes fail both.)
    expect(decodeFile(encodeLegacy(JA, "shift_jis"))).toEqual({
      encoding: "shift_jis",
      by: "strict",
      text: JA,
    });
    expect(decodeFile(encodeLegacy(JA, "euc-jp"))).toEqual({
      encoding: "euc-jp",
      by: "strict",
      text: JA,
    });
  });

  it("asks chardet when several decode: Korean EUC-KR is also valid EUC-JP", () => {
    const bytes = encodeLegacy(KO, "euc-kr");
    expect(() => new TextDecoder("euc-jp", { fatal: true }).decode(bytes)).not.toThrow();
    expect(decodeFile(bytes)).toEqual({ encoding: "euc-kr", by: "detector", text: KO });
  });

  it("scores the readings when chardet has no verdict (a few characters)", () => {
    // Three bytes pairs valid in all three encodings; chardet gives each the same token figure.
    expect(detectEncoding(encodeLegacy("이서연", "euc-kr"))).toEqual({
      encoding: "euc-kr",
      by: "score",
    });
    expect(detectEncoding(encodeLegacy("タロウ", "shift_jis"))).toEqual({
      encoding: "shift_jis",
      by: "score",
    });
  });

  it("falls back to the least damaged reading when nothing decodes strictly", () => {
    const bytes = Uint8Array.from([...encodeLegacy("김민준", "euc-kr"), 0xff]);
    expect(decodeFile(bytes)).toEqual({ encoding: "euc-kr", by: "lossy", text: "김민준\ufffd" });
  });
});

describe("plausibility", () => {
  it("prefers kana and Hangul over half-width kana, jamo and replacement characters", () => {
    expect(plausibility("タロウ")).toBeGreaterThan(plausibility("ﾀﾛｳ"));
    expect(plausibility("민준")).toBeGreaterThan(plausibility("山田"));
    expect(plausibility("山田")).toBeGreaterThan(plausibility("ㄱㄴ"));
    expect(plausibility("ab")).toBeGreaterThan(plausibility("a\ufffd"));
  });
});

describe("decodeAs", () => {
  it("re-reads the same bytes in the encoding the admin picks", () => {
    const bytes = encodeLegacy("山田,太郎", "shift_jis");
    expect(decodeAs(bytes, "shift_jis")).toBe("山田,太郎");
    expect(decodeAs(bytes, "euc-kr")).not.toBe("山田,太郎");
  });
});
