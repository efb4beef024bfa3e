import type { ProviderId } from "./provider-id";
import { localPartProblems, normalizeLocalPart } from "./rules";

// Local parts made from names, for rows pasted without one. Never a guess: a name that cannot be
// spelled in a–z (Hangul, kanji, kana, Cyrillic…) gives an error that asks the admin for a local
// part instead of a romanisation somebody has to live with. Isomorphic; linear in the row count.

/** A built-in pattern, or a custom template with {first} {last} {f} {l} (f, l: initials). */
export type Pattern =
  "first.last" | "f.last" | "first" | "firstlast" | "last.first" | { custom: string };

export type Derived =
  { localPart: string; derived: boolean; suffixed: boolean } | { error: string };

const TEMPLATES: Readonly<Record<Exclude<Pattern, { custom: string }>, string>> = {
  "first.last": "{first}.{last}",
  "f.last": "{f}.{last}",
  first: "{first}",
  firstlast: "{first}{last}",
  "last.first": "{last}.{first}",
};

/**
 * The shape a derived local part needs. rules.ts is the authority (localPartProblems); these are
 * the same limits, and the property test checks every derived result against rules.ts.
 */
const SHAPE: Readonly<
  Record<
    ProviderId,
    { separator: string; separators: string; collapse: RegExp; min: number; max: number }
  >
> = {
  // A run of separators becomes its first one: "{first}._{last}" with no first name → "doe".
  hybridbox: { separator: ".", separators: "._-", collapse: /([._-])[._-]+/g, min: 1, max: 64 },
  zcom: { separator: "-", separators: "-", collapse: /(-)-+/g, min: 2, max: 63 },
};

const SPECIAL: Readonly<Record<string, string>> = {
  ß: "ss",
  ẞ: "SS",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ø: "o",
  Ø: "O",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ð: "d",
  Ð: "D",
  þ: "th",
  Þ: "Th",
  ı: "i",
  ħ: "h",
  Ħ: "H",
};
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join("")}]`, "g");
const NON_LATIN_LETTER = /(?=[^\0-\x7f])\p{L}/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ASCII = /^[\0-\x7f]*$/;
const EAST_ASIAN = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Accented Latin → ASCII ("Zoë Ørsted" → "Zoe Orsted", "Łukasz" → "Lukasz", "Straße" →
 * "Strasse"); case, spaces and punctuation are kept. `null` when any letter is left that is not
 * a–z (Hangul, kanji, kana, Cyrillic, Greek…): those need a person, not a table.
 */
export function transliterate(name: string): string | null {
  if (PRINTABLE_ASCII.test(name)) return name;
  // Each step only when the previous one left something outside ASCII: most names stop early.
  let out = name.normalize("NFKD");
  if (ASCII.test(out)) return out;
  out = out.replace(/\p{M}/gu, "");
  if (ASCII.test(out)) return out;
  out = out.replace(SPECIAL_RE, (ch) => SPECIAL[ch]!);
  return NON_LATIN_LETTER.test(out) ? null : out;
}

type Token = "first" | "last" | "f" | "l";
type Segment = { token: Token } | { literal: string };

interface Template {
  segments: Segment[];
  tokens: ReadonlySet<Token>;
  /** How the admin knows the pattern: "f.last", or the custom template. */
  label: string;
}

function templateOf(pattern: Pattern): string {
  return typeof pattern === "string" ? TEMPLATES[pattern] : pattern.custom;
}

/** Problems with a pattern (only a custom one can have any); empty when it is usable. */
export function patternProblems(pattern: Pattern): string[] {
  return compile(pattern, "hybridbox").problems;
}

function compile(
  pattern: Pattern,
  provider: ProviderId,
): { template: Template; problems: string[] } {
  const text = templateOf(pattern);
  const problems: string[] = [];
  const segments: Segment[] = [];
  const badChars = new Set<string>();
  let last = 0;
  for (const match of text.matchAll(/\{([^{}]*)\}/g)) {
    pushLiteral(text.slice(last, match.index), provider, segments, badChars);
    const name = match[1]!.trim().toLowerCase();
    if (name === "first" || name === "last" || name === "f" || name === "l") {
      segments.push({ token: name });
    } else {
      problems.push(`Unknown placeholder {${match[1]}}; use {first}, {last}, {f} or {l}`);
    }
    last = match.index + match[0].length;
  }
  pushLiteral(text.slice(last), provider, segments, badChars);
  const tokens = new Set(segments.flatMap((s) => ("token" in s ? [s.token] : [])));
  if (tokens.size === 0) problems.push("Use at least one of {first}, {last}, {f} or {l}");
  if (badChars.size > 0) {
    const list = [...badChars].map((c) => (c === " " ? "space" : `"${c}"`)).join(", ");
    problems.push(`Only letters, digits, dot (.), underscore (_) and - can be used; found ${list}`);
  }
  const template: Template = {
    segments,
    tokens,
    label: typeof pattern === "string" ? pattern : pattern.custom,
  };
  return { template, problems };
}

/** Literal template text, lower-cased, with dots and underscores turned into "-" on Z.com. */
function pushLiteral(raw: string, provider: ProviderId, out: Segment[], bad: Set<string>): void {
  if (raw === "") return;
  const { separator, separators } = SHAPE[provider];
  let literal = "";
  for (const ch of raw) {
    const t = transliterate(ch)?.toLowerCase() ?? ch;
    for (const c of t) {
      if (/[a-z0-9]/.test(c)) literal += c;
      else if (/[._-]/.test(c)) literal += separators.includes(c) ? c : separator;
      else bad.add(ch);
    }
  }
  out.push({ literal });
}

/** A name as local-part material: a–z, 0–9 and inner hyphens ("Jean-Luc" → "jean-luc"). */
function slug(name: string): string | null {
  const t = transliterate(name);
  if (t === null) return null;
  return t
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The name as the admin wrote it, for messages: family name first for an East Asian name. */
function displayName(first: string, last: string): string {
  const eastAsian = EAST_ASIAN.test(last) && (first === "" || EAST_ASIAN.test(first));
  return (eastAsian ? [last, first] : [first, last]).filter(Boolean).join(" ");
}

const cannot = (first: string, last: string) =>
  `Enter a local part: ${displayName(first, last)} cannot be turned into one`;

/** The base local part for one row, before any collision suffix. */
function build(
  provider: ProviderId,
  template: Template,
  slugOf: (name: string) => string | null,
  firstName: string,
  lastName: string,
): { base: string } | { error: string } {
  if (firstName.trim() === "" && lastName.trim() === "") {
    return { error: "Enter a local part, or a name to build one from" };
  }
  // Only the names the pattern uses matter: "Hanako 佐藤" is fine for the pattern "first".
  const first = template.tokens.has("first") || template.tokens.has("f") ? firstName.trim() : "";
  const last = template.tokens.has("last") || template.tokens.has("l") ? lastName.trim() : "";
  const f = first ? slugOf(first) : "";
  const l = last ? slugOf(last) : "";
  if (f === null || l === null) return { error: cannot(first, last) };

  const { separators, collapse, min, max } = SHAPE[provider];
  const values: Record<Token, string> = { first: f, last: l, f: f.charAt(0), l: l.charAt(0) };
  let out = "";
  let fromFullName = false;
  for (const segment of template.segments) {
    if ("literal" in segment) {
      out += segment.literal;
    } else {
      const value = values[segment.token];
      if (value && (segment.token === "first" || segment.token === "last")) fromFullName = true;
      out += value;
    }
  }
  out = trimSeparators(
    trimSeparators(out.replace(collapse, "$1"), separators).slice(0, max),
    separators,
  );

  // "f.last" without a last name would give a bare initial: ask rather than hand out "j".
  const hasFullToken = template.tokens.has("first") || template.tokens.has("last");
  if (out === "" || (hasFullToken && !fromFullName)) {
    const unusable = (first !== "" && f === "") || (last !== "" && l === "");
    const blank = (["first", "last"] as const).find(
      (token) => template.tokens.has(token) && (token === "first" ? first : last) === "",
    );
    if (blank && !unusable) {
      return { error: `Enter a local part, or a ${blank} name for the pattern ${template.label}` };
    }
    return { error: cannot(first, last) };
  }
  if (out.length < min) {
    return {
      error: `Enter a local part: "${out}" (from ${displayName(first, last)}) is shorter than ${min} characters`,
    };
  }
  return { base: out };
}

function trimSeparators(value: string, separators: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && separators.includes(value[start]!)) start++;
  while (end > start && separators.includes(value[end - 1]!)) end--;
  return value.slice(start, end);
}

/**
 * One result per row, same order. Rows with a local part keep it (normalised, never suffixed:
 * duplicates among given ones are the list schema's to report). The others get one made from
 * their names by `pattern`; one already given anywhere in the list, made for an earlier row, or
 * in `taken` gets a visible numeric suffix (jane.doe2, jane.doe3…; jane-doe2 on Z.com).
 */
export function fillMissingLocalParts(
  provider: ProviderId,
  rows: readonly { firstName: string; lastName: string; localPart: string }[],
  pattern: Pattern,
  taken: ReadonlySet<string> = new Set(),
): Derived[] {
  const { template, problems } = compile(pattern, provider);
  const given = rows.map((row) => normalizeLocalPart(row.localPart));
  // Given local parts are fixed, so a made one must avoid them even when they come later.
  const used = new Set(given.filter((lp) => lp !== ""));
  const isUsed = (lp: string) => used.has(lp) || taken.has(lp);
  const nextSuffix = new Map<string, number>();
  const { separators, max } = SHAPE[provider];
  // Lists repeat first names (and many last names) a lot; NFKD is the costly step.
  const slugs = new Map<string, string | null>();
  const slugOf = (name: string) => {
    let value = slugs.get(name);
    if (value === undefined) slugs.set(name, (value = slug(name)));
    return value;
  };

  return rows.map((row, i): Derived => {
    const localPart = given[i]!;
    if (localPart !== "") return { localPart, derived: false, suffixed: false };
    if (problems.length > 0) return { error: `Fix the pattern: ${problems.join("; ")}` };
    const made = build(provider, template, slugOf, row.firstName, row.lastName);
    if ("error" in made) return made;

    let candidate = made.base;
    let suffixed = false;
    if (isUsed(candidate)) {
      suffixed = true;
      let n = nextSuffix.get(made.base) ?? 2;
      for (; ; n++) {
        const suffix = String(n);
        candidate = trimSeparators(made.base.slice(0, max - suffix.length), separators) + suffix;
        if (!isUsed(candidate)) break;
      }
      nextSuffix.set(made.base, n + 1);
    }
    used.add(candidate);
    // Unreachable by construction (see the property test), but never hand on an invalid one.
    const invalid = localPartProblems(provider, candidate);
    if (invalid.length > 0) return { error: `Enter a local part: ${invalid.join("; ")}` };
    return { localPart: candidate, derived: true, suffixed };
  });
}
