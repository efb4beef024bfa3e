import {
  hasHangul,
  romanizeHangul,
  romanizeKoreanSurname,
  splitKoreanName,
} from "./romanize-hangul";
import { isKana, romanizeReading, splitReading, type LongVowelStyle } from "./romanize-kana";

// Suggested Latin spellings for names derive.ts cannot spell (kana, Hangul, kanji with a kana
// reading), for the paste reader to offer. A suggestion, shown to the admin before anything is
// made: kanji without a reading still gives null, and the admin is asked, as before.
// Isomorphic: runs in the browser and in a Web Worker.

export {
  hasHangul,
  isKana,
  romanizeHangul,
  romanizeKoreanSurname,
  romanizeReading,
  splitKoreanName,
  splitReading,
};
export type { LongVowelStyle };

/** The name cells of one row; readings are kana columns (フリガナ, ふりがな, カナ, よみ). */
export interface NameCells {
  firstName: string;
  lastName: string;
  fullName?: string;
  /** Family name first, then given name: "サトウ ハナコ". */
  reading?: string;
  readingFirst?: string;
  readingLast?: string;
}

const HANGUL_NAME = /^[\uac00-\ud7a3\s]+$/;
const PLAIN_LATIN = /^[A-Za-z]+$/;

/**
 * Romanised first and last names, lower-case a–z, from whatever the row has: a Japanese reading
 * wins over the name it reads (kanji or not); names in kana or Hangul are romanised themselves
 * (Korean surnames by their usual spelling: 김 → kim); plain a–z names pass through lower-cased,
 * so a half-Latin row still works. A missing part comes back "" (derive.ts already asks for it
 * when its pattern needs it). `null` when any present part cannot be romanised mechanically
 * (kanji without a reading, Cyrillic, "Jean-Luc" — derive.ts handles those as before), or when
 * there is no name at all.
 */
export function suggestNames(
  cells: NameCells,
  style: LongVowelStyle,
): { first: string; last: string } | null {
  let first = cells.firstName.trim();
  let last = cells.lastName.trim();
  // A whole Korean name in one cell (the paste reader puts an unspaced one in firstName).
  if (last === "") {
    const whole = first || cells.fullName?.trim() || "";
    const korean = HANGUL_NAME.test(whole) ? splitKoreanName(whole) : null;
    if (korean) ({ family: last, given: first } = korean);
    else if (first === "" && isKana(whole)) {
      const kana = splitReading(whole);
      if (kana) ({ family: last, given: first } = kana);
    }
  }

  let readingFirst = cells.readingFirst?.trim() ?? "";
  let readingLast = cells.readingLast?.trim() ?? "";
  const reading = cells.reading?.trim() ?? "";
  if (readingFirst === "" && readingLast === "" && reading !== "") {
    const split = splitReading(reading);
    if (split && split.given !== "") ({ family: readingLast, given: readingFirst } = split);
    // Unsplittable: it can only be placed when the row has one name for it to read.
    else if (split && last !== "" && first === "") readingLast = split.family;
    else if (split && first !== "" && last === "") readingFirst = split.family;
    else if (split && first === "" && last === "") return null;
  }

  const lastOut = part(last, readingLast, "family", style);
  const firstOut = part(first, readingFirst, "given", style);
  if (lastOut === null || firstOut === null || (lastOut === "" && firstOut === "")) return null;
  return { first: firstOut, last: lastOut };
}

function part(
  name: string,
  reading: string,
  role: "family" | "given",
  style: LongVowelStyle,
): string | null {
  const fromReading = reading ? romanizeReading(reading, style) : null;
  if (fromReading !== null) return fromReading;
  if (name === "") return reading ? null : "";
  if (isKana(name)) return romanizeReading(name, style);
  if (HANGUL_NAME.test(name)) {
    return role === "family" ? romanizeKoreanSurname(name) || null : romanizeHangul(name);
  }
  return PLAIN_LATIN.test(name) ? name.toLowerCase() : null;
}
