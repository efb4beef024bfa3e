import fc from "fast-check";

// Generators for the agreement properties: inputs that sit on every edge of the local-part,
// password and name rules, so "schema accepts ⇔ sandbox accepts" is tested where it can break.

const LOWER = [..."abcdefghijklmnopqrstuvwxyz"];
const UPPER = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"];
const DIGITS = [..."0123456789"];
/** Every printable ASCII symbol (space included). */
const ASCII_SYMBOLS = [..." !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"];
/**
 * Unicode that NFKC / trimming / lower-casing turn into something else, or that looks like
 * ASCII and is not: full-width letters and digits, ligatures, the Kelvin sign, accented and
 * non-Latin letters, odd spaces and invisible characters, an emoji (a surrogate pair).
 */
const UNICODE = [
  "ａ",
  "Ｚ",
  "０",
  "－",
  "．",
  "＿",
  "ﬁ",
  "K",
  "é",
  "ü",
  "ß",
  "İ",
  "ı",
  "а", // Cyrillic a
  "日",
  "한",
  "\u00a0",
  "\u3000",
  "\u200b",
  "\u2028",
  "\t",
  "\n",
  "😀",
  "①",
  "ǅ",
];

const char = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...LOWER) },
  { weight: 3, arbitrary: fc.constantFrom(...DIGITS) },
  { weight: 3, arbitrary: fc.constantFrom(".", "-", "_") },
  { weight: 2, arbitrary: fc.constantFrom(...UPPER) },
  { weight: 2, arbitrary: fc.constantFrom(...ASCII_SYMBOLS) },
  { weight: 2, arbitrary: fc.constantFrom(...UNICODE) },
);

const safeChar = fc.constantFrom(...LOWER, ...DIGITS);
const edge = fc.constantFrom("", "", "", "-", ".", "_", "..", "--", " ", "A", "ａ", "\u00a0");

/** Local parts for either provider: mostly plausible, with every kind of edge. */
export function localPartArb(): fc.Arbitrary<string> {
  const plausible = fc.oneof(
    fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}[a-z0-9]$/),
    fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}[a-z0-9]$/),
    fc.stringMatching(/^[a-z]{1,8}\.[a-z]{1,8}$/),
  );
  // 1, 2, 63, 64 and 65 characters are where the two providers' limits sit.
  const edgeLength = fc
    .constantFrom(1, 2, 3, 62, 63, 64, 65, 66)
    .chain((n) => fc.string({ unit: safeChar, minLength: n, maxLength: n }));
  const anything = fc.string({ unit: char, minLength: 0, maxLength: 70 });
  const framed = fc
    .tuple(edge, fc.oneof(plausible, anything), edge)
    .map(([start, core, end]) => start + core + end);
  const upper = plausible.map((s) => s.toUpperCase());
  return fc.oneof(
    { weight: 4, arbitrary: plausible },
    { weight: 2, arbitrary: edgeLength },
    { weight: 3, arbitrary: anything },
    { weight: 3, arbitrary: framed },
    { weight: 1, arbitrary: upper },
  );
}

/** Lower-case local parts with at least one letter, valid for Hybridbox (for the upper-case property). */
export function hybridboxValidLetteredLocalPart(): fc.Arbitrary<string> {
  return fc.stringMatching(/^[a-z][a-z0-9._-]{0,20}[a-z0-9]$/).filter((s) => !s.includes(".."));
}

const ZCOM_SYMBOLS = [..."!#$%&?\"'=+-_{}[]^~:;().,/|\\*@"];
const FORBIDDEN_IN_PASSWORDS = [
  " ",
  "`",
  "<",
  ">",
  "é",
  "ü",
  "日",
  "\u201c",
  "\u201d",
  "\u00a0",
  "\t",
  "😀",
  "Ａ",
  "１",
];

interface PasswordShape {
  upper: boolean;
  lower: boolean;
  digit: boolean;
  symbol: boolean;
  forbidden: boolean;
  length: number;
}

/**
 * Passwords near both length limits (9 and 70) and anywhere between, each with a random choice
 * of which classes it contains (capital, small, digit, allowed symbol, forbidden character).
 */
export function passwordArb(): fc.Arbitrary<string> {
  const length = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 6, max: 12 }) },
    { weight: 3, arbitrary: fc.integer({ min: 66, max: 74 }) },
    { weight: 2, arbitrary: fc.integer({ min: 9, max: 70 }) },
    { weight: 2, arbitrary: fc.integer({ min: 1, max: 80 }) },
  );
  // Each class present most of the time, so about a third of the passwords are valid.
  const usually = (weight: number) =>
    fc.oneof(
      { weight, arbitrary: fc.constant(true) },
      { weight: 1, arbitrary: fc.constant(false) },
    );
  const shape: fc.Arbitrary<PasswordShape> = fc.record({
    upper: usually(9),
    lower: usually(9),
    digit: usually(9),
    symbol: fc.boolean(),
    forbidden: usually(3).map((absent) => !absent),
    length,
  });
  const likely = shape.chain((s) => {
    const pools: string[][] = [];
    if (s.upper) pools.push(UPPER);
    if (s.lower) pools.push(LOWER);
    if (s.digit) pools.push(DIGITS);
    if (s.symbol) pools.push(ZCOM_SYMBOLS);
    if (s.forbidden) pools.push(FORBIDDEN_IN_PASSWORDS);
    if (pools.length === 0) pools.push(LOWER);
    // One of each chosen class first, so "has a digit" is really true, then the rest shuffled in.
    const required = pools.map((pool) => fc.constantFrom(...pool));
    const rest = fc.array(fc.constantFrom(...pools.flat()), {
      minLength: Math.max(0, s.length - pools.length),
      maxLength: Math.max(0, s.length - pools.length),
    });
    return fc
      .tuple(fc.tuple(...required), rest, fc.integer({ min: 0, max: 1_000_000 }))
      .map(([head, tail, salt]) => shuffle([...head, ...tail], salt).join(""));
  });
  const anything = fc.string({
    unit: fc.oneof(
      fc.constantFrom(...UPPER, ...LOWER, ...DIGITS, ...ZCOM_SYMBOLS),
      fc.constantFrom(...FORBIDDEN_IN_PASSWORDS, ...ASCII_SYMBOLS),
    ),
    minLength: 0,
    maxLength: 75,
  });
  return fc.oneof({ weight: 5, arbitrary: likely }, { weight: 1, arbitrary: anything });
}

/** A deterministic shuffle (the salt comes from fast-check, so runs replay and shrink). */
function shuffle<T>(items: T[], salt: number): T[] {
  const out = [...items];
  let state = salt || 1;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const NAME_CHARS = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...LOWER, ...UPPER, " ", "-", "'", ".") },
  { weight: 2, arbitrary: fc.constantFrom("佐", "藤", "김", "é", "ß", "😀", "\u00a0", "\u3000") },
);
const CONTROL = fc.constantFrom("\t", "\n", "\r", "\u0000", "\u001f", "\u007f");

/** First/last names: empty, blank, padded, control characters inside, and 99–102 code points. */
export function nameArb(): fc.Arbitrary<string> {
  const padding = fc.constantFrom("", "", "", "", " ", "  ", "\t", "\n", "\u00a0", "\u3000");
  const clean = fc.string({ unit: NAME_CHARS, minLength: 0, maxLength: 20 });
  const body = fc.oneof(
    { weight: 6, arbitrary: clean },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom(99, 100, 101, 102)
        .chain((n) => fc.string({ unit: NAME_CHARS, minLength: n, maxLength: n })),
    },
    { weight: 1, arbitrary: fc.constantFrom("", " ", "\t", "\u3000", "\u0085") },
    {
      weight: 1,
      arbitrary: fc.tuple(clean, CONTROL, clean).map(([a, control, b]) => a + control + b),
    },
  );
  return fc.tuple(padding, body, padding).map(([a, b, c]) => a + b + c);
}
