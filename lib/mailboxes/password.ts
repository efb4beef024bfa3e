import { ZCOM_PASSWORD_MAX, ZCOM_PASSWORD_SYMBOLS } from "./rules";

// Isomorphic: globalThis.crypto.getRandomValues exists in browsers and in Node ≥ 19.

export const DEFAULT_PASSWORD_LENGTH = 20;
export const MIN_GENERATED_PASSWORD_LENGTH = 16;

/**
 * The Z.com symbols minus the ones that break when a password travels: quotes and backslash
 * (CSV and shell quoting), comma and semicolon (CSV separators), `|` (tables), brackets and
 * parentheses (easily mistyped when read aloud). Still 14 symbols, so entropy barely moves.
 */
export const DEFAULT_PASSWORD_SYMBOLS = "!#$%&*+-=?@^_~";

/** A cell starting with one of these is run as a formula by spreadsheet apps (CSV injection). */
export const FORMULA_TRIGGERS = "=+-@";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";

export interface PasswordPolicy {
  /** 16–70; default 20. */
  length?: number;
  /** Non-empty subset of the Z.com symbols; default {@link DEFAULT_PASSWORD_SYMBOLS}. */
  symbols?: string;
}

/** Fills the array with uniformly random 32-bit values, like `crypto.getRandomValues`. */
export type RandomFill = (array: Uint32Array) => void;

const cryptoFill: RandomFill = (array) => {
  globalThis.crypto.getRandomValues(array);
};

/**
 * Uniform integers in [0, n) from 32-bit random words. Rejection sampling: words at or above the
 * largest multiple of n are thrown away, so `% n` never favours the low values.
 */
export function createUniformInt(fill: RandomFill = cryptoFill): (n: number) => number {
  const buffer = new Uint32Array(64);
  let position = buffer.length;
  return (n) => {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`Bad range ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      if (position === buffer.length) {
        fill(buffer);
        position = 0;
      }
      const word = buffer[position++] as number;
      if (word < limit) return word % n;
    }
  };
}

function resolvePolicy(policy: PasswordPolicy): { length: number; symbols: string } {
  const length = policy.length ?? DEFAULT_PASSWORD_LENGTH;
  if (
    !Number.isInteger(length) ||
    length < MIN_GENERATED_PASSWORD_LENGTH ||
    length > ZCOM_PASSWORD_MAX
  ) {
    throw new RangeError(
      `Password length must be an integer from ${MIN_GENERATED_PASSWORD_LENGTH} to ${ZCOM_PASSWORD_MAX}`,
    );
  }
  const symbols = [...new Set(policy.symbols ?? DEFAULT_PASSWORD_SYMBOLS)].join("");
  if (symbols === "" || [...symbols].some((ch) => !ZCOM_PASSWORD_SYMBOLS.includes(ch))) {
    throw new RangeError(`Password symbols must be a non-empty subset of ${ZCOM_PASSWORD_SYMBOLS}`);
  }
  return { length, symbols };
}

function isAcceptable(password: string, symbols: string): boolean {
  const first = password[0];
  if (first === undefined || FORMULA_TRIGGERS.includes(first)) return false;
  let upper = false;
  let lower = false;
  let digit = false;
  let symbol = false;
  for (const ch of password) {
    if (UPPER.includes(ch)) upper = true;
    else if (LOWER.includes(ch)) lower = true;
    else if (DIGITS.includes(ch)) digit = true;
    else if (symbols.includes(ch)) symbol = true;
  }
  return upper && lower && digit && symbol;
}

/**
 * A random password that meets the Z.com policy: at least one capital, small letter, digit and
 * symbol, and never starting with a spreadsheet formula trigger.
 *
 * Whole candidates are drawn uniformly and rejected until one meets every rule, which makes the
 * result uniform over all acceptable passwords (forcing "one of each class" into fixed slots would
 * not be). With the defaults about 1 candidate in 7 is rejected.
 */
export function generatePassword(policy: PasswordPolicy = {}, fill?: RandomFill): string {
  const { length, symbols } = resolvePolicy(policy);
  const alphabet = UPPER + LOWER + DIGITS + symbols;
  const below = createUniformInt(fill);
  // Even a 1-symbol policy at length 16 is accepted about 1 time in 5; 10,000 misses in a row
  // means the random source is broken, and looping forever would hide that.
  for (let attempt = 0; attempt < 10_000; attempt++) {
    let candidate = "";
    for (let i = 0; i < length; i++) candidate += alphabet[below(alphabet.length)];
    if (isAcceptable(candidate, symbols)) return candidate;
  }
  throw new Error("The random source is not producing usable values");
}
