import { isRecord } from "./http-io";

export interface LimitRule {
  min: number;
  integer: boolean;
}

/**
 * Validates a partial limits object against per-field rules; unknown fields are an error so a
 * typo in a test does not silently leave the default in force.
 */
export function parseLimits<T extends object>(
  input: unknown,
  rules: Record<keyof T, LimitRule>,
): { ok: true; value: Partial<T> } | { ok: false; error: string } {
  if (!isRecord(input)) return { ok: false, error: "limits must be a JSON object" };
  const value: Record<string, number> = {};
  for (const [key, raw] of Object.entries(input)) {
    const rule = Object.hasOwn(rules, key) ? rules[key as keyof T] : undefined;
    if (!rule) return { ok: false, error: `unknown limit "${key}"` };
    const valid =
      typeof raw === "number" &&
      Number.isFinite(raw) &&
      raw >= rule.min &&
      (!rule.integer || Number.isInteger(raw));
    if (!valid) {
      return {
        ok: false,
        error: `${key} must be ${rule.integer ? "an integer" : "a number"} >= ${rule.min}`,
      };
    }
    value[key] = raw;
  }
  return { ok: true, value: value as Partial<T> };
}
