import { describe, expect, it } from "vitest";
import { hasHangul, romanizeHangul, romanizeKoreanSurname, splitKoreanName } from "./romanize";

// Written out here, not read from the table, so a typo in the table fails a test.
const SURNAMES: [string, string][] = [
  ["김", "kim"],
  ["이", "lee"],
  ["박", "park"],
  ["최", "choi"],
  ["정", "jung"],
  ["강", "kang"],
  ["조", "cho"],
  ["윤", "yoon"],
  ["장", "jang"],
  ["임", "lim"],
  ["한", "han"],
  ["오", "oh"],
  ["서", "seo"],
  ["신", "shin"],
  ["권", "kwon"],
  ["황", "hwang"],
  ["안", "ahn"],
  ["송", "song"],
  ["류", "ryu"],
  ["유", "yoo"],
  ["전", "jeon"],
  ["홍", "hong"],
  ["고", "ko"],
  ["문", "moon"],
  ["양", "yang"],
  ["손", "son"],
  ["배", "bae"],
  ["백", "baek"],
  ["허", "heo"],
  ["노", "noh"],
  ["남", "nam"],
  ["심", "shim"],
  ["하", "ha"],
  ["곽", "kwak"],
  ["성", "sung"],
  ["차", "cha"],
  ["주", "joo"],
  ["우", "woo"],
  ["구", "koo"],
  ["민", "min"],
  ["진", "jin"],
  ["나", "na"],
  ["엄", "um"],
  ["채", "chae"],
  ["원", "won"],
  ["천", "chun"],
  ["방", "bang"],
  ["공", "kong"],
  ["현", "hyun"],
  ["함", "ham"],
  ["변", "byun"],
  ["염", "yeom"],
  ["여", "yeo"],
  ["추", "choo"],
  ["도", "do"],
  ["소", "so"],
  ["석", "seok"],
  ["선", "sun"],
  ["설", "seol"],
  ["마", "ma"],
  ["길", "gil"],
  ["연", "yeon"],
  ["위", "wi"],
  ["표", "pyo"],
  ["명", "myung"],
  ["기", "ki"],
  ["반", "ban"],
  ["왕", "wang"],
  ["금", "keum"],
  ["옥", "ok"],
  ["육", "yuk"],
  ["인", "in"],
  ["맹", "maeng"],
  ["제", "je"],
  ["모", "mo"],
  ["탁", "tak"],
  ["국", "kook"],
  ["어", "eo"],
  ["은", "eun"],
  ["편", "pyeon"],
  ["용", "yong"],
  ["남궁", "namgung"],
  ["황보", "hwangbo"],
  ["제갈", "jegal"],
  ["선우", "sunwoo"],
  ["독고", "dokgo"],
  ["사공", "sagong"],
  ["서문", "seomun"],
];

describe("romanizeKoreanSurname", () => {
  it.each(SURNAMES)("%s → %s", (hangul, latin) => {
    expect(romanizeKoreanSurname(hangul)).toBe(latin);
  });

  it("falls back to RR for a surname not in the table", () => {
    expect(romanizeKoreanSurname("봉")).toBe("bong");
    expect(romanizeKoreanSurname("예")).toBe("ye");
  });

  it("trims and composes decomposed jamo first", () => {
    expect(romanizeKoreanSurname(" 김 ")).toBe("kim");
    expect(romanizeKoreanSurname("김".normalize("NFD"))).toBe("kim");
  });

  it('gives "" for anything that is not Hangul syllables', () => {
    expect(romanizeKoreanSurname("Kim")).toBe("");
    expect(romanizeKoreanSurname("金")).toBe("");
    expect(romanizeKoreanSurname("")).toBe("");
  });
});

describe("romanizeHangul", () => {
  it.each([
    ["민준", "minjun"],
    ["서연", "seoyeon"],
    ["지훈", "jihun"],
    ["하은", "haeun"],
    ["도윤", "doyun"],
    ["영희", "yeonghui"],
    ["의진", "uijin"],
    ["한결", "hangyeol"],
    ["은옥", "eunok"],
  ])("%s → %s (RR, no hyphen)", (hangul, latin) => {
    expect(romanizeHangul(hangul)).toBe(latin);
  });

  it("writes no sound change between syllables, as RR does for names", () => {
    expect(romanizeHangul("복남")).toBe("boknam"); // es-hangul alone: bongnam
    expect(romanizeHangul("빛나")).toBe("bitna"); // es-hangul alone: binna
    expect(romanizeHangul("석원")).toBe("seokwon"); // es-hangul alone: seogwon
    expect(romanizeHangul("길아")).toBe("gila"); // es-hangul alone: gira
  });

  it("still writes ㄹㄹ as ll", () => {
    expect(romanizeHangul("설리")).toBe("seolli");
    expect(romanizeHangul("별라")).toBe("byeolla");
  });

  it("romanises a whole name as one word, spaces dropped", () => {
    expect(romanizeHangul("김민준")).toBe("gimminjun");
    expect(romanizeHangul("김 민준")).toBe("gimminjun");
  });

  it("gives null for loose jamo, other scripts and blanks", () => {
    expect(romanizeHangul("ㄱㅏ")).toBeNull();
    expect(romanizeHangul("민준a")).toBeNull();
    expect(romanizeHangul("金")).toBeNull();
    expect(romanizeHangul("")).toBeNull();
    expect(romanizeHangul("  ")).toBeNull();
  });
});

describe("splitKoreanName", () => {
  it("takes the first syllable as the family name", () => {
    expect(splitKoreanName("김민준")).toEqual({ family: "김", given: "민준" });
    expect(splitKoreanName("이준")).toEqual({ family: "이", given: "준" });
    expect(splitKoreanName("김빛나리")).toEqual({ family: "김", given: "빛나리" });
  });

  it("recognises a two-syllable surname of the table when a given name follows", () => {
    expect(splitKoreanName("남궁민")).toEqual({ family: "남궁", given: "민" });
    expect(splitKoreanName("남궁민수")).toEqual({ family: "남궁", given: "민수" });
    expect(splitKoreanName("황보영")).toEqual({ family: "황보", given: "영" });
    expect(splitKoreanName("제갈공명")).toEqual({ family: "제갈", given: "공명" });
  });

  it("does not take a two-syllable name as a two-syllable surname alone", () => {
    expect(splitKoreanName("남궁")).toEqual({ family: "남", given: "궁" });
  });

  it("splits at a space when there is one, which overrides the table", () => {
    expect(splitKoreanName("김 민준")).toEqual({ family: "김", given: "민준" });
    expect(splitKoreanName("선 우진")).toEqual({ family: "선", given: "우진" });
    expect(splitKoreanName("남궁　민")).toEqual({ family: "남궁", given: "민" });
    expect(splitKoreanName(" 김  민 준 ")).toEqual({ family: "김", given: "민준" });
  });

  it("gives null for one syllable, non-Hangul or mixed names", () => {
    expect(splitKoreanName("김")).toBeNull();
    expect(splitKoreanName("")).toBeNull();
    expect(splitKoreanName("Kim Minjun")).toBeNull();
    expect(splitKoreanName("김 Minjun")).toBeNull();
    expect(splitKoreanName("金民俊")).toBeNull();
  });
});

describe("hasHangul", () => {
  it("finds syllables and jamo", () => {
    expect(hasHangul("김민준")).toBe(true);
    expect(hasHangul("ㄱ")).toBe(true);
    expect(hasHangul("Kim 민")).toBe(true);
    expect(hasHangul("佐藤")).toBe(false);
    expect(hasHangul("Kim")).toBe(false);
  });
});
