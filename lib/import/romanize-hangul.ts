import { romanize } from "es-hangul";

// Korean names → lower-case a–z. Given names follow the Revised Romanization (RR) through
// es-hangul; surnames follow the spellings Koreans actually use (Kim, Lee, Park — RR would say
// gim, i, bak), from the table below, with RR for the rest. Isomorphic: no Node API, no I/O.

/**
 * The conventional spellings of the common surnames (passport and business-card use), lower-case.
 * 류 (柳) is "ryu" and 유 (劉, 兪) "yoo": they are different families, and these are the spellings
 * each most often uses. The two-syllable ones are listed too, so splitKoreanName finds them.
 */
const SURNAMES: Readonly<Record<string, string>> = {
  김: "kim",
  이: "lee",
  박: "park",
  최: "choi",
  정: "jung",
  강: "kang",
  조: "cho",
  윤: "yoon",
  장: "jang",
  임: "lim",
  한: "han",
  오: "oh",
  서: "seo",
  신: "shin",
  권: "kwon",
  황: "hwang",
  안: "ahn",
  송: "song",
  류: "ryu",
  유: "yoo",
  전: "jeon",
  홍: "hong",
  고: "ko",
  문: "moon",
  양: "yang",
  손: "son",
  배: "bae",
  백: "baek",
  허: "heo",
  노: "noh",
  남: "nam",
  심: "shim",
  하: "ha",
  곽: "kwak",
  성: "sung",
  차: "cha",
  주: "joo",
  우: "woo",
  구: "koo",
  민: "min",
  진: "jin",
  나: "na",
  엄: "um",
  채: "chae",
  원: "won",
  천: "chun",
  방: "bang",
  공: "kong",
  현: "hyun",
  함: "ham",
  변: "byun",
  염: "yeom",
  여: "yeo",
  추: "choo",
  도: "do",
  소: "so",
  석: "seok",
  선: "sun",
  설: "seol",
  마: "ma",
  길: "gil",
  연: "yeon",
  위: "wi",
  표: "pyo",
  명: "myung",
  기: "ki",
  반: "ban",
  왕: "wang",
  금: "keum",
  옥: "ok",
  육: "yuk",
  인: "in",
  맹: "maeng",
  제: "je",
  모: "mo",
  탁: "tak",
  국: "kook",
  어: "eo",
  은: "eun",
  편: "pyeon",
  용: "yong",
  남궁: "namgung",
  황보: "hwangbo",
  제갈: "jegal",
  선우: "sunwoo",
  독고: "dokgo",
  사공: "sagong",
  서문: "seomun",
};

const TWO_SYLLABLE_SURNAMES = new Set(Object.keys(SURNAMES).filter((s) => s.length === 2));
/** Precomposed Hangul syllables (가–힣); loose jamo (ㄱ, ㅏ) are not a name. */
const SYLLABLES = /^[\uac00-\ud7a3]+$/;
const HANGUL = /\p{Script=Hangul}/u;
const RIEUL_INITIAL = 5; // ㄹ among the 19 initials
const RIEUL_FINAL = 8; // ㄹ among the 28 finals (0 = none)

const syllableCache = new Map<string, string>();

function syllableRomaji(syllable: string): string {
  let r = syllableCache.get(syllable);
  if (r === undefined) syllableCache.set(syllable, (r = romanize(syllable)));
  return r;
}

/** True when `s` holds any Hangul (syllables or jamo). */
export function hasHangul(s: string): boolean {
  return HANGUL.test(s);
}

/**
 * A Hangul name as one lower-case word in RR: 민준 → "minjun", 서연 → "seoyeon". Syllable by
 * syllable, because RR writes names without the sound changes between syllables (복남 → boknam,
 * 빛나 → bitna, where es-hangul's whole-word romanize gives bongnam, binna); ㄹㄹ is still "ll"
 * (설리 → seolli). Spaces are dropped. `null` unless every other character is a Hangul syllable.
 */
export function romanizeHangul(name: string): string | null {
  const s = name.normalize("NFC").replace(/\s+/g, "");
  if (!SYLLABLES.test(s)) return null;
  let out = "";
  let afterRieul = false;
  for (const syllable of s) {
    const index = syllable.charCodeAt(0) - 0xac00;
    let r = syllableRomaji(syllable);
    if (afterRieul && Math.floor(index / 588) === RIEUL_INITIAL) r = "l" + r.slice(1);
    out += r;
    afterRieul = index % 28 === RIEUL_FINAL;
  }
  return /^[a-z]+$/.test(out) ? out : null;
}

/**
 * A surname as Koreans spell it: the table (김 → "kim", 이 → "lee", 남궁 → "namgung"), else RR
 * (e.g. 봉 → "bong"). "" when the input is not Hangul syllables.
 */
export function romanizeKoreanSurname(surname: string): string {
  const s = surname.normalize("NFC").trim();
  return SURNAMES[s] ?? romanizeHangul(s) ?? "";
}

/**
 * Family and given name of a Korean name, family first: split at the first space when there is
 * one ("남궁 민"); otherwise the first syllable is the family name, or the first two when they
 * form a two-syllable surname of the table and a given name of at least one syllable follows
 * (남궁민 → 남궁 + 민, 선우진 → 선우 + 진; write "선 우진" for the other reading). `null` for a
 * single syllable or anything that is not Hangul syllables.
 */
export function splitKoreanName(full: string): { family: string; given: string } | null {
  const s = full.normalize("NFC").trim();
  const parts = s.split(/\s+/);
  if (parts.length > 1) {
    const family = parts[0]!;
    const given = parts.slice(1).join("");
    return SYLLABLES.test(family) && SYLLABLES.test(given) ? { family, given } : null;
  }
  if (!SYLLABLES.test(s) || s.length < 2) return null;
  const familyLength = s.length >= 3 && TWO_SYLLABLE_SURNAMES.has(s.slice(0, 2)) ? 2 : 1;
  return { family: s.slice(0, familyLength), given: s.slice(familyLength) };
}
