import { toRomaji } from "wanakana";

// Kana readings (フリガナ, よみ) → Hepburn as Japanese names are spelled in Latin letters, for
// local parts: lower-case a–z only. wanakana holds the syllable table (yōon, っ doubling with
// っち → tchi, ぢ → ji, づ → zu); this file holds what is particular to names: long vowels, ん as
// plain "n", and the few combinations where wanakana's general-purpose table is not Hepburn.
// Isomorphic: no Node API, no I/O.

/**
 * How long vowels are written. "short": おう, おお, うう and ー collapse to one vowel (Sato, Ono,
 * Yuki, Ota), as passports and most company address books do; えい, いい and ああ stay. "spelled":
 * kana by kana (Satou, Oono, Yuuki); ー repeats the vowel before it, so ユーキ and ユウキ agree.
 */
export type LongVowelStyle = "short" | "spelled";

/**
 * Where wanakana 5.3.1 is not Hepburn: を, ゐ, ゑ are read o, i, e in names (wanakana: wo, wi,
 * we), and it spells the small-vowel combinations of loan sounds kana by kana (ティ → tei, ファ →
 * fua, ヴァ → vua). Each has a test.
 */
const HEPBURN_FIXES: Readonly<Record<string, string>> = {
  を: "o",
  ゐ: "i",
  ゑ: "e",
  てぃ: "ti",
  でぃ: "di",
  とぅ: "tu",
  どぅ: "du",
  てゅ: "tyu",
  でゅ: "dyu",
  ふぁ: "fa",
  ふぃ: "fi",
  ふぇ: "fe",
  ふぉ: "fo",
  うぃ: "wi",
  うぇ: "we",
  うぉ: "wo",
  いぇ: "ye",
  つぁ: "tsa",
  つぃ: "tsi",
  つぇ: "tse",
  つぉ: "tso",
  ゔぁ: "va",
  ゔぃ: "vi",
  ゔぇ: "ve",
  ゔぉ: "vo",
  くぁ: "kwa",
  ぐぁ: "gwa",
  すぃ: "si",
  ずぃ: "zi",
};

// wanakana doubles its own table after っ, not a custom mapping: add the っ forms of the fixes.
const MAPPING: Readonly<Record<string, string>> = {
  ...HEPBURN_FIXES,
  ...Object.fromEntries(
    Object.entries(HEPBURN_FIXES)
      .filter(([, roma]) => !/^[aeiou]/.test(roma))
      .map(([kana, roma]) => [`っ${kana}`, roma[0] + roma]),
  ),
};
const OPTIONS = { customRomajiMapping: MAPPING };

/** After NFKC (half-width katakana and spaces become full-width kana and plain spaces). */
const READING = /^[\u3041-\u3094\u309d\u309e\u30a1-\u30f4\u30fb\u30fc\u30fd\u30fe\s]*$/;
const KANA = /[\u3041-\u3094\u30a1-\u30f4]/;
const SEPARATORS = /[\s・]+/;
const SMALL = new Set("ぁぃぅぇぉゃゅょゎ");
const VOWELS = "aeiou";

const romajiCache = new Map<string, string>();

/** Katakana → hiragana (ー and ・ kept): one table, one tokenizer. */
function toHiragana(s: string): string {
  return s.replace(/[\u30a1-\u30f6\u30fd\u30fe]/g, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - 0x60),
  );
}

/** ゝ repeats the kana before it, ゞ repeats it voiced (みすゞ → みすず). */
function expandIterationMarks(word: string): string {
  let out = "";
  for (const ch of word) {
    const prev = out.at(-1);
    if ((ch === "ゝ" || ch === "ゞ") && prev !== undefined && KANA.test(prev)) {
      out += ch === "ゝ" ? prev : (prev + "\u3099").normalize("NFC");
    } else {
      out += ch;
    }
  }
  return out;
}

/** Morae as romanised together: [っ…] kana [small kana], or ん, or ー. */
function units(word: string): string[] {
  const out: string[] = [];
  let sokuon = "";
  for (const ch of word) {
    if (ch === "っ") {
      sokuon += ch;
      continue;
    }
    const prev = out.at(-1);
    const last = prev?.at(-1);
    if (sokuon === "" && SMALL.has(ch) && last && !SMALL.has(last) && !"んーゝゞ".includes(last)) {
      out[out.length - 1] = prev + ch;
    } else if (ch === "ー" || ch === "ん") {
      if (sokuon) out.push(sokuon);
      out.push(ch);
    } else {
      out.push(sokuon + ch);
    }
    sokuon = "";
  }
  if (sokuon) out.push(sokuon); // a final っ doubles nothing
  return out;
}

function romajiOf(unit: string): string {
  let r = romajiCache.get(unit);
  if (r === undefined) romajiCache.set(unit, (r = toRomaji(unit, OPTIONS)));
  return r;
}

function romanizeWord(word: string, style: LongVowelStyle): string | null {
  const us = units(expandIterationMarks(word));
  const romaji = us.map((u) => (u === "ー" ? "" : romajiOf(u)));
  let out = "";
  let vowel = ""; // the vowel the previous unit ended in
  let collapsed = false; // the previous unit was itself a long vowel that was dropped
  for (let i = 0; i < us.length; i++) {
    const unit = us[i]!;
    const r = romaji[i]!;
    if (!/^[a-z]*$/.test(r)) return null; // a kana wanakana has no romaji for (ゎ, ゕ…)
    if (unit === "ー") {
      if (style === "spelled") out += vowel;
      collapsed = true;
      continue;
    }
    if (style === "short" && !collapsed && isLongVowel(unit, vowel, romaji[i + 1])) {
      collapsed = true;
      continue;
    }
    out += r;
    vowel = VOWELS.includes(r.at(-1) ?? "") ? r.at(-1)! : "";
    collapsed = false;
  }
  return out;
}

/**
 * おお, おう, うう lengthen the vowel before; う does not when a vowel follows it, where it starts
 * a word of its own (井上 いのうえ → Inoue, not Inoe).
 */
function isLongVowel(unit: string, vowel: string, next: string | undefined): boolean {
  if (unit === "お") return vowel === "o";
  if (unit === "う") return (vowel === "o" || vowel === "u") && !/^[aeiou]/.test(next ?? "");
  return false;
}

/** True when `s` is a reading: kana (full- or half-width), ー, spaces and ・ only, some kana. */
export function isKana(s: string): boolean {
  const t = s.normalize("NFKC");
  return READING.test(t) && KANA.test(t);
}

/**
 * A kana reading in lower-case a–z ("サトウ ハナコ" → "satohanako" in the short style): words
 * separated by spaces or ・ are joined. ん is always "n" (modern Hepburn; no apostrophe, no "m"
 * before b/m/p). `null` for anything but kana, ー, ゝゞ, spaces and ・ (kanji, Latin, digits),
 * and for a reading with no kana at all.
 */
export function romanizeReading(reading: string, style: LongVowelStyle): string | null {
  const t = reading.normalize("NFKC");
  if (!READING.test(t) || !KANA.test(t)) return null;
  let out = "";
  for (const word of toHiragana(t).split(SEPARATORS)) {
    if (word === "") continue;
    const r = romanizeWord(word, style);
    if (r === null) return null;
    out += r;
  }
  return /^[a-z]+$/.test(out) ? out : null;
}

/**
 * A reading column holds family name first, then given name, split by a space (full- or
 * half-width) or ・: "サトウ ハナコ" → { family: "サトウ", given: "ハナコ" }. Without a separator it
 * cannot be split: the whole comes back as `family` with `given` empty, for the caller to place.
 * `null` for a blank reading. Parts come back NFKC-normalised (half-width kana made full-width).
 */
export function splitReading(reading: string): { family: string; given: string } | null {
  const t = reading.normalize("NFKC").trim();
  if (t === "") return null;
  const parts = t.split(SEPARATORS).filter(Boolean);
  if (parts.length === 0) return null;
  return { family: parts[0]!, given: parts.slice(1).join(" ") };
}
