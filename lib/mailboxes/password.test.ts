import { describe, expect, it } from "vitest";
import {
  createUniformInt,
  DEFAULT_PASSWORD_SYMBOLS,
  FORMULA_TRIGGERS,
  generatePassword,
  type RandomFill,
} from "./password";
import { zcomPasswordSchema } from "./rules";

// Pearson's statistic against a uniform expectation. Its mean is df and its sd √(2·df), so
// "df + 6 sd" flags only gross bias (like `byte % n`) and fails by chance about once in 10⁸ runs.
function chiSquare(counts: readonly number[]): { stat: number; limit: number } {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  const stat = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
  const df = counts.length - 1;
  return { stat, limit: df + 6 * Math.sqrt(2 * df) };
}

function countsOf(text: string, alphabet: string): number[] {
  const counts = new Array<number>(alphabet.length).fill(0);
  for (const ch of text) {
    const i = alphabet.indexOf(ch);
    if (i >= 0) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

describe("generatePassword", () => {
  const passwords = Array.from({ length: 10_000 }, () => generatePassword());

  it("always meets the Z.com policy, at the default length of 20", () => {
    for (const password of passwords) {
      expect(password).toHaveLength(20);
      expect(zcomPasswordSchema.safeParse(password).success).toBe(true);
      expect(password).toMatch(/[!#$%&*+\-=?@^_~]/);
    }
  });

  it("never starts with a spreadsheet formula trigger", () => {
    for (const password of passwords) expect(FORMULA_TRIGGERS).not.toContain(password[0]);
  });

  it("has no gross bias within each character class", () => {
    // The "one of each class" rule skews classes against each other a little, by design; within
    // a class every character must be equally likely.
    const body = passwords.map((p) => p.slice(1)).join("");
    for (const alphabet of [
      "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
      "abcdefghijklmnopqrstuvwxyz",
      "0123456789",
      DEFAULT_PASSWORD_SYMBOLS,
    ]) {
      const { stat, limit } = chiSquare(countsOf(body, alphabet));
      expect(stat).toBeLessThan(limit);
    }
  });

  it("honours length and symbols, and rejects policies it cannot meet safely", () => {
    const password = generatePassword({ length: 70, symbols: '"\\' });
    expect(password).toHaveLength(70);
    expect(password).toMatch(/["\\]/);
    expect(zcomPasswordSchema.safeParse(password).success).toBe(true);
    expect(() => generatePassword({ length: 15 })).toThrow(RangeError);
    expect(() => generatePassword({ length: 71 })).toThrow(RangeError);
    expect(() => generatePassword({ symbols: "" })).toThrow(RangeError);
    expect(() => generatePassword({ symbols: "<" })).toThrow(RangeError);
  });

  it("fails loudly when the random source is broken", () => {
    const zeros: RandomFill = (array) => array.fill(0);
    expect(() => generatePassword({}, zeros)).toThrow("random source");
  });
});

describe("createUniformInt", () => {
  it("rejects the words that would bias `% n`", () => {
    // 2³² mod 76 = 44, so the top 44 words are rejected and the next one is used.
    const words = [2 ** 32 - 1, 2 ** 32 - 44, 2 ** 32 - 45, 5];
    const fill: RandomFill = (array) => {
      array.fill(0);
      words.forEach((w, i) => (array[i] = w));
    };
    const below = createUniformInt(fill);
    expect(below(76)).toBe((2 ** 32 - 45) % 76);
    expect(below(76)).toBe(5);
  });

  it("is uniform over a range that does not divide 256", () => {
    const below = createUniformInt();
    const counts = new Array<number>(76).fill(0);
    for (let i = 0; i < 76_000; i++) {
      const k = below(76);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    const { stat, limit } = chiSquare(counts);
    expect(stat).toBeLessThan(limit);
  });

  it("would catch a byte-modulo generator", () => {
    // Sanity check of the test itself: `byte % 76` favours 0–27 by a third.
    const bytes = new Uint8Array(60_800); // getRandomValues takes at most 64 KiB;
    globalThis.crypto.getRandomValues(bytes);
    const counts = new Array<number>(76).fill(0);
    for (const b of bytes) counts[b % 76] = (counts[b % 76] ?? 0) + 1;
    const { stat, limit } = chiSquare(counts);
    expect(stat).toBeGreaterThan(limit);
  });
});
