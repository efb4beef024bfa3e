import {
  hasHangul,
  romanizeHangul,
  romanizeKoreanSurname,
  splitKoreanName,
} from "./romanize-hangul";
import { isKana, romanizeReading, splitReading, type LongVowelStyle } from "./romanize-kana";

// Latin spellings for names derive.ts cannot spell (kana readings, Hangul), for the paste reader
// to offer. Isomorphic: runs in the browser and in a Web Worker.

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
