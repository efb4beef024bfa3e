/**
 * What JSON makes of a value: dates become ISO strings. A route's answer has this shape in the
 * browser, so a page that seeds the browser's cache on the server gives it the same shape.
 */
export type Wire<T> = T extends Date
  ? string
  : // A homomorphic mapped type keeps arrays and tuples as they are.
    T extends object
    ? { [K in keyof T]: Wire<T[K]> }
    : T;

/** The value as the browser receives it from a JSON answer (without a string round trip). */
export function toWire<T>(value: T): Wire<T> {
  if (value instanceof Date) return value.toISOString() as Wire<T>;
  if (Array.isArray(value)) return value.map((item: unknown) => toWire(item)) as Wire<T>;
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = toWire(item);
    }
    return out as Wire<T>;
  }
  return value as Wire<T>;
}
