// Helpers for messages that name characters: an admin cannot act on "invalid character" when the
// culprit is invisible (a non-breaking space pasted from a spreadsheet), so invisible ones get names.

const NAMED: Readonly<Record<string, string>> = {
  " ": "space",
  "\t": "tab",
  "\n": "line break",
  "\r": "line break",
  "\u00a0": "non-breaking space",
  "\u200b": "zero-width space",
  "\ufeff": "byte-order mark",
};

/** `"."`, `space`, `U+200E` — quoted when printable, named or coded when not. */
export function describeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const cp = ch.codePointAt(0) ?? 0;
  if (cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f) || /\p{Cf}|\p{Z}/u.test(ch)) {
    return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return `"${ch}"`;
}

/** Distinct characters of `value` (by code point, first-seen order) that fail `allowed`. */
export function disallowedChars(value: string, allowed: (ch: string) => boolean): string[] {
  const seen = new Set<string>();
  for (const ch of value) {
    if (!allowed(ch)) seen.add(ch);
  }
  return [...seen];
}

/** Joins at most `max` described characters, so a pasted paragraph does not become a message. */
export function listChars(chars: readonly string[], max = 5): string {
  const shown = chars.slice(0, max).map(describeChar).join(", ");
  return chars.length > max ? `${shown} and ${chars.length - max} more` : shown;
}

/** Length in code points, which is what a person counts (and what the providers' APIs count). */
export function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

/** U+0000–U+001F and U+007F, which the providers reject in names. */
export function hasControlChar(value: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(value);
}
