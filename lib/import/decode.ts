import { analyse } from "chardet";
import type { EncodingId } from "./encodings";

// Opened text files, decoded by evidence rather than by guess. In order: a byte order mark; the
// zero-byte pattern of UTF-16 without one; a strict UTF-8 decode (ASCII passes it too); then each
// legacy encoding admins' Excel writes (Shift_JIS/CP932, EUC-JP, CP949/EUC-KR), decoded strictly
// so one invalid byte rules an encoding out. When more than one survives, chardet (a port of ICU's
// detector) ranks them from character frequencies; when it cannot tell them apart, a score of what
// the text would read as (kana, Hangul, kanji against half-width kana, jamo and private use)
// decides. The browser's TextDecoder does the decoding (encodings.ts). Pure and isomorphic.

export type { EncodingId };

/** How the encoding was found, from certain to a best effort. */
export type DetectedBy =
  | "bom" // a byte order mark
  | "zero-bytes" // UTF-16 without a mark: every other byte zero
  | "strict" // the only encoding that decodes every byte (UTF-8 first)
  | "detector" // several decode; chardet ranked them
  | "score" // several decode; chardet had no verdict, the text's script decided
  | "lossy"; // none decodes every byte: the least damaged reading, with replacement characters

export interface Detection {
  encoding: EncodingId;
  by: DetectedBy;
}

const LEGACY = ["shift_jis", "euc-jp", "euc-kr"] as const satisfies readonly EncodingId[];
type Legacy = (typeof LEGACY)[number];

const CHARDET_NAMES: Record<string, Legacy> = {
  Shift_JIS: "shift_jis",
  "EUC-JP": "euc-jp",
  "EUC-KR": "euc-kr",
};

/** What chardet reads; a staff list says what it is within its first lines. */
const SAMPLE_BYTES = 64 * 1024;
/** chardet's confidence (0–100) below which its ranking is a shrug, not a verdict. */
const MIN_CONFIDENCE = 30;

function bomOf(bytes: Uint8Array): EncodingId | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/** UTF-16 without a mark: a CSV in it has a zero byte on one side of many units, few on the other. */
function zeroBytePattern(bytes: Uint8Array): EncodingId | undefined {
  const n = Math.min(bytes.length, SAMPLE_BYTES) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const units = n / 2;
  // Not "none on the other side": U+4E00 一 and U+AC00 가 have a zero low byte.
  if (odd > units * 0.3 && even * 10 < odd) return "utf-16le";
  if (even > units * 0.3 && odd * 10 < even) return "utf-16be";
  return undefined;
}

function decodesStrictly(bytes: Uint8Array, label: EncodingId): boolean {
  try {
    new TextDecoder(label, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * How plausible `text` is as a CJK staff list. Mis-decoded bytes land in the wrong script: EUC
 * bytes read as Shift_JIS become half-width katakana, EUC-JP kana read as EUC-KR become
 * compatibility jamo and Greek, EUC-KR Hangul read as EUC-JP become rare kanji.
 */
export function plausibility(text: string): number {
  let score = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) continue;
    if (c >= 0x3040 && c <= 0x30ff)
      score += 2; // hiragana, katakana
    else if (c >= 0xac00 && c <= 0xd7a3)
      score += 2; // Hangul syllables
    else if (c >= 0x4e00 && c <= 0x9fff)
      score += 1; // CJK ideographs
    else if (c >= 0xff61 && c <= 0xff9f)
      score -= 1; // half-width katakana
    else if (c >= 0x3131 && c <= 0x318e)
      score -= 2; // Hangul compatibility jamo
    else if (c >= 0xe000 && c <= 0xf8ff)
      score -= 5; // private use
    else if (c === 0xfffd) score -= 10; // replacement character
  }
  return score;
}

function byScore(bytes: Uint8Array, labels: readonly EncodingId[]): EncodingId {
  let best = labels[0] ?? "utf-8";
  let bestScore = -Infinity;
  for (const label of labels) {
    const score = plausibility(decodeAs(bytes, label));
    if (score > bestScore) [best, bestScore] = [label, score];
  }
  return best;
}

export function detectEncoding(bytes: Uint8Array): Detection {
  const bom = bomOf(bytes);
  if (bom) return { encoding: bom, by: "bom" };
  const utf16 = zeroBytePattern(bytes);
  if (utf16) return { encoding: utf16, by: "zero-bytes" };
  if (decodesStrictly(bytes, "utf-8")) return { encoding: "utf-8", by: "strict" };

  const valid = LEGACY.filter((label) => decodesStrictly(bytes, label));
  const [only] = valid;
  if (only && valid.length === 1) return { encoding: only, by: "strict" };
  if (valid.length === 0) return { encoding: byScore(bytes, ["utf-8", ...LEGACY]), by: "lossy" };

  const ranked = analyse(bytes.subarray(0, SAMPLE_BYTES))
    .map((m) => ({ label: CHARDET_NAMES[m.name], confidence: m.confidence }))
    .filter((m): m is { label: Legacy; confidence: number } => valid.includes(m.label as Legacy));
  const [first, second] = ranked;
  // On a few characters chardet gives every CJK encoding the same token confidence: no verdict.
  if (first && first.confidence >= MIN_CONFIDENCE && first.confidence > (second?.confidence ?? 0))
    return { encoding: first.label, by: "detector" };
  return { encoding: byScore(bytes, valid), by: "score" };
}

/** The text in `encoding`, its byte order mark dropped; invalid bytes become U+FFFD. */
export function decodeAs(bytes: Uint8Array, encoding: EncodingId): string {
  return new TextDecoder(encoding).decode(bytes);
}

export function decodeFile(bytes: Uint8Array): Detection & { text: string } {
  const detection = detectEncoding(bytes);
  return { ...detection, text: decodeAs(bytes, detection.encoding) };
}
